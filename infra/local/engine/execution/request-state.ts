import type { AppSyncErrorEntry } from './errors';
import type { Principal } from './auth';
import { RESOLVER_COUNT_LIMIT } from './run';

/** A line the engine logs: resolver console output and its own notes, tagged by origin. */
export type LogSink = (line: string) => void;

/**
 * Everything one GraphQL request carries through its resolvers: the caller, what resolvers
 * recorded beside their values (appended errors, response headers), and per-request batching.
 * One object per request; nothing in it outlives the request.
 */
export interface RequestState {
  readonly principal: Principal;
  readonly identity: unknown;
  readonly authType: string;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
  readonly variables: Readonly<Record<string, unknown>>;
  /** util.appendError entries and response-header problems, in the order they happened. */
  readonly appendedErrors: AppSyncErrorEntry[];
  /** util.http.addResponseHeader(s): the last write to a name wins. */
  readonly responseHeaders: Record<string, string>;
  /** Resolvers (and pipeline functions) run so far, against AppSync's per-request limit. */
  resolverCount: number;
  /** The API's resolverCountLimit: more resolver runs fail with ResolverExecutionLimitReached. */
  readonly resolverCountLimit: number;
  /** Lambda BatchInvoke batches being collected, by code unit. */
  readonly batches: Map<string, unknown>;
  /** extensions.setSubscriptionFilter / setSubscriptionInvalidationFilter (subscribe time). */
  subscriptionFilter: unknown;
  subscriptionInvalidationFilter: unknown;
  /** extensions.invalidateSubscriptions calls, applied once the mutation has run. */
  readonly invalidations: { readonly subscriptionField: string; readonly payload: unknown }[];
}

/** A fresh request state for a caller. */
export function newRequestState(
  caller: Pick<RequestState, 'principal' | 'identity' | 'authType' | 'headers'>,
  variables: Readonly<Record<string, unknown>>,
  resolverCountLimit = RESOLVER_COUNT_LIMIT,
): RequestState {
  return {
    principal: caller.principal,
    identity: caller.identity,
    authType: caller.authType,
    headers: caller.headers,
    variables,
    appendedErrors: [],
    responseHeaders: {},
    resolverCount: 0,
    resolverCountLimit,
    batches: new Map(),
    subscriptionFilter: null,
    subscriptionInvalidationFilter: null,
    invalidations: [],
  };
}
