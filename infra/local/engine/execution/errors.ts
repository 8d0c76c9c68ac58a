import {
  getNamedType,
  isObjectType,
  type GraphQLError,
  type GraphQLSchema,
  type SourceLocation,
} from 'graphql';
import { findScalarError } from '../scalars/errors';

/**
 * A field error as AppSync reports it: util.error's four parts, a data-source request AppSync
 * refuses, a field the caller may not read. The message goes to the client as is.
 */
export class AppSyncFieldError extends Error {
  constructor(
    message: string,
    readonly errorType: string | null,
    readonly data: unknown = null,
    readonly errorInfo: unknown = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'AppSyncFieldError';
  }
}

/** One entry of `errors[]`, members in the order AppSync prints them [runtime §11.2]. */
export interface AppSyncErrorEntry {
  path: readonly (string | number)[] | null;
  data: unknown;
  errorType: string | null;
  errorInfo: unknown;
  locations: { line: number; column: number; sourceName: null }[] | null;
  message: string;
}

export function locationsOf(
  locations: readonly SourceLocation[] | undefined,
): AppSyncErrorEntry['locations'] {
  return locations
    ? locations.map(({ line, column }) => ({ line, column, sourceName: null }))
    : null;
}

/** An entry of AppSync's shape for a field error, however it arose. */
export function fieldErrorEntry(error: GraphQLError, schema: GraphQLSchema): AppSyncErrorEntry {
  const original = error.originalError;
  const path = error.path ?? null;
  if (original instanceof AppSyncFieldError) {
    return {
      path,
      data: original.data ?? null,
      errorType: original.errorType,
      errorInfo: original.errorInfo ?? null,
      locations: locationsOf(error.locations),
      message: original.message,
    };
  }
  const scalar = findScalarError(error);
  if (scalar) {
    // AppSync's wording for a result its scalar cannot represent, with no locations.
    return {
      path,
      data: null,
      errorType: null,
      errorInfo: null,
      locations: null,
      message: `Can't serialize value (/${(path ?? []).join('/')}) : ${scalar.message}`,
    };
  }
  // graphql-js's own errors: a non-null violation above all.
  return {
    path,
    data: null,
    errorType: null,
    errorInfo: null,
    locations: locationsOf(error.locations),
    message: nonNullMessage(error.message, path, schema),
  };
}

const NON_NULL = /^Cannot return null for non-nullable field (\w+)\.(\w+)\.$/;

/**
 * AppSync words a non-null violation after graphql-java, naming the type, the parent and the
 * path: "Cannot return null for non-nullable type: 'ID' within parent 'Queue' (/queue/name)".
 */
function nonNullMessage(
  message: string,
  path: AppSyncErrorEntry['path'],
  schema: GraphQLSchema,
): string {
  const match = NON_NULL.exec(message);
  const [, parent = '', field = ''] = match ?? [];
  const parentType = schema.getType(parent);
  const fieldType = isObjectType(parentType) ? parentType.getFields()[field]?.type : undefined;
  if (!match || !fieldType) {
    return message;
  }
  return `Cannot return null for non-nullable type: '${getNamedType(fieldType).name}' within parent '${parent}' (/${(path ?? []).join('/')})`;
}

const VARIABLE = /^Variable "\$(\w+)"/;

/**
 * A request error's message in AppSync's words where they are known: a variable its scalar
 * refuses reads "Variable 'x' has an invalid value. Unable to parse ..." (graphql-java).
 */
export function requestErrorMessage(error: GraphQLError): string {
  const scalar = findScalarError(error);
  const variable = VARIABLE.exec(error.message)?.[1];
  return scalar && variable
    ? `Variable '${variable}' has an invalid value. ${scalar.message}`
    : error.message;
}
