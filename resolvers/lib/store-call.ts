import { util, type Context, type LambdaRequest } from '@aws-appsync/utils';
import { fail } from './errors';
import type { Problem } from './problems';

/**
 * Calls one of Courier's store functions for the resolver's field: the Lambda answers
 * `{ ok }` or `{ problem }`, so input problems keep their errorType (a thrown Lambda error would
 * reach clients as Lambda:Unhandled).
 */
export function callStore(ctx: Context): LambdaRequest {
  return {
    operation: 'Invoke',
    payload: {
      field: ctx.info.fieldName,
      arguments: ctx.args,
      source: ctx.source ?? null,
    },
  };
}

/** The store's answer, or the field's error: the problem, or the Lambda's own failure. */
export function storeResult<T>(ctx: Context): T {
  if (ctx.error) {
    return util.error(ctx.error.message, ctx.error.type);
  }
  const answer = ctx.result as { ok?: T; problem?: Problem };
  if (answer.problem) {
    return fail(answer.problem);
  }
  return answer.ok as T;
}
