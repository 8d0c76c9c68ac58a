import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DataSourceResult } from '../types';
import type { JsonObject } from './request';
import type { PaginationTokens } from './tokens';

/** What every operation of the DynamoDB data source gets: the client, its table and the caller. */
export interface OperationContext {
  readonly client: DynamoDBClient;
  /** The physical table of this data source. */
  readonly tableName: string;
  readonly tokens: PaginationTokens;
  /** The calling code unit, which pagination tokens are bound to. */
  readonly unit: string;
}

/**
 * One operation (GetItem, Query, …): validates the whole request object first, throwing
 * DataSourceRequestError before anything is sent, then calls DynamoDB. Service exceptions it does
 * not handle itself propagate to the factory, which turns them into `ctx.error`.
 */
export type Operation = (
  request: JsonObject,
  context: OperationContext,
) => Promise<DataSourceResult>;
