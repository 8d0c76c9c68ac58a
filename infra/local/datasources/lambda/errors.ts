import type { DataSourceError } from '../types';
import type { HandlerFailure } from './protocol';

/** AppSync's error type when the function failed: threw, timed out, crashed [runtime §6.4]. */
export const LAMBDA_UNHANDLED = 'Lambda:Unhandled';
/** AppSync's error type when it stopped waiting for the function (its 30-second limit). */
export const LAMBDA_EXECUTION_TIMEOUT = 'Lambda:ExecutionTimeoutException';
/** Courier's error type for a BatchInvoke result that is not one result per event. */
export const LAMBDA_INVALID_BATCH_RESPONSE = 'Lambda:InvalidBatchResponse';

/**
 * `ctx.error` after a failed Lambda call. Besides AppSync's `type` and `message`, AppSync reports
 * the type the function's runtime gave (`Error`, `Sandbox.Timedout`, ...) as
 * `unhandledErrorType`, null when AppSync itself failed the call (aws-appsync-community#386).
 */
export interface LambdaDataSourceError extends DataSourceError {
  readonly unhandledErrorType: string | null;
}

/** The function failed; AppSync reports its message under `Lambda:Unhandled`. */
export function unhandledError(failure: HandlerFailure): LambdaDataSourceError {
  return {
    type: LAMBDA_UNHANDLED,
    message: failure.errorMessage,
    unhandledErrorType: failure.errorType,
  };
}

/** AppSync gave up waiting; the function may still be running. */
export function executionTimeoutError(): LambdaDataSourceError {
  return {
    type: LAMBDA_EXECUTION_TIMEOUT,
    message: 'Execution timed out.',
    unhandledErrorType: null,
  };
}

/** A BatchInvoke result that cannot be split into one result per event. */
export function invalidBatchResponseError(
  functionName: string,
  received: unknown,
  expected: number,
): LambdaDataSourceError {
  const got = Array.isArray(received)
    ? `an array of ${received.length}`
    : received === null
      ? 'null'
      : `a value of type ${typeof received}`;
  return {
    type: LAMBDA_INVALID_BATCH_RESPONSE,
    message: `The Lambda function ${functionName} returned ${got} for a batch of ${expected} events; BatchInvoke needs an array of exactly ${expected} results, one per event, in order.`,
    unhandledErrorType: null,
  };
}
