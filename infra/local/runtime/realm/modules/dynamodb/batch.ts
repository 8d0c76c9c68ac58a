import type {
  DynamoDBBatchDeleteItemRequest,
  DynamoDBBatchGetItemRequest,
  DynamoDBBatchPutItemRequest,
  DynamoDBExpression,
  DynamoDBProjectionExpression,
  Key,
} from '@aws-appsync/utils/lib/resolver-return-types';
import type { TypedMap } from '../../util/transform/typed';
import { describe, isPlainObject, type PlainObject } from '../../util/transform/values';
import {
  arrayField,
  conditionOf,
  defined,
  objectField,
  optional,
  payloadOf,
  typedObject,
} from './inputs';
import { buildProjection } from './projection';
import { buildUpdate } from './update';

/**
 * batchGet / batchPut / batchDelete / transactGet / transactWrite. Table names map to lists of
 * typed keys or items; transaction items carry their table and operation, as the DynamoDB data
 * source's TransactGetItems / TransactWriteItems requests expect.
 */

function typedList(fn: string, value: unknown, label: string): TypedMap[] {
  if (!Array.isArray(value)) {
    throw new TypeError(`${fn}: ${label} must be an array; got ${describe(value)}.`);
  }
  return value.map((entry: unknown, i) => typedObject(fn, entry, `${label}[${i}]`));
}

function perTable<T>(
  fn: string,
  input: PlainObject,
  build: (table: string, value: unknown) => T,
): Record<string, T> {
  const tables = objectField(fn, input, 'tables');
  const result: Record<string, T> = {};
  for (const [table, value] of Object.entries(tables)) {
    result[table] = build(table, value);
  }
  return result;
}

export function batchGet(payload: unknown): DynamoDBBatchGetItemRequest {
  const fn = 'dynamodb.batchGet';
  const input = payloadOf(fn, payload, '{ tables: { posts: { keys: [{ id: "1" }] } } }');
  return {
    operation: 'BatchGetItem',
    tables: perTable(fn, input, (table, value) => {
      if (!isPlainObject(value)) {
        throw new TypeError(
          `${fn}: tables.${table} must be an object such as { keys: [...] }; got ${describe(value)}.`,
        );
      }
      return {
        keys: typedList(fn, value['keys'], `tables.${table}.keys`),
        ...defined('consistentRead', optional<boolean>(fn, value, 'consistentRead', 'boolean')),
        ...defined('projection', buildProjection(value['projection'], fn)),
      };
    }),
  };
}

export function batchPut(payload: unknown): DynamoDBBatchPutItemRequest {
  const fn = 'dynamodb.batchPut';
  const input = payloadOf(fn, payload, '{ tables: { posts: [{ id: "1", title: "x" }] } }');
  return {
    operation: 'BatchPutItem',
    tables: perTable(fn, input, (table, value) => typedList(fn, value, `tables.${table}`)),
  };
}

export function batchDelete(payload: unknown): DynamoDBBatchDeleteItemRequest {
  const fn = 'dynamodb.batchDelete';
  const input = payloadOf(fn, payload, '{ tables: { posts: [{ id: "1" }] } }');
  return {
    operation: 'BatchDeleteItem',
    tables: perTable(fn, input, (table, value) => typedList(fn, value, `tables.${table}`)),
  };
}

export interface TransactGetRequest {
  readonly operation: 'TransactGetItems';
  readonly transactItems: readonly {
    readonly table: string;
    readonly key: Key;
    readonly projection?: DynamoDBProjectionExpression;
  }[];
}

function tableOf(fn: string, item: PlainObject, label: string): string {
  const table = item['table'];
  if (typeof table !== 'string' || table === '') {
    throw new TypeError(`${fn}: ${label}.table must be a table name; got ${describe(table)}.`);
  }
  return table;
}

function itemObjects(fn: string, input: PlainObject): readonly PlainObject[] {
  return arrayField(fn, input, 'items').map((item, i) => {
    if (!isPlainObject(item)) {
      throw new TypeError(`${fn}: items[${i}] must be an object; got ${describe(item)}.`);
    }
    return item;
  });
}

export function transactGet(payload: unknown): TransactGetRequest {
  const fn = 'dynamodb.transactGet';
  const input = payloadOf(fn, payload, '{ items: [{ table: "posts", key: { id: "1" } }] }');
  return {
    operation: 'TransactGetItems',
    transactItems: itemObjects(fn, input).map((item, i) => ({
      table: tableOf(fn, item, `items[${i}]`),
      key: typedObject(fn, item['key'], `items[${i}].key`),
      ...defined('projection', buildProjection(item['projection'], fn)),
    })),
  };
}

/**
 * The d.ts types a transaction condition with a required returnValuesOnConditionCheckFailure; the
 * docs make it optional (default true) and the helper input has no way to set it, so it is left out.
 */
type TransactWriteItem = {
  readonly table: string;
  readonly key: Key;
  readonly condition?: DynamoDBExpression;
} & (
  | { readonly operation: 'PutItem'; readonly attributeValues: TypedMap }
  | { readonly operation: 'UpdateItem'; readonly update: DynamoDBExpression }
  | { readonly operation: 'DeleteItem' }
  | { readonly operation: 'ConditionCheck' }
);

export interface TransactWriteRequest {
  readonly operation: 'TransactWriteItems';
  readonly transactItems: readonly TransactWriteItem[];
}

const WRITE_KINDS = ['putItem', 'updateItem', 'deleteItem', 'conditionCheck'] as const;

function writeItem(fn: string, entry: PlainObject, i: number): TransactWriteItem {
  const kinds = WRITE_KINDS.filter((kind) => entry[kind] !== undefined && entry[kind] !== null);
  const kind = kinds[0];
  if (kinds.length !== 1 || kind === undefined) {
    throw new TypeError(
      `${fn}: items[${i}] must have exactly one of ${WRITE_KINDS.join(', ')}; got ${describe(entry)}.`,
    );
  }
  const label = `items[${i}].${kind}`;
  const spec = objectField(fn, entry, kind);
  const table = tableOf(fn, spec, label);
  const key = typedObject(fn, spec['key'], `${label}.key`);
  const condition = conditionOf(`${fn}: ${label}`, spec['condition']);
  switch (kind) {
    case 'putItem':
      return {
        table,
        operation: 'PutItem',
        key,
        attributeValues: typedObject(fn, spec['item'], `${label}.item`),
        ...defined('condition', condition),
      };
    case 'updateItem':
      return {
        table,
        operation: 'UpdateItem',
        key,
        update: buildUpdate(spec['update'], `${fn}: ${label}`),
        ...defined('condition', condition),
      };
    case 'deleteItem':
      return { table, operation: 'DeleteItem', key, ...defined('condition', condition) };
    case 'conditionCheck':
      if (condition === undefined) {
        throw new TypeError(
          `${fn}: ${label} needs a condition; got ${describe(spec['condition'])}.`,
        );
      }
      return { table, operation: 'ConditionCheck', key, condition };
  }
}

export function transactWrite(payload: unknown): TransactWriteRequest {
  const fn = 'dynamodb.transactWrite';
  const input = payloadOf(
    fn,
    payload,
    '{ items: [{ putItem: { table: "posts", key: { id: "1" }, item: {} } }] }',
  );
  return {
    operation: 'TransactWriteItems',
    transactItems: itemObjects(fn, input).map((entry, i) => writeItem(fn, entry, i)),
  };
}
