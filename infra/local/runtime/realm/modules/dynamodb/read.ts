import type {
  DynamoDBQueryRequest,
  DynamoDBScanRequest,
  DynamoDBSyncRequest,
} from '@aws-appsync/utils/lib/resolver-return-types';
import { buildExpression, KEY_CONDITION_OPERATORS } from '../../util/transform/expression';
import { describe, isPlainObject, type PlainObject } from '../../util/transform/values';
import { defined, filterOf, optional, optionalInteger, payloadOf } from './inputs';
import { buildProjection } from './projection';

/**
 * query / scan / sync request objects. AWS recorded scan({limit:10, nextToken:"abc"}) →
 * {operation:"Scan", limit:10, nextToken:"abc"}: inputs pass through, absent ones stay absent.
 */

const SELECT = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES'] as const;
type Select = (typeof SELECT)[number];

/** The d.ts leaves SPECIFIC_ATTRIBUTES out of the request type although DynamoDB documents it. */
export type QueryRequest = Omit<DynamoDBQueryRequest, 'select'> & { select?: Select };
export type ScanRequest = DynamoDBScanRequest & { select?: Select };

function select(fn: string, input: PlainObject): Select | undefined {
  return optional<string>(
    fn,
    input,
    'select',
    'string',
    (s) => SELECT.some((v) => v === s),
    `one of ${SELECT.join(', ')}`,
  ) as Select | undefined;
}

function keyCondition(fn: string, input: PlainObject) {
  const condition = input['query'];
  if (!isPlainObject(condition)) {
    throw new TypeError(
      `${fn}: query must be a key condition such as { id: { eq: "1" } }; got ${describe(condition)}.`,
    );
  }
  const built = buildExpression(condition, {
    fn: `${fn}: query`,
    operators: KEY_CONDITION_OPERATORS,
    logical: false,
    nested: false,
  });
  if (built.expression === '') {
    throw new Error(
      `${fn}: query needs a condition on the partition key, such as { id: { eq: "1" } }.`,
    );
  }
  return built;
}

export function query(payload: unknown): QueryRequest {
  const fn = 'dynamodb.query';
  const input = payloadOf(fn, payload, '{ query: { id: { eq: "1" } } }');
  return {
    operation: 'Query',
    query: keyCondition(fn, input),
    ...defined('index', optional<string>(fn, input, 'index', 'string')),
    ...defined('nextToken', optional<string>(fn, input, 'nextToken', 'string')),
    ...defined('limit', optionalInteger(fn, input, 'limit')),
    ...defined('scanIndexForward', optional<boolean>(fn, input, 'scanIndexForward', 'boolean')),
    ...defined('consistentRead', optional<boolean>(fn, input, 'consistentRead', 'boolean')),
    ...defined('select', select(fn, input)),
    ...defined('filter', filterOf(fn, input['filter'])),
    ...defined('projection', buildProjection(input['projection'], fn)),
  };
}

export function scan(payload: unknown): ScanRequest {
  const fn = 'dynamodb.scan';
  const input = payloadOf(fn, payload, '{ limit: 10 }');
  return {
    operation: 'Scan',
    ...defined('index', optional<string>(fn, input, 'index', 'string')),
    ...defined('limit', optionalInteger(fn, input, 'limit')),
    ...defined('consistentRead', optional<boolean>(fn, input, 'consistentRead', 'boolean')),
    ...defined('nextToken', optional<string>(fn, input, 'nextToken', 'string')),
    ...defined('totalSegments', optionalInteger(fn, input, 'totalSegments')),
    ...defined('segment', optionalInteger(fn, input, 'segment')),
    ...defined('filter', filterOf(fn, input['filter'])),
    ...defined('projection', buildProjection(input['projection'], fn)),
    ...defined('select', select(fn, input)),
  };
}

export function sync(payload: unknown): DynamoDBSyncRequest {
  const fn = 'dynamodb.sync';
  const input = payloadOf(fn, payload, '{ limit: 10, lastSync: 1700000000000 }');
  return {
    operation: 'Sync',
    ...defined('basePartitionKey', optional<string>(fn, input, 'basePartitionKey', 'string')),
    ...defined('deltaIndexName', optional<string>(fn, input, 'deltaIndexName', 'string')),
    ...defined('limit', optionalInteger(fn, input, 'limit')),
    ...defined('nextToken', optional<string>(fn, input, 'nextToken', 'string')),
    ...defined('lastSync', optionalInteger(fn, input, 'lastSync')),
    ...defined('filter', filterOf(fn, input['filter'])),
  };
}
