import {
  TransactGetItemsCommand,
  TransactWriteItemsCommand,
  type CancellationReason,
  type DynamoDBServiceException,
  type TransactWriteItem,
} from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError, type DataSourceResult } from '../types';
import type { Operation } from './context';
import { failed, isServiceException } from './errors';
import {
  mergePlaceholders,
  readExpression,
  readProjection,
  readTransactCondition,
  type TransactCondition,
} from './expressions';
import {
  at,
  invalid,
  onlyElements,
  optionalField,
  requireArray,
  requiredField,
  requireObject,
  requireString,
  ROOT,
  type JsonObject,
} from './request';
import { readKey } from './single-item';
import { fromAttributeMap, fromItem, toAttributeMap, type AttributeMap } from './typed-values';

/**
 * TransactGetItems and TransactWriteItems [runtime §5.5]. Success: `{ items | keys,
 * cancellationReasons: null }` in request order. A cancelled transaction: `items`/`keys` null,
 * one cancellation reason per request item (`{ type, message, item? }`, `{ type: 'None',
 * message: 'None' }` for the items that were fine), and `ctx.error` of type
 * DynamoDB:TransactionCanceledException.
 */

const MAX_ITEMS = 100;
const ITEMS = at(ROOT, 'transactItems');

function readItems(request: JsonObject, operation: string, example: string): JsonObject[] {
  const items = requireArray(
    requiredField(request, 'transactItems', ROOT, `an array such as ${example}`),
    ITEMS,
    `an array such as ${example}`,
  );
  if (items.length > MAX_ITEMS) {
    throw new DataSourceRequestError(
      `${operation} takes at most ${MAX_ITEMS} transactItems; received ${items.length}.`,
    );
  }
  return items.map((item, i) =>
    requireObject(item, at(ITEMS, i), 'an object such as ' + example.slice(1, -1)),
  );
}

function tableOf(item: JsonObject, path: string): string {
  return requireString(
    requiredField(item, 'table', path, 'the physical table name'),
    at(path, 'table'),
    'the physical table name',
  );
}

interface Cancellation {
  readonly type: string;
  readonly message: string;
  readonly item?: Record<string, unknown> | null;
}

function cancellationReasons(reasons: readonly CancellationReason[] | undefined): Cancellation[] {
  return (reasons ?? []).map((reason) => {
    const type = reason.Code ?? 'None';
    return {
      type,
      message: reason.Message ?? (type === 'None' ? 'None' : type),
      ...(reason.Item === undefined ? {} : { item: fromItem(reason.Item) }),
    };
  });
}

function isCancellation(
  error: unknown,
): error is DynamoDBServiceException & { CancellationReasons?: CancellationReason[] } {
  return isServiceException(error) && error.name === 'TransactionCanceledException';
}

async function cancellable(
  run: () => Promise<DataSourceResult>,
  shape: (reasons: Cancellation[]) => Record<string, unknown>,
): Promise<DataSourceResult> {
  try {
    return await run();
  } catch (error) {
    if (!isCancellation(error)) throw error;
    return failed(error, shape(cancellationReasons(error.CancellationReasons)));
  }
}

export const transactGetItems: Operation = async (request, { client }) => {
  onlyElements(request, ROOT, ['operation', 'transactItems'], 'TransactGetItems');
  const gets = readItems(
    request,
    'TransactGetItems',
    '[{ "table": "posts", "key": { "id": { "S": "1" } } }]',
  ).map((item, i) => {
    const path = at(ITEMS, i);
    onlyElements(item, path, ['table', 'key', 'projection'], `'${path}'`);
    const projectionValue = optionalField(item, 'projection');
    const projection =
      projectionValue === undefined
        ? undefined
        : readProjection(projectionValue, at(path, 'projection'));
    return {
      Get: {
        TableName: tableOf(item, path),
        Key: readKey(item, path),
        ProjectionExpression: projection?.expression,
        ...mergePlaceholders([projection]),
      },
    };
  });
  return cancellable(
    async () => {
      const output = await client.send(new TransactGetItemsCommand({ TransactItems: gets }));
      const responses = output.Responses ?? [];
      return {
        result: {
          items: gets.map((_, i) => fromItem(responses[i]?.Item)),
          cancellationReasons: null,
        },
      };
    },
    (reasons) => ({ items: null, cancellationReasons: reasons }),
  );
};

