import type {
  DynamoDBDeleteItemRequest,
  DynamoDBGetItemRequest,
  DynamoDBPutItemRequest,
  DynamoDBUpdateItemRequest,
} from '@aws-appsync/utils/lib/resolver-return-types';
import type { PlainObject } from '../../util/transform/values';
import { conditionOf, defined, optional, payloadOf, typedObject } from './inputs';
import { buildProjection } from './projection';
import { buildUpdate } from './update';

/**
 * get / put / remove / update: request objects for the single-item operations. Shapes recorded from
 * AWS: put({key:{id:"abc"}, item:{value:10}}) → {operation:"PutItem", key:{id:{S:"abc"}},
 * attributeValues:{value:{N:10}}}; optional fields appear only when given.
 */

/** Versioned-data-source options shared by the write helpers. */
function writeOptions(fn: string, input: PlainObject) {
  return {
    ...defined('customPartitionKey', optional<string>(fn, input, 'customPartitionKey', 'string')),
    ...defined(
      'populateIndexFields',
      optional<boolean>(fn, input, 'populateIndexFields', 'boolean'),
    ),
    ...defined('_version', optional<number>(fn, input, '_version', 'number')),
  };
}

export function get(payload: unknown): DynamoDBGetItemRequest {
  const fn = 'dynamodb.get';
  const input = payloadOf(fn, payload, '{ key: { id: "1" } }');
  return {
    operation: 'GetItem',
    key: typedObject(fn, input['key'], 'key'),
    ...defined('consistentRead', optional<boolean>(fn, input, 'consistentRead', 'boolean')),
    ...defined('projection', buildProjection(input['projection'], fn)),
  };
}

export function put(payload: unknown): DynamoDBPutItemRequest {
  const fn = 'dynamodb.put';
  const input = payloadOf(fn, payload, '{ key: { id: "1" }, item: { name: "x" } }');
  return {
    operation: 'PutItem',
    key: typedObject(fn, input['key'], 'key'),
    attributeValues: typedObject(fn, input['item'], 'item'),
    ...defined('condition', conditionOf(fn, input['condition'])),
    ...writeOptions(fn, input),
  };
}

export function remove(payload: unknown): DynamoDBDeleteItemRequest {
  const fn = 'dynamodb.remove';
  const input = payloadOf(fn, payload, '{ key: { id: "1" } }');
  return {
    operation: 'DeleteItem',
    key: typedObject(fn, input['key'], 'key'),
    ...defined('condition', conditionOf(fn, input['condition'])),
    ...writeOptions(fn, input),
  };
}

export function update(payload: unknown): DynamoDBUpdateItemRequest {
  const fn = 'dynamodb.update';
  const input = payloadOf(fn, payload, '{ key: { id: "1" }, update: { name: "x" } }');
  return {
    operation: 'UpdateItem',
    key: typedObject(fn, input['key'], 'key'),
    update: buildUpdate(input['update'], fn),
    ...defined('condition', conditionOf(fn, input['condition'])),
    ...writeOptions(fn, input),
  };
}
