import { DynamoDBServiceException } from '@aws-sdk/client-dynamodb';
import type { DataSourceError, DataSourceResult } from '../types';

/**
 * DynamoDB service errors as AppSync reports them in `ctx.error`. AppSync's DynamoDB data source
 * talks to DynamoDB through the AWS SDK for Java (v1): exceptions that SDK models get their own
 * type (`DynamoDB:ConditionalCheckFailedException`), the rest (ValidationException above all) come
 * as `DynamoDB:AmazonDynamoDBException`, and messages carry the SDK's suffix
 * "(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: …; Request ID: …)" [runtime §5.8;
 * dabit3/react-appsync-graphql-recipe-app#5].
 */

/** Wire error code → the Java SDK's exception name, for the exceptions it models. */
const MODELLED: Readonly<Record<string, string>> = {
  ConditionalCheckFailedException: 'ConditionalCheckFailedException',
  IdempotentParameterMismatchException: 'IdempotentParameterMismatchException',
  InternalServerError: 'InternalServerErrorException',
  ItemCollectionSizeLimitExceededException: 'ItemCollectionSizeLimitExceededException',
  LimitExceededException: 'LimitExceededException',
  ProvisionedThroughputExceededException: 'ProvisionedThroughputExceededException',
  RequestLimitExceeded: 'RequestLimitExceededException',
  ResourceInUseException: 'ResourceInUseException',
  ResourceNotFoundException: 'ResourceNotFoundException',
  TransactionCanceledException: 'TransactionCanceledException',
  TransactionConflictException: 'TransactionConflictException',
  TransactionInProgressException: 'TransactionInProgressException',
};

export const GENERIC_ERROR_TYPE = 'DynamoDB:AmazonDynamoDBException';

/** What AppSync answers for a pagination token it did not issue to this resolver [runtime §5.3]. */
export const INVALID_TOKEN_ERROR: DataSourceError = Object.freeze({
  type: 'DynamoDB:UserIllegalArgumentException',
  message:
    'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
});

/** Whether an error is an answer from DynamoDB (as opposed to a network or programming failure). */
export function isServiceException(error: unknown): error is DynamoDBServiceException {
  return (
    error instanceof DynamoDBServiceException ||
    (error instanceof Error && '$metadata' in error && '$fault' in error)
  );
}

export function errorTypeOf(code: string): string {
  const name = MODELLED[code];
  return name === undefined ? GENERIC_ERROR_TYPE : `DynamoDB:${name}`;
}

/** The message with the Java SDK's suffix, as AppSync shows it. */
export function sdkMessage(error: DynamoDBServiceException): string {
  const status = error.$metadata.httpStatusCode ?? 400;
  const requestId = error.$metadata.requestId ?? 'unknown';
  const text =
    error.message === '' || error.message === 'UnknownError' ? error.name : error.message;
  return `${text} (Service: AmazonDynamoDBv2; Status Code: ${status}; Error Code: ${error.name}; Request ID: ${requestId})`;
}

/**
 * `ctx.error` for a service exception. The SDK exception is kept as a non-enumerable `cause`, so
 * logs can show it while only `type` and `message` reach the resolver.
 */
export function toDataSourceError(error: DynamoDBServiceException): DataSourceError {
  const translated: DataSourceError = { type: errorTypeOf(error.name), message: sdkMessage(error) };
  Object.defineProperty(translated, 'cause', { value: error, enumerable: false });
  return translated;
}

/** A failed call: `ctx.error` set, `ctx.result` as given (null unless AppSync fills it). */
export function failed(error: DynamoDBServiceException, result: unknown = null): DataSourceResult {
  return { result, error: toDataSourceError(error) };
}
