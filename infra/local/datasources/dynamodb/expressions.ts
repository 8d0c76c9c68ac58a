import { DataSourceRequestError } from '../types';
import {
  at,
  invalid,
  isObject,
  onlyElements,
  optionalBoolean,
  optionalField,
  optionalStringMap,
  requireArray,
  requireExpression,
  requireString,
  type JsonObject,
} from './request';
import { toAttributeMap, type AttributeMap } from './typed-values';

/**
 * The expression objects of request objects (`query`, `filter`, `update`, `projection`,
 * `condition`) and how their names and values merge into one DynamoDB call. Expressions, names
 * and values pass through to DynamoDB unchanged.
 */

export interface Expression {
  readonly expression: string;
  readonly names?: Record<string, string> | undefined;
  readonly values?: AttributeMap | undefined;
}

/** A condition of PutItem / UpdateItem / DeleteItem [runtime §5.2, §5.6]. */
export interface Condition extends Expression {
  readonly equalsIgnore: readonly string[];
  /** For the re-read after a failed condition; AppSync's default is a strongly consistent read. */
  readonly consistentRead: boolean;
}

/** A condition inside TransactWriteItems. */
export interface TransactCondition extends Expression {
  readonly returnValuesOnConditionCheckFailure: boolean;
}

const EXPRESSION = ['expression', 'expressionNames', 'expressionValues'] as const;

function expressionObject(value: unknown, path: string, allowed: readonly string[]): JsonObject {
  if (!isObject(value)) {
    throw invalid(path, `an object with ${allowed.join(', ')}`, value);
  }
  onlyElements(value, path, allowed, `'${path}'`);
  return value;
}

function valuesOf(value: JsonObject, path: string): AttributeMap | undefined {
  const values = optionalField(value, 'expressionValues');
  return values === undefined
    ? undefined
    : toAttributeMap(
        values,
        at(path, 'expressionValues'),
        'an object of typed values such as { ":v": { "S": "x" } }',
      );
}

/** `query`, `filter`, `update`: expression, expressionNames, expressionValues. */
export function readExpression(value: unknown, path: string): Expression {
  const object = expressionObject(value, path, EXPRESSION);
  return {
    expression: requireExpression(object, path),
    names: optionalStringMap(object, 'expressionNames', path),
    values: valuesOf(object, path),
  };
}

/** `projection`: expression and expressionNames only. */
export function readProjection(value: unknown, path: string): Expression {
  const object = expressionObject(value, path, ['expression', 'expressionNames']);
  return {
    expression: requireExpression(object, path),
    names: optionalStringMap(object, 'expressionNames', path),
  };
}

/**
 * A condition object. A JSON *string* (the unparsed output of toDynamoDBConditionExpression) is
 * refused with a hint: the parsed object works on AppSync for certain, the string may not.
 */
function conditionObject(value: unknown, path: string, allowed: readonly string[]): JsonObject {
  if (typeof value === 'string') {
    throw new DataSourceRequestError(
      `Expected a condition object such as { "expression": "attribute_not_exists(id)" } at '${path}'; ` +
        `received a string. If it comes from util.transform.toDynamoDBConditionExpression, pass JSON.parse(...) of it.`,
    );
  }
  return expressionObject(value, path, allowed);
}

const CONDITION = [
  ...EXPRESSION,
  'equalsIgnore',
  'consistentRead',
  'conditionalCheckFailedHandler',
];

export function readCondition(value: unknown, path: string): Condition {
  const object = conditionObject(value, path, CONDITION);
  const ignore = optionalField(object, 'equalsIgnore');
  const equalsIgnore =
    ignore === undefined
      ? []
      : requireArray(ignore, at(path, 'equalsIgnore'), 'an array of attribute names').map(
          (name, i) => requireString(name, at(at(path, 'equalsIgnore'), i)),
        );
  readHandler(
    optionalField(object, 'conditionalCheckFailedHandler'),
    at(path, 'conditionalCheckFailedHandler'),
  );
  return {
    expression: requireExpression(object, path),
    names: optionalStringMap(object, 'expressionNames', path),
    values: valuesOf(object, path),
    equalsIgnore,
    consistentRead: optionalBoolean(object, 'consistentRead', path) ?? true,
  };
}

/** Only `Reject` can run locally: `Custom` would invoke a Lambda function by ARN. */
function readHandler(value: unknown, path: string): void {
  if (value === undefined) return;
  const object = expressionObject(value, path, ['strategy', 'lambdaArn']);
  const strategy = optionalField(object, 'strategy');
  if (strategy === undefined || strategy === 'Reject') return;
  if (strategy === 'Custom') {
    throw new DataSourceRequestError(
      `The conditionalCheckFailedHandler strategy 'Custom' at '${path}' invokes a Lambda function by ARN, ` +
        `which the local engine does not support; use { "strategy": "Reject" } and handle ctx.error in the response handler.`,
    );
  }
  throw invalid(at(path, 'strategy'), "'Reject' or 'Custom'", strategy);
}

export function readTransactCondition(value: unknown, path: string): TransactCondition {
  const object = conditionObject(value, path, [
    ...EXPRESSION,
    'returnValuesOnConditionCheckFailure',
  ]);
  return {
    expression: requireExpression(object, path),
    names: optionalStringMap(object, 'expressionNames', path),
    values: valuesOf(object, path),
    returnValuesOnConditionCheckFailure:
      optionalBoolean(object, 'returnValuesOnConditionCheckFailure', path) ?? true,
  };
}

/** The merged ExpressionAttributeNames / ExpressionAttributeValues of one call (omitted when empty). */
export interface Placeholders {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: AttributeMap;
}

/**
 * Merges the names and values of every expression of one call. A placeholder defined twice with
 * different meanings is refused: DynamoDB has one namespace per call, so one of them would be lost.
 */
export function mergePlaceholders(expressions: readonly (Expression | undefined)[]): Placeholders {
  const names: Record<string, string> = {};
  const values: AttributeMap = {};
  for (const part of expressions) {
    for (const [placeholder, name] of Object.entries(part?.names ?? {})) {
      if (Object.hasOwn(names, placeholder) && names[placeholder] !== name) {
        throw new DataSourceRequestError(
          `The expression name '${placeholder}' is defined twice, as '${names[placeholder]}' and as '${name}'; ` +
            `expected one meaning per placeholder across the expressions of one request.`,
        );
      }
      Object.defineProperty(names, placeholder, { value: name, enumerable: true, writable: true });
    }
    for (const [placeholder, value] of Object.entries(part?.values ?? {})) {
      if (
        Object.hasOwn(values, placeholder) &&
        JSON.stringify(values[placeholder]) !== JSON.stringify(value)
      ) {
        throw new DataSourceRequestError(
          `The expression value '${placeholder}' is defined twice with different values; ` +
            `expected one value per placeholder across the expressions of one request.`,
        );
      }
      Object.defineProperty(values, placeholder, { value, enumerable: true, writable: true });
    }
  }
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}
