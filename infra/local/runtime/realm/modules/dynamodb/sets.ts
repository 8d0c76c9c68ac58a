import type {
  DynamoDBBinarySetResult,
  DynamoDBStringSetResult,
} from '@aws-appsync/utils/lib/dynamodb-utils';
import { describe } from '../../util/transform/values';

/**
 * toStringSet / toNumberSet / toBinarySet of the helper module. Numbers stay JSON numbers, as in the
 * AWS-recorded util.dynamodb.toNumberSet([1, 23, 4.56]) → {NS: [1, 23, 4.56]} (the d.ts example
 * shows strings). put/update keep a value of this shape as a set instead of converting it to a map.
 */

function members<T>(
  fn: string,
  list: unknown,
  check: (v: unknown) => v is T,
  expected: string,
): T[] {
  if (!Array.isArray(list) || !list.every(check)) {
    throw new TypeError(`${fn}: expected an array of ${expected}; got ${describe(list)}.`);
  }
  return [...list];
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

export function toStringSet(list: unknown): DynamoDBStringSetResult {
  return { SS: members('dynamodb.toStringSet', list, isString, 'strings') };
}

/** The d.ts types NS members as strings; AppSync's typed-value JSON keeps them as numbers. */
export interface NumberSet {
  readonly NS: number[];
}

export function toNumberSet(numbers: unknown): NumberSet {
  return { NS: members('dynamodb.toNumberSet', numbers, isFiniteNumber, 'finite numbers') };
}

export function toBinarySet(values: unknown): DynamoDBBinarySetResult {
  return { BS: members('dynamodb.toBinarySet', values, isString, 'base64 strings') };
}
