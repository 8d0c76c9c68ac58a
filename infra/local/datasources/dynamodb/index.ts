import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError, type DataSource, type DataSourceResult } from '../types';
import { batchDeleteItem, batchGetItem, batchPutItem } from './batch';
import type { Operation, OperationContext } from './context';
import { failed, isServiceException } from './errors';
import { query, scan, sync } from './query-scan';
import { describe, invalid, isObject, ROOT, type JsonObject } from './request';
import { deleteItem, getItem, putItem, updateItem } from './single-item';
import { createPaginationTokens } from './tokens';
import { transactGetItems, transactWriteItems } from './transact';

/**
 * The DynamoDB data source: runs the request object an APPSYNC_JS request handler returned
 * against DynamoDB (Local) and shapes `ctx.result` / `ctx.error` as AppSync does
 * [runtime §5]. Request objects AppSync would refuse throw DataSourceRequestError before any
 * call; DynamoDB's own errors come back as `ctx.error` (translated here, at the boundary).
 */

export interface DynamoDbDataSourceOptions {
  /** An SDK v3 client pointed at DynamoDB (Local); the caller owns and destroys it. */
  readonly client: DynamoDBClient;
  /** The physical table of this data source. */
  readonly tableName: string;
  /** The key pagination tokens are encrypted and authenticated with. */
  readonly tokenSecret: Uint8Array | string;
}

const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetItem: getItem,
  PutItem: putItem,
  UpdateItem: updateItem,
  DeleteItem: deleteItem,
  Query: query,
  Scan: scan,
  Sync: sync,
  BatchGetItem: batchGetItem,
  BatchPutItem: batchPutItem,
  BatchDeleteItem: batchDeleteItem,
  TransactGetItems: transactGetItems,
  TransactWriteItems: transactWriteItems,
};

export const OPERATION_NAMES = Object.keys(OPERATIONS);

/**
 * The request as AppSync receives it: serialised to JSON, so `undefined` members vanish, and
 * objects from the resolver's realm become ordinary ones.
 */
function normalise(request: unknown): JsonObject {
  let json: unknown;
  try {
    json = JSON.parse(JSON.stringify(request) ?? 'null') as unknown;
  } catch (error) {
    throw new DataSourceRequestError(
      `Expected a request object that serialises to JSON; serialising it failed: ${(error as Error).message}`,
      'MappingTemplate',
      { cause: error },
    );
  }
  if (!isObject(json)) {
    throw invalid(
      ROOT,
      'a request object such as { "operation": "GetItem", "key": { ... } }',
      json,
    );
  }
  return json;
}

function operationOf(request: JsonObject): Operation {
  const name = request['operation'];
  if (name === undefined || name === null) {
    throw new DataSourceRequestError(
      `Value for field '$[operation]' not found; expected one of ${OPERATION_NAMES.join(', ')}.`,
    );
  }
  const operation =
    typeof name === 'string' && Object.hasOwn(OPERATIONS, name) ? OPERATIONS[name] : undefined;
  if (operation === undefined) {
    throw new DataSourceRequestError(
      `Unsupported operation ${typeof name === 'string' ? `'${name}'` : describe(name)} at '$[operation]'; the DynamoDB data source accepts ${OPERATION_NAMES.join(', ')}.`,
    );
  }
  return operation;
}

/** Creates the DynamoDB data source of one table. */
export function createDynamoDbDataSource(options: DynamoDbDataSourceOptions): DataSource {
  const tokens = createPaginationTokens(options.tokenSecret);
  return {
    kind: 'DYNAMODB',
    async invoke(request, call): Promise<DataSourceResult> {
      const body = normalise(request);
      const operation = operationOf(body);
      const context: OperationContext = {
        client: options.client,
        tableName: options.tableName,
        tokens,
        unit: call.unit,
      };
      try {
        return await operation(body, context);
      } catch (error) {
        if (isServiceException(error)) return failed(error);
        throw error;
      }
    },
  };
}

export { INVALID_TOKEN_ERROR } from './errors';
