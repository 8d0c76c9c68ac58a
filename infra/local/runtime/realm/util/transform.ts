import type { TransformUtils } from '@aws-appsync/utils/lib/transform-utils';
import type { RealmDeps } from '../deps';
import { buildExpression, CONDITION_DIALECT, FILTER_DIALECT } from './transform/expression';
import { toElasticsearchQueryDSL } from './transform/opensearch';
import { toSubscriptionFilter } from './transform/subscription';

/**
 * util.transform. The DynamoDB and OpenSearch variants return JSON strings (callers JSON.parse
 * them); toSubscriptionFilter returns the filter object itself. All are pure functions of their
 * input, so nothing is read from or recorded in the invocation scope.
 */
export function createTransformUtils(_deps: RealmDeps): TransformUtils {
  return {
    toDynamoDBFilterExpression: (filterObject: unknown) =>
      JSON.stringify(buildExpression(filterObject, FILTER_DIALECT)),
    toDynamoDBConditionExpression: (conditionObject: unknown) =>
      JSON.stringify(buildExpression(conditionObject, CONDITION_DIALECT)),
    toElasticsearchQueryDSL: (obj: unknown) => toElasticsearchQueryDSL(obj),
    toSubscriptionFilter: (obj: unknown, ignoredFields?: unknown, rules?: unknown) =>
      toSubscriptionFilter(obj, ignoredFields, rules),
  };
}
