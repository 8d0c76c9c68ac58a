import { util, type Context } from '@aws-appsync/utils';
import { ErrorType, problem, type Problem } from './problems';

/** Fails the field with a problem: errorInfo carries field, received and allowed for clients. */
export function fail(found: Problem): never {
  return util.error(found.message, found.errorType, null, {
    field: found.field,
    received: found.received ?? null,
    allowed: found.allowed,
  });
}

/** Fails the field with the data source's error, keeping AppSync's errorType (e.g. `DynamoDB:...`). */
export function failOnDataSourceError(ctx: Context): void {
  if (ctx.error) {
    util.error(ctx.error.message, ctx.error.type);
  }
}

export function queueNotFound(field: string, name: string): never {
  return fail(problem(field, name, 'the name of an existing queue', ErrorType.QueueNotFound));
}

/** The physical name of a table, from the API's environment variables (set by the manifest). */
export function tableName(ctx: Context, variable: string): string {
  const name = ctx.env[variable];
  if (!name) {
    return util.error(
      `Environment variable ${variable} is not set; the manifest maps it to a table.`,
      ErrorType.Configuration,
    );
  }
  return name;
}
