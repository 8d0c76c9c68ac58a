import {
  buildExpression,
  CONDITION_DIALECT,
  FILTER_DIALECT,
  renamed,
  type DynamoDBExpression,
} from '../../util/transform/expression';
import { toTypedMap, type TypedMap } from '../../util/transform/typed';
import { describe, isPlainObject, type PlainObject } from '../../util/transform/values';

/**
 * Reading helper inputs: each reader names the helper and field in its error, and treats `null`
 * like an absent optional field (the d.ts allows `| null` on most of them).
 */

export function payloadOf(fn: string, payload: unknown, example: string): PlainObject {
  if (!isPlainObject(payload)) {
    throw new TypeError(
      `${fn}: expected an input object such as ${example}; got ${describe(payload)}.`,
    );
  }
  return payload;
}

/** A required object-valued field (key, item, tables …). */
export function objectField(fn: string, input: PlainObject, field: string): PlainObject {
  const value = input[field];
  if (!isPlainObject(value)) {
    throw new TypeError(`${fn}: ${field} must be an object; got ${describe(value)}.`);
  }
  return value;
}

export function arrayField(fn: string, input: PlainObject, field: string): readonly unknown[] {
  const value = input[field];
  if (!Array.isArray(value)) {
    throw new TypeError(`${fn}: ${field} must be an array; got ${describe(value)}.`);
  }
  return value;
}

/** A key or item object as typed values: `{id: "a"}` → `{id: {S: "a"}}`. */
export function typedObject(fn: string, value: unknown, label: string): TypedMap {
  if (!isPlainObject(value)) {
    throw new TypeError(`${fn}: ${label} must be an object of attributes; got ${describe(value)}.`);
  }
  return toTypedMap(value, `${fn}: ${label}`);
}

type Scalar = 'string' | 'number' | 'boolean';

/** An optional scalar field: undefined when absent (or null), checked otherwise. */
export function optional<V extends string | number | boolean>(
  fn: string,
  input: PlainObject,
  field: string,
  type: Scalar,
  check: (value: V) => boolean = () => true,
  expected = `a ${type}`,
): V | undefined {
  const value = input[field];
  if (value === undefined || value === null) {
    return undefined;
  }
  if (typeof value !== type || !check(value as V)) {
    throw new TypeError(`${fn}: ${field} must be ${expected}; got ${describe(value)}.`);
  }
  return value as V;
}

export function optionalInteger(fn: string, input: PlainObject, field: string): number | undefined {
  return optional<number>(
    fn,
    input,
    field,
    'number',
    (n) => Number.isInteger(n) && n >= 0,
    'an integer ≥ 0',
  );
}

/** A condition object as `{expression, expressionNames, expressionValues}`; empty → left out. */
export function conditionOf(fn: string, value: unknown): DynamoDBExpression | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const built = buildExpression(value, renamed(CONDITION_DIALECT, `${fn}: condition`));
  return built.expression === '' ? undefined : built;
}

export function filterOf(fn: string, value: unknown): DynamoDBExpression | undefined {
  if (value === undefined || value === null) {
    return undefined;
  }
  const built = buildExpression(value, renamed(FILTER_DIALECT, `${fn}: filter`));
  return built.expression === '' ? undefined : built;
}

/** Spreads `{name: value}` only when value is defined. */
export function defined<K extends string, V>(name: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [name]: value }) as { [P in K]?: V };
}
