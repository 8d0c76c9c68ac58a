import type { DynamodbUtil } from '@aws-appsync/utils/lib/dynamodb-utils';
import type { RealmDeps } from '../deps';
import { argumentError, describeReceived, isRecord, requireString, setOwn } from '../checks';

/**
 * util.dynamodb: AppSync's typed-value JSON. It matches DynamoDB's wire format except that numbers
 * stay JSON numbers (`{"N": 12}`), and arrays always become lists, never sets [runtime §3.4].
 */

type TypedValue = Record<string, unknown>;

function convert(fn: string, value: unknown, path: string): TypedValue {
  if (value === null || value === undefined) return { NULL: null };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw argumentError(fn, `a finite number at ${path}`, value);
    return { N: value };
  }
  if (Array.isArray(value))
    return { L: value.map((item, index) => convert(fn, item, `${path}[${index}]`)) };
  if (isRecord(value)) return { M: convertValues(fn, value, path) };
  throw argumentError(fn, `a JSON value at ${path}`, value);
}

/** Converts each value; properties holding `undefined` are left out, as JSON leaves them out. */
function convertValues(
  fn: string,
  map: Record<string, unknown>,
  path: string,
): Record<string, TypedValue> {
  const out: Record<string, TypedValue> = {};
  for (const [key, item] of Object.entries(map)) {
    if (item !== undefined) setOwn(out, key, convert(fn, item, `${path}.${key}`));
  }
  return out;
}

function requireList<T>(
  fn: string,
  what: string,
  value: unknown,
  guard: (item: unknown) => item is T,
): T[] {
  if (!Array.isArray(value)) throw argumentError(fn, `a list of ${what}`, value);
  value.forEach((item, index) => {
    if (!guard(item)) {
      throw new TypeError(
        `${fn}: expected a list of ${what}, received a list whose item ${index} is ${describeReceived(item)}.`,
      );
    }
  });
  return value as T[];
}

const isString = (item: unknown): item is string => typeof item === 'string';
const isFiniteNumber = (item: unknown): item is number =>
  typeof item === 'number' && Number.isFinite(item);

function requireMap(fn: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw argumentError(fn, 'a map (a plain object)', value);
  return value;
}

export function createDynamoDBUtils(_deps: RealmDeps): DynamodbUtil {
  const utils = {
    toDynamoDB(value: unknown) {
      return convert('util.dynamodb.toDynamoDB', value, 'the value');
    },
    toString(value: unknown) {
      if (value === null || value === undefined) return null;
      return { S: requireString('util.dynamodb.toString', 'the value', value) };
    },
    toStringSet(list: unknown) {
      if (list === null || list === undefined) return null;
      return { SS: [...requireList('util.dynamodb.toStringSet', 'strings', list, isString)] };
    },
    toNumber(value: unknown) {
      if (value === null || value === undefined) return null;
      if (!isFiniteNumber(value))
        throw argumentError('util.dynamodb.toNumber', 'a finite number', value);
      return { N: value };
    },
    toNumberSet(list: unknown) {
      if (list === null || list === undefined) return null;
      return {
        NS: [...requireList('util.dynamodb.toNumberSet', 'finite numbers', list, isFiniteNumber)],
      };
    },
    toBinary(value: unknown) {
      if (value === null || value === undefined) return null;
      return { B: requireString('util.dynamodb.toBinary', 'the value (base64 text)', value) };
    },
    toBinarySet(list: unknown) {
      if (list === null || list === undefined) return null;
      return {
        BS: [...requireList('util.dynamodb.toBinarySet', 'strings (base64 text)', list, isString)],
      };
    },
    toBoolean(value: unknown) {
      if (value === null || value === undefined) return null;
      if (typeof value !== 'boolean')
        throw argumentError('util.dynamodb.toBoolean', 'a boolean', value);
      return { BOOL: value };
    },
    toNull() {
      return { NULL: null };
    },
    toList(list: unknown) {
      if (list === null || list === undefined) return null;
      if (!Array.isArray(list)) throw argumentError('util.dynamodb.toList', 'a list', list);
      return convert('util.dynamodb.toList', list, 'the value');
    },
    toMap(map: unknown) {
      if (map === null || map === undefined) return null;
      return {
        M: convertValues(
          'util.dynamodb.toMap',
          requireMap('util.dynamodb.toMap', map),
          'the value',
        ),
      };
    },
    toMapValues(map: unknown) {
      if (map === null || map === undefined) return null;
      return convertValues(
        'util.dynamodb.toMapValues',
        requireMap('util.dynamodb.toMapValues', map),
        'the value',
      );
    },
    toS3Object(key: unknown, bucket: unknown, region: unknown, version?: unknown) {
      const fn = 'util.dynamodb.toS3Object';
      const s3: Record<string, string> = {
        key: requireString(fn, 'the key', key),
        bucket: requireString(fn, 'the bucket', bucket),
        region: requireString(fn, 'the region', region),
      };
      if (version !== undefined && version !== null)
        s3['version'] = requireString(fn, 'the version', version);
      // AWS-recorded output is compact JSON: {"s3":{"key":…,"bucket":…,"region":…}} [runtime §3.4].
      return { S: JSON.stringify({ s3 }) };
    },
    fromS3ObjectJson(text: unknown) {
      const fn = 'util.dynamodb.fromS3ObjectJson';
      const json = requireString(fn, 'the S3 object JSON', text);
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch {
        throw argumentError(
          fn,
          'a JSON string such as {"s3":{"key":…,"bucket":…,"region":…}}',
          json,
        );
      }
      const s3 = isRecord(parsed) ? parsed['s3'] : undefined;
      if (!isRecord(s3)) {
        throw argumentError(fn, 'JSON with an "s3" object holding key, bucket and region', json);
      }
      const out: Record<string, unknown> = {};
      for (const field of ['key', 'bucket', 'region', 'version']) {
        const value = s3[field];
        if (value !== undefined && value !== null) out[field] = value;
        else if (field !== 'version')
          throw argumentError(fn, `JSON whose "s3" object has a "${field}"`, json);
      }
      return out;
    },
  };
  // The d.ts declares conditional return types no runtime value can carry; the shapes above are its.
  return utils as unknown as DynamodbUtil;
}
