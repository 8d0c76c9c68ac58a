import type { GraphQLResolveInfo } from 'graphql';
import type { EngineAuth } from './auth';
import { AppSyncFieldError } from './errors';
import type { RequestState } from './request-state';

/**
 * AppSync authorizes every field of every type for the caller's mode [runtime §10.2]: a refused
 * field fails with `Unauthorized` and graphql-js nulls it.
 */
export function assertFieldAllowed(
  auth: EngineAuth,
  info: Pick<GraphQLResolveInfo, 'parentType' | 'fieldName'>,
  state: Pick<RequestState, 'principal'>,
): void {
  const typeName = info.parentType.name;
  if (!auth.isFieldAllowed(typeName, info.fieldName, state.principal)) {
    throw new AppSyncFieldError(
      `Not Authorized to access ${info.fieldName} on type ${typeName}`,
      'Unauthorized',
    );
  }
}

/** A field without a resolver: its parent value's property of the same name (not the alias). */
export function parentProperty(source: unknown, fieldName: string): unknown {
  const value =
    source !== null && typeof source === 'object'
      ? (source as Record<string, unknown>)[fieldName]
      : undefined;
  return value ?? null;
}
