import { QueryCommand, ScanCommand, type QueryCommandOutput } from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError, type DataSourceResult } from '../types';
import type { Operation, OperationContext } from './context';
import { INVALID_TOKEN_ERROR } from './errors';
import { mergePlaceholders, readExpression, readProjection, type Expression } from './expressions';
import {
  at,
  invalid,
  onlyElements,
  optionalBoolean,
  optionalField,
  optionalInteger,
  optionalString,
  requiredField,
  ROOT,
  type JsonObject,
} from './request';
import { fromAttributeMap, type AttributeMap } from './typed-values';
import type { TokenBinding } from './tokens';

/**
 * Query and Scan [runtime §5.3]. `limit` is DynamoDB's Limit (items evaluated before the filter),
 * so a page can be short or empty while nextToken is not null. The result is always
 * `{ items, nextToken, scannedCount }`, nextToken null on the last page. Sync is refused: it only
 * works on versioned data sources, which the local engine does not emulate.
 */

const SELECT = ['ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES', 'SPECIFIC_ATTRIBUTES'] as const;
type Select = (typeof SELECT)[number];

function readSelect(request: JsonObject): Select | undefined {
  const value = optionalField(request, 'select');
  if (value === undefined) return undefined;
  const match = SELECT.find((option) => option === value);
  if (match === undefined) throw invalid(at(ROOT, 'select'), `one of ${SELECT.join(', ')}`, value);
  return match;
}

function optionalExpression(
  request: JsonObject,
  name: string,
  read: (value: unknown, path: string) => Expression,
): Expression | undefined {
  const value = optionalField(request, name);
  return value === undefined ? undefined : read(value, at(ROOT, name));
}

/** The fields Query and Scan share, read and checked. */
function readCommon(request: JsonObject) {
  const nextToken = optionalField(request, 'nextToken');
  if (nextToken !== undefined && typeof nextToken !== 'string') {
    throw invalid(
      at(ROOT, 'nextToken'),
      'a pagination token string from an earlier result',
      nextToken,
    );
  }
  return {
    index: optionalString(request, 'index', ROOT),
    limit: optionalInteger(request, 'limit', ROOT),
    consistentRead: optionalBoolean(request, 'consistentRead', ROOT) ?? false,
    select: readSelect(request),
    nextToken,
    filter: optionalExpression(request, 'filter', readExpression),
    projection: optionalExpression(request, 'projection', readProjection),
  };
}

type Page = Pick<QueryCommandOutput, 'Items' | 'LastEvaluatedKey' | 'ScannedCount'>;

/**
 * Opens the request's token, runs the page and shapes the result; a token that does not open
 * for this resolver, table and index fails as AppSync fails it.
 */
async function paginate(
  context: OperationContext,
  index: string | undefined,
  nextToken: string | undefined,
  run: (exclusiveStartKey: AttributeMap | undefined) => Promise<Page>,
): Promise<DataSourceResult> {
  const binding: TokenBinding = { unit: context.unit, table: context.tableName, index };
  let startKey: AttributeMap | undefined;
  if (nextToken !== undefined) {
    startKey = context.tokens.open(nextToken, binding);
    if (startKey === undefined) return { result: null, error: INVALID_TOKEN_ERROR };
  }
  const page = await run(startKey);
  return {
    result: {
      items: (page.Items ?? []).map(fromAttributeMap),
      nextToken:
        page.LastEvaluatedKey === undefined
          ? null
          : context.tokens.issue(page.LastEvaluatedKey, binding),
      scannedCount: page.ScannedCount ?? 0,
    },
  };
}

const COMMON = [
  'operation',
  'index',
  'limit',
  'consistentRead',
  'nextToken',
  'select',
  'filter',
  'projection',
];

export const query: Operation = async (request, context) => {
  onlyElements(request, ROOT, [...COMMON, 'query', 'scanIndexForward'], 'Query');
  const keyCondition = readExpression(
    requiredField(
      request,
      'query',
      ROOT,
      'a key condition such as { "expression": "#pk = :pk", "expressionNames": {...}, "expressionValues": {...} }',
    ),
    at(ROOT, 'query'),
  );
  const common = readCommon(request);
  const scanIndexForward = optionalBoolean(request, 'scanIndexForward', ROOT) ?? true;
  return paginate(context, common.index, common.nextToken, (startKey) =>
    context.client.send(
      new QueryCommand({
        TableName: context.tableName,
        IndexName: common.index,
        KeyConditionExpression: keyCondition.expression,
        FilterExpression: common.filter?.expression,
        ProjectionExpression: common.projection?.expression,
        Select: common.select,
        Limit: common.limit,
        ConsistentRead: common.consistentRead,
        ScanIndexForward: scanIndexForward,
        ExclusiveStartKey: startKey,
        ...mergePlaceholders([keyCondition, common.filter, common.projection]),
      }),
    ),
  );
};

export const scan: Operation = async (request, context) => {
  onlyElements(request, ROOT, [...COMMON, 'segment', 'totalSegments'], 'Scan');
  const common = readCommon(request);
  const segment = optionalInteger(request, 'segment', ROOT);
  const totalSegments = optionalInteger(request, 'totalSegments', ROOT);
  return paginate(context, common.index, common.nextToken, (startKey) =>
    context.client.send(
      new ScanCommand({
        TableName: context.tableName,
        IndexName: common.index,
        FilterExpression: common.filter?.expression,
        ProjectionExpression: common.projection?.expression,
        Select: common.select,
        Limit: common.limit,
        ConsistentRead: common.consistentRead,
        Segment: segment,
        TotalSegments: totalSegments,
        ExclusiveStartKey: startKey,
        ...mergePlaceholders([common.filter, common.projection]),
      }),
    ),
  );
};

export const sync: Operation = () =>
  Promise.reject(
    new DataSourceRequestError(
      'The Sync operation works only on versioned (conflict-detection) data sources, which the local engine does not support; ' +
        'expected Query or Scan.',
    ),
  );