const WRITE_OPERATIONS = ['PutItem', 'UpdateItem', 'DeleteItem', 'ConditionCheck'] as const;

function conditionFields(condition: TransactCondition | undefined) {
  return {
    ConditionExpression: condition?.expression,
    ReturnValuesOnConditionCheckFailure:
      condition === undefined
        ? undefined
        : condition.returnValuesOnConditionCheckFailure
          ? ('ALL_OLD' as const)
          : ('NONE' as const),
  };
}

/** One transactItems entry as a DynamoDB TransactWriteItem, with its key for the result. */
function readWrite(
  item: JsonObject,
  path: string,
): { write: TransactWriteItem; key: AttributeMap } {
  const operation = requiredField(item, 'operation', path, `one of ${WRITE_OPERATIONS.join(', ')}`);
  const common = ['table', 'operation', 'key', 'condition'];
  const conditionValue = (): TransactCondition | undefined => {
    const value = optionalField(item, 'condition');
    return value === undefined ? undefined : readTransactCondition(value, at(path, 'condition'));
  };
  switch (operation) {
    case 'PutItem': {
      onlyElements(item, path, [...common, 'attributeValues'], `PutItem at '${path}'`);
      const TableName = tableOf(item, path);
      const key = readKey(item, path);
      const values = optionalField(item, 'attributeValues');
      const condition = conditionValue();
      return {
        key,
        write: {
          Put: {
            TableName,
            Item: {
              ...(values === undefined ? {} : toAttributeMap(values, at(path, 'attributeValues'))),
              ...key,
            },
            ...conditionFields(condition),
            ...mergePlaceholders([condition]),
          },
        },
      };
    }
    case 'UpdateItem': {
      onlyElements(item, path, [...common, 'update'], `UpdateItem at '${path}'`);
      const TableName = tableOf(item, path);
      const key = readKey(item, path);
      const update = readExpression(
        requiredField(
          item,
          'update',
          path,
          'an update object such as { "expression": "SET #n = :n" }',
        ),
        at(path, 'update'),
      );
      const condition = conditionValue();
      return {
        key,
        write: {
          Update: {
            TableName,
            Key: key,
            UpdateExpression: update.expression,
            ...conditionFields(condition),
            ...mergePlaceholders([update, condition]),
          },
        },
      };
    }
    case 'DeleteItem': {
      onlyElements(item, path, common, `DeleteItem at '${path}'`);
      const TableName = tableOf(item, path);
      const key = readKey(item, path);
      const condition = conditionValue();
      return {
        key,
        write: {
          Delete: {
            TableName,
            Key: key,
            ...conditionFields(condition),
            ...mergePlaceholders([condition]),
          },
        },
      };
    }
    case 'ConditionCheck': {
      onlyElements(item, path, common, `ConditionCheck at '${path}'`);
      const TableName = tableOf(item, path);
      const key = readKey(item, path);
      const condition = readTransactCondition(
        requiredField(
          item,
          'condition',
          path,
          'a condition such as { "expression": "attribute_exists(id)" }',
        ),
        at(path, 'condition'),
      );
      return {
        key,
        write: {
          ConditionCheck: {
            TableName,
            Key: key,
            ...conditionFields(condition),
            ConditionExpression: condition.expression,
            ...mergePlaceholders([condition]),
          },
        },
      };
    }
    default:
      throw invalid(at(path, 'operation'), `one of ${WRITE_OPERATIONS.join(', ')}`, operation);
  }
}

export const transactWriteItems: Operation = async (request, { client }) => {
  onlyElements(request, ROOT, ['operation', 'transactItems'], 'TransactWriteItems');
  const writes = readItems(
    request,
    'TransactWriteItems',
    '[{ "table": "posts", "operation": "PutItem", "key": { "id": { "S": "1" } } }]',
  ).map((item, i) => readWrite(item, at(ITEMS, i)));
  return cancellable(
    async () => {
      await client.send(
        new TransactWriteItemsCommand({ TransactItems: writes.map((w) => w.write) }),
      );
      return {
        result: {
          keys: writes.map((w) => fromAttributeMap(w.key)),
          cancellationReasons: null,
        },
      };
    },
    (reasons) => ({ keys: null, cancellationReasons: reasons }),
  );
};
