import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type DynamoDBServiceException,
} from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError, type DataSourceResult } from '../types';
import type { Operation, OperationContext } from './context';
import { failed, isServiceException } from './errors';
import {
  mergePlaceholders,
  readCondition,
  readExpression,
  readProjection,
  type Condition,
} from './expressions';
import {
  at,
  onlyElements,
  optionalBoolean,
  optionalField,
  requiredField,
  ROOT,
  type JsonObject,
} from './request';
import { fromItem, sameItem, toAttributeMap, type AttributeMap } from './typed-values';

/**
 * GetItem, PutItem, UpdateItem and DeleteItem [runtime §5.2], with AppSync's failed-condition
 * path [§5.6]: after ConditionalCheckFailedException the item is re-read; a PutItem whose item is
 * already there and a DeleteItem whose item is already gone count as successes; otherwise
 * `ctx.error` is DynamoDB:ConditionalCheckFailedException and `ctx.result` the current item.
 */

const KEY = 'the item\'s primary key as typed values, e.g. { "id": { "S": "1" } }';
const VERSIONED = ['_version', 'customPartitionKey', 'populateIndexFields'] as const;

/** The primary key of a request object (also used by batch and transaction items). */
export function readKey(value: JsonObject, path: string): AttributeMap {
  return toAttributeMap(requiredField(value, 'key', path, KEY), at(path, 'key'), KEY);
}

/**
 * Versioned (conflict-detection) data sources are not emulated: their fields are refused rather
 * than ignored, since ignoring `_version` would silently drop the conflict check it asks for.
 */
function refuseVersioned(request: JsonObject): void {
  for (const name of VERSIONED) {
    if (optionalField(request, name) !== undefined) {
      throw new DataSourceRequestError(
        `'${at(ROOT, name)}' belongs to versioned (conflict-detection) data sources, which the local engine does not support; ` +
          `expected a request without ${VERSIONED.join(', ')}.`,
      );
    }
  }
}

function optionalCondition(request: JsonObject): Condition | undefined {
  const value = optionalField(request, 'condition');
  return value === undefined ? undefined : readCondition(value, at(ROOT, 'condition'));
}

export const getItem: Operation = async (request, { client, tableName }) => {
  onlyElements(request, ROOT, ['operation', 'key', 'consistentRead', 'projection'], 'GetItem');
  const key = readKey(request, ROOT);
  const consistentRead = optionalBoolean(request, 'consistentRead', ROOT) ?? false;
  const projectionValue = optionalField(request, 'projection');
  const projection =
    projectionValue === undefined
      ? undefined
      : readProjection(projectionValue, at(ROOT, 'projection'));
  const output = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: key,
      ConsistentRead: consistentRead,
      ProjectionExpression: projection?.expression,
      ...mergePlaceholders([projection]),
    }),
  );
  return { result: fromItem(output.Item) };
};

/** What the failed-condition path needs to know about the write that failed. */
interface Recheck {
  readonly context: OperationContext;
  readonly key: AttributeMap;
  readonly condition: Condition;
  /** Whether the current item (or its absence) makes the write a success after all. */
  readonly settles: (current: AttributeMap | undefined) => boolean;
}

async function conditionalWrite(
  recheck: Recheck | undefined,
  write: () => Promise<DataSourceResult>,
): Promise<DataSourceResult> {
  try {
    return await write();
  } catch (error) {
    if (recheck === undefined || !isConditionFailure(error)) throw error;
    const { context, key, condition, settles } = recheck;
    const current = await context.client.send(
      new GetItemCommand({
        TableName: context.tableName,
        Key: key,
        ConsistentRead: condition.consistentRead,
      }),
    );
    if (settles(current.Item)) return { result: fromItem(current.Item) };
    return failed(error, fromItem(current.Item));
  }
}

function isConditionFailure(error: unknown): error is DynamoDBServiceException {
  return isServiceException(error) && error.name === 'ConditionalCheckFailedException';
}

export const putItem: Operation = async (request, context) => {
  onlyElements(
    request,
    ROOT,
    ['operation', 'key', 'attributeValues', 'condition', ...VERSIONED],
    'PutItem',
  );
  refuseVersioned(request);
  const key = readKey(request, ROOT);
  const values = optionalField(request, 'attributeValues');
  // The stored item is the key merged with attributeValues; the key wins a clash.
  const item: AttributeMap = {
    ...(values === undefined ? {} : toAttributeMap(values, at(ROOT, 'attributeValues'))),
    ...key,
  };
  const condition = optionalCondition(request);
  return conditionalWrite(
    condition && {
      context,
      key,
      condition,
      settles: (current) =>
        current !== undefined && sameItem(current, item, condition.equalsIgnore),
    },
    async () => {
      await context.client.send(
        new PutItemCommand({
          TableName: context.tableName,
          Item: item,
          ConditionExpression: condition?.expression,
          ...mergePlaceholders([condition]),
        }),
      );
      return { result: fromItem(item) };
    },
  );
};

export const updateItem: Operation = async (request, context) => {
  onlyElements(
    request,
    ROOT,
    ['operation', 'key', 'update', 'condition', ...VERSIONED],
    'UpdateItem',
  );
  refuseVersioned(request);
  const key = readKey(request, ROOT);
  const update = readExpression(
    requiredField(
      request,
      'update',
      ROOT,
      'an update object such as { "expression": "SET #n = :n" }',
    ),
    at(ROOT, 'update'),
  );
  const condition = optionalCondition(request);
  return conditionalWrite(
    // No expected item can be computed for an update: a failed condition goes to the handler.
    condition && { context, key, condition, settles: () => false },
    async () => {
      const output = await context.client.send(
        new UpdateItemCommand({
          TableName: context.tableName,
          Key: key,
          UpdateExpression: update.expression,
          ConditionExpression: condition?.expression,
          ReturnValues: 'ALL_NEW',
          ...mergePlaceholders([update, condition]),
        }),
      );
      return { result: fromItem(output.Attributes) };
    },
  );
};

export const deleteItem: Operation = async (request, context) => {
  onlyElements(request, ROOT, ['operation', 'key', 'condition', ...VERSIONED], 'DeleteItem');
  refuseVersioned(request);
  const key = readKey(request, ROOT);
  const condition = optionalCondition(request);
  return conditionalWrite(
    condition && { context, key, condition, settles: (current) => current === undefined },
    async () => {
      const output = await context.client.send(
        new DeleteItemCommand({
          TableName: context.tableName,
          Key: key,
          ConditionExpression: condition?.expression,
          ReturnValues: 'ALL_OLD',
          ...mergePlaceholders([condition]),
        }),
      );
      return { result: fromItem(output.Attributes) };
    },
  );
};
