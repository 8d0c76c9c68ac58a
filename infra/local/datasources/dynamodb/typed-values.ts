import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError } from '../types';
import { at, describe, invalid, isObject, requireArray, requireString } from './request';

/**
 * AppSync's typed values ⇄ DynamoDB's AttributeValue. In requests each value is an object with
 * exactly one type key; `N` may be a JSON number or a numeric string, `B`/`BS` are base64 and
 * `NULL` may be `null` (what util.dynamodb produces) or `true`. Results go back as plain JSON:
 * sets become arrays, numbers JSON numbers, binaries base64 [runtime §5.1].
 */

/** An item, key or expression-value map in the SDK's form. */
export type AttributeMap = Record<string, AttributeValue>;

export const TYPE_KEYS = ['S', 'N', 'B', 'BOOL', 'NULL', 'SS', 'NS', 'BS', 'L', 'M'] as const;

const EXAMPLE = 'a typed value such as { "S": "text" } or { "N": 1 }';
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function numberText(value: unknown, path: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && NUMBER.test(value.trim())) return value.trim();
  throw invalid(path, 'a number or a numeric string', value);
}

function bytes(value: unknown, path: string): Uint8Array {
  // Node's base64 decoder is lenient in the RFC 2045 way: characters outside the alphabet are skipped.
  return new Uint8Array(Buffer.from(requireString(value, path, 'a base64 string'), 'base64'));
}

/** One typed value from a request; throws DataSourceRequestError naming the path. */
export function toAttributeValue(value: unknown, path: string): AttributeValue {
  if (!isObject(value)) throw invalid(path, EXAMPLE, value);
  const keys = Object.keys(value);
  const type = keys[0];
  if (keys.length !== 1 || type === undefined) {
    throw new DataSourceRequestError(
      `Expected exactly one type key (${TYPE_KEYS.join(', ')}) at '${path}'; received ${describe(value)}.`,
    );
  }
  const inner = value[type];
  const innerPath = at(path, type);
  switch (type) {
    case 'S':
      return { S: requireString(inner, innerPath) };
    case 'N':
      return { N: numberText(inner, innerPath) };
    case 'B':
      return { B: bytes(inner, innerPath) };
    case 'BOOL':
      if (typeof inner !== 'boolean') throw invalid(innerPath, 'a boolean', inner);
      return { BOOL: inner };
    case 'NULL':
      if (inner !== null && inner !== true) throw invalid(innerPath, 'null or true', inner);
      return { NULL: true };
    case 'SS':
      return {
        SS: requireArray(inner, innerPath, 'an array of strings').map((entry, i) =>
          requireString(entry, at(innerPath, i)),
        ),
      };
    case 'NS':
      return {
        NS: requireArray(inner, innerPath, 'an array of numbers').map((entry, i) =>
          numberText(entry, at(innerPath, i)),
        ),
      };
    case 'BS':
      return {
        BS: requireArray(inner, innerPath, 'an array of base64 strings').map((entry, i) =>
          bytes(entry, at(innerPath, i)),
        ),
      };
    case 'L':
      return {
        L: requireArray(inner, innerPath, 'an array of typed values').map((entry, i) =>
          toAttributeValue(entry, at(innerPath, i)),
        ),
      };
    case 'M':
      return { M: toAttributeMap(inner, innerPath) };
    default:
      throw new DataSourceRequestError(
        `Unknown type key '${type}' at '${path}'; expected one of ${TYPE_KEYS.join(', ')}.`,
      );
  }
}

/** An object of typed values (key, attributeValues, expressionValues, M). */
export function toAttributeMap(
  value: unknown,
  path: string,
  expected = 'an object of typed values such as { "id": { "S": "1" } }',
): AttributeMap {
  if (!isObject(value)) throw invalid(path, expected, value);
  // fromEntries defines own properties, so an attribute named __proto__ stays an attribute.
  return Object.fromEntries(
    Object.entries(value).map(([name, entry]) => [name, toAttributeValue(entry, at(path, name))]),
  );
}

const base64 = (value: Uint8Array): string => Buffer.from(value).toString('base64');

