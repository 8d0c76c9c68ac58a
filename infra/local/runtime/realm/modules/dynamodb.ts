import type * as Helpers from '@aws-appsync/utils/lib/dynamodb-helpers';
import type { RealmDeps } from '../deps';
import { batchDelete, batchGet, batchPut, transactGet, transactWrite } from './dynamodb/batch';
import { createOperations } from './dynamodb/operations';
import { query, scan, sync } from './dynamodb/read';
import { toBinarySet, toNumberSet, toStringSet } from './dynamodb/sets';
import { get, put, remove, update } from './dynamodb/single';

/**
 * The `@aws-appsync/utils/dynamodb` module: pure builders of DynamoDB data-source request objects.
 * The d.ts types its inputs generically and its operation markers as phantom types, so the
 * implementation takes unknown input and is checked against the d.ts export list instead.
 */
export function createDynamoDBModule(_deps: RealmDeps) {
  return {
    get,
    put,
    remove,
    update,
    query,
    scan,
    sync,
    batchGet,
    batchPut,
    batchDelete,
    transactGet,
    transactWrite,
    toStringSet,
    toNumberSet,
    toBinarySet,
    operations: createOperations(),
  } satisfies Record<keyof typeof Helpers, unknown>;
}
