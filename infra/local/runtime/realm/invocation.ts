/**
 * Per-invocation state of the APPSYNC_JS runtime: what util, extensions and console record while
 * one request or response handler runs. The runtime swaps `scope.current` before each invocation,
 * so nothing recorded by one invocation is visible to another.
 */

/** An error entry as util.error / util.appendError / util.unauthorized describe it. */
export interface RecordedError {
  readonly message: string;
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;
}

export interface SubscriptionInvalidation {
  readonly subscriptionField: string;
  readonly payload: unknown;
}

export interface CacheEviction {
  readonly typeName: string;
  readonly fieldName: string;
  readonly keys: Record<string, unknown>;
}

export interface InvocationRecord {
  /** util.appendError entries, in call order. */
  readonly errors: RecordedError[];
  /** console.log / console.error lines, already formatted. */
  readonly logs: string[];
  /** util.http.addResponseHeader(s): the last write to a name wins. */
  readonly responseHeaders: Record<string, string>;
  /** Header problems AppSync reports as ResponseHeaderError entries. */
  readonly responseHeaderErrors: RecordedError[];
  subscriptionFilter: unknown;
  subscriptionInvalidationFilter: unknown;
  readonly invalidations: SubscriptionInvalidation[];
  readonly evictions: CacheEviction[];
}

/** Facts about the request that util functions read (util.authType). */
export interface InvocationInfo {
  /** "API Key Authorization", "User Pool Authorization", "IAM Authorization", ... */
  readonly authType: string;
}

export interface InvocationScope {
  current: InvocationRecord;
  info: InvocationInfo;
}

export function emptyRecord(): InvocationRecord {
  return {
    errors: [],
    logs: [],
    responseHeaders: {},
    responseHeaderErrors: [],
    subscriptionFilter: null,
    subscriptionInvalidationFilter: null,
    invalidations: [],
    evictions: [],
  };
}

export function createScope(
  info: InvocationInfo = { authType: 'API Key Authorization' },
): InvocationScope {
  return { current: emptyRecord(), info };
}

/** Whether an invocation recorded nothing (the common case, which then costs no serialization). */
export function isEmptyRecord(record: InvocationRecord): boolean {
  return (
    record.errors.length === 0 &&
    record.logs.length === 0 &&
    record.responseHeaderErrors.length === 0 &&
    record.invalidations.length === 0 &&
    record.evictions.length === 0 &&
    record.subscriptionFilter === null &&
    record.subscriptionInvalidationFilter === null &&
    Object.keys(record.responseHeaders).length === 0
  );
}