/** A value DynamoDB returned, as the plain JSON a response handler sees. */
export function fromAttributeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.B !== undefined) return base64(value.B);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.SS !== undefined) return [...value.SS];
  if (value.NS !== undefined) return value.NS.map(Number);
  if (value.BS !== undefined) return value.BS.map(base64);
  if (value.L !== undefined) return value.L.map(fromAttributeValue);
  if (value.M !== undefined) return fromAttributeMap(value.M);
  throw new TypeError(
    `DynamoDB returned an attribute value of unknown type: ${JSON.stringify(value)}`,
  );
}

export function fromAttributeMap(map: AttributeMap): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(map).map(([name, value]) => [name, fromAttributeValue(value)]),
  );
}

/** An item DynamoDB returned, or null when there is none. */
export function fromItem(map: AttributeMap | undefined): Record<string, unknown> | null {
  return map === undefined ? null : fromAttributeMap(map);
}

/**
 * The typed-value JSON of a value (B as base64, N as text), as requests carry it. With
 * `canonical`, numbers are normalised and map keys and set members sorted: a stable form to
 * compare values by.
 */
export function toTypedJson(value: AttributeValue, canonical = false): unknown {
  const number = canonical ? canonicalNumber : (text: string) => text;
  const members = <T>(list: T[]): T[] => (canonical ? [...list].sort() : list);
  if (value.S !== undefined) return { S: value.S };
  if (value.N !== undefined) return { N: number(value.N) };
  if (value.B !== undefined) return { B: base64(value.B) };
  if (value.BOOL !== undefined) return { BOOL: value.BOOL };
  if (value.NULL !== undefined) return { NULL: true };
  if (value.SS !== undefined) return { SS: members(value.SS) };
  if (value.NS !== undefined) return { NS: members(value.NS.map(number)) };
  if (value.BS !== undefined) return { BS: members(value.BS.map(base64)) };
  if (value.L !== undefined) return { L: value.L.map((entry) => toTypedJson(entry, canonical)) };
  if (value.M !== undefined) return { M: typedJsonOfMap(value.M, canonical) };
  throw new TypeError(`Attribute value of unknown type: ${JSON.stringify(value)}`);
}

export function typedJsonOfMap(map: AttributeMap, canonical = false): Record<string, unknown> {
  const names = canonical ? Object.keys(map).sort() : Object.keys(map);
  return Object.fromEntries(
    names.map((name) => [name, toTypedJson(map[name] as AttributeValue, canonical)]),
  );
}

/** DynamoDB stores numbers normalised (1.50 is 1.5): an exact decimal form, digits + exponent. */
function canonicalNumber(text: string): string {
  const match = /^([+-]?)(\d*)\.?(\d*)(?:[eE]([+-]?\d+))?$/.exec(text.trim());
  if (match === null) return text;
  const [, sign = '', whole = '', fraction = '', exponent = '0'] = match;
  const digits = (whole + fraction).replace(/^0+/, '');
  if (digits === '') return '0';
  const significant = digits.replace(/0+$/, '');
  const power = Number(exponent) - fraction.length + (digits.length - significant.length);
  return `${sign === '-' ? '-' : ''}${significant}e${power}`;
}

/** Whether two items hold the same values, ignoring the named top-level attributes. */
export function sameItem(
  a: AttributeMap,
  b: AttributeMap,
  ignore: readonly string[] = [],
): boolean {
  const strip = (map: AttributeMap): AttributeMap =>
    Object.fromEntries(Object.entries(map).filter(([name]) => !ignore.includes(name)));
  return (
    JSON.stringify(typedJsonOfMap(strip(a), true)) ===
    JSON.stringify(typedJsonOfMap(strip(b), true))
  );
}

/** A string identifying a key (or an item's values at the given attributes), for matching. */
export function keyFingerprint(item: AttributeMap, names: readonly string[]): string {
  return JSON.stringify(
    [...names].sort().map((name) => {
      const value = item[name];
      return [name, value === undefined ? null : toTypedJson(value, true)];
    }),
  );
}
