import {
  BatchGetItemCommand,
  BatchWriteItemCommand,
  type KeysAndAttributes,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError } from '../types';
import type { Operation } from './context';
import { mergePlaceholders, readProjection, type Expression } from './expressions';
import {
  at,
  describe,
  isObject,
  onlyElements,
  optionalBoolean,
  optionalField,
  requireArray,
  requiredField,
  requireObject,
  ROOT,
  type JsonObject,
} from './request';
import {
  fromAttributeMap,
  keyFingerprint,
  toAttributeMap,
  type AttributeMap,
} from './typed-values';

/**
 * BatchGetItem, BatchPutItem and BatchDeleteItem [runtime §5.4]. Tables are named by their
 * physical names. Results keep request order per table: a missing item, or one DynamoDB left
 * unprocessed, is `null` in `data`, and unprocessed ones are listed in unprocessedKeys /
 * unprocessedItems (every requested table appears in both maps). Unprocessed entries are not
 * retried, as AppSync does not retry them.
 */

const MAX_GET = 100;
const MAX_WRITE = 25;

function readTables(request: JsonObject, example: string): [string, unknown][] {
  const tables = requireObject(
    requiredField(request, 'tables', ROOT, `an object of table names such as ${example}`),
    at(ROOT, 'tables'),
    `an object of table names such as ${example}`,
  );
  return Object.entries(tables);
}

function refuseOverLimit(operation: string, count: number, limit: number, what: string): void {
  if (count > limit) {
    throw new DataSourceRequestError(
      `${operation} takes at most ${limit} ${what} across all tables; received ${count}.`,
    );
  }
}

function typedList(value: unknown, path: string, what: string, example: string): AttributeMap[] {
  if (isObject(value) && 'keys' in value) {
    // The { keys: [...] } wrapper appears in some samples; the documented shape is a bare array.
    throw new DataSourceRequestError(
      `Expected an array of ${what} at '${path}'; received ${describe(value)}. ` +
        `Use the array itself, e.g. ${example}, not { keys: [...] }.`,
    );
  }
  return requireArray(value, path, `an array of ${what} such as ${example}`).map((entry, i) =>
    toAttributeMap(entry, at(path, i), `${what.replace(/s$/, '')} of typed values`),
  );
}

interface GetTable {
  readonly table: string;
  readonly keys: AttributeMap[];
  readonly consistentRead: boolean | undefined;
  readonly projection: Expression | undefined;
}

function readGetTable(table: string, value: unknown): GetTable {
  const path = at(at(ROOT, 'tables'), table);
  if (Array.isArray(value)) {
    throw new DataSourceRequestError(
      `Expected an object such as { "keys": [{ "id": { "S": "1" } }] } at '${path}'; received ${describe(value)}. ` +
        `Wrap the keys as { keys: [...] }.`,
    );
  }
  const spec = requireObject(value, path, 'an object such as { "keys": [{ "id": { "S": "1" } }] }');
  onlyElements(spec, path, ['keys', 'consistentRead', 'projection'], `'${path}'`);
  const keys = requireArray(
    requiredField(spec, 'keys', path, 'an array of keys'),
    at(path, 'keys'),
    'an array of keys such as [{ "id": { "S": "1" } }]',
  ).map((key, i) => toAttributeMap(key, at(at(path, 'keys'), i), 'a key of typed values'));
  const projection = optionalField(spec, 'projection');
  return {
    table,
    keys,
    consistentRead: optionalBoolean(spec, 'consistentRead', path),
    projection:
      projection === undefined ? undefined : readProjection(projection, at(path, 'projection')),
  };
}

/** Key attribute names of a table's keys (all keys of one table share the key schema). */
function keyNames(keys: readonly AttributeMap[]): string[] {
  return [...new Set(keys.flatMap((key) => Object.keys(key)))];
}

/** Top-level attribute names a projection expression returns. */
function projectedNames(projection: Expression): Set<string> {
  return new Set(
    projection.expression.split(',').map((path) => {
      const head = path.trim().split(/[.[]/)[0]?.trim() ?? '';
      return head.startsWith('#') ? (projection.names?.[head] ?? head) : head;
    }),
  );
}

/**
 * Items come back from BatchGetItem in no particular order and are placed by their key, so a
 * projection that leaves key attributes out gets them added to the call and removed from results.
 */
function withKeyAttributes(
  projection: Expression | undefined,
  names: readonly string[],
): { projection: Expression | undefined; added: string[] } {
  if (projection === undefined) return { projection, added: [] };
  const present = projectedNames(projection);
  const added = names.filter((name) => !present.has(name));
  const extraNames: Record<string, string> = {};
  const placeholders = added.map((name, i) => {
    let placeholder = `#courierKey${i}`;
    while (projection.names?.[placeholder] !== undefined) placeholder = `${placeholder}_`;
    extraNames[placeholder] = name;
    return placeholder;
  });
  return {
    projection: {
      expression: [projection.expression, ...placeholders].join(', '),
      names: { ...projection.names, ...extraNames },
    },
    added,
  };
}

export const batchGetItem: Operation = async (request, { client }) => {
  onlyElements(request, ROOT, ['operation', 'tables'], 'BatchGetItem');
  const tables = readTables(request, '{ "posts": { "keys": [{ "id": { "S": "1" } }] } }').map(
    ([table, value]) => readGetTable(table, value),
  );
  refuseOverLimit(
    'BatchGetItem',
    tables.reduce((n, t) => n + t.keys.length, 0),
    MAX_GET,
    'keys',
  );

  const plans = tables.map((table) => {
    const names = keyNames(table.keys);
    return { ...table, names, ...withKeyAttributes(table.projection, names) };
  });
  const requestItems: Record<string, KeysAndAttributes> = {};
  for (const plan of plans) {
    requestItems[plan.table] = {
      Keys: plan.keys,
      ConsistentRead: plan.consistentRead,
      ProjectionExpression: plan.projection?.expression,
      ExpressionAttributeNames: mergePlaceholders([plan.projection]).ExpressionAttributeNames,
    };
  }
  const output = await client.send(new BatchGetItemCommand({ RequestItems: requestItems }));

  const data: Record<string, (Record<string, unknown> | null)[]> = {};
  const unprocessedKeys: Record<string, Record<string, unknown>[]> = {};
  for (const plan of plans) {
    const found = new Map<string, AttributeMap>();
    for (const item of output.Responses?.[plan.table] ?? []) {
      found.set(keyFingerprint(item, plan.names), item);
    }
    data[plan.table] = plan.keys.map((key) => {
      const item = found.get(keyFingerprint(key, plan.names));
      if (item === undefined) return null;
      return fromAttributeMap(
        Object.fromEntries(Object.entries(item).filter(([name]) => !plan.added.includes(name))),
      );
    });
    unprocessedKeys[plan.table] = (output.UnprocessedKeys?.[plan.table]?.Keys ?? []).map(
      fromAttributeMap,
    );
  }
  return { result: { data, unprocessedKeys } };
};

/** BatchPutItem and BatchDeleteItem: one BatchWriteItem call, shaped per table. */
function batchWrite(kind: 'BatchPutItem' | 'BatchDeleteItem'): Operation {
  const put = kind === 'BatchPutItem';
  const what = put ? 'items' : 'keys';
  const example = put
    ? '[{ "id": { "S": "1" }, "title": { "S": "x" } }]'
    : '[{ "id": { "S": "1" } }]';
  return async (request, { client }) => {
    onlyElements(request, ROOT, ['operation', 'tables'], kind);
    const tables = readTables(request, `{ "posts": ${example} }`).map(([table, value]) => ({
      table,
      entries: typedList(value, at(at(ROOT, 'tables'), table), what, example),
    }));
    refuseOverLimit(
      kind,
      tables.reduce((n, t) => n + t.entries.length, 0),
      MAX_WRITE,
      what,
    );

    const requestItems: Record<string, WriteRequest[]> = {};
    for (const { table, entries } of tables) {
      requestItems[table] = entries.map((entry) =>
        put ? { PutRequest: { Item: entry } } : { DeleteRequest: { Key: entry } },
      );
    }
    const output = await client.send(new BatchWriteItemCommand({ RequestItems: requestItems }));

    const data: Record<string, (Record<string, unknown> | null)[]> = {};
    const unprocessed: Record<string, Record<string, unknown>[]> = {};
    for (const { table, entries } of tables) {
      const left = (output.UnprocessedItems?.[table] ?? []).flatMap((write) => {
        const entry = put ? write.PutRequest?.Item : write.DeleteRequest?.Key;
        return entry === undefined ? [] : [entry];
      });
      const leftPrints = new Set(left.map((entry) => keyFingerprint(entry, Object.keys(entry))));
      data[table] = entries.map((entry) =>
        leftPrints.has(keyFingerprint(entry, Object.keys(entry))) ? null : fromAttributeMap(entry),
      );
      unprocessed[table] = left.map(fromAttributeMap);
    }
    return {
      result: put
        ? { data, unprocessedItems: unprocessed }
        : { data, unprocessedKeys: unprocessed },
    };
  };
}

export const batchPutItem = batchWrite('BatchPutItem');
export const batchDeleteItem = batchWrite('BatchDeleteItem');
