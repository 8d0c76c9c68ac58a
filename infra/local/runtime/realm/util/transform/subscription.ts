import type {
  SubscriptionFilter,
  SubscriptionFilterEntry,
} from '@aws-appsync/utils/lib/subscription-filter-types';
import { describe, isAbsent, isPlainObject, isScalar, type PlainObject } from './values';

/**
 * util.transform.toSubscriptionFilter: turns the filter-object grammar into AppSync's enhanced
 * subscription filter, a disjunction of filter groups whose filters are ANDed
 * (`{filterGroup: [{filters: [{fieldName, operator, value}]}]}`). `or` multiplies groups, `and`
 * merges them, `rules` adds a clause of which at least one rule must hold. Service limits (10 groups,
 * 5 filters, 5 `in` values …) are enforced where the filter is installed, not here.
 */

const FN = 'util.transform.toSubscriptionFilter';

interface Entry {
  readonly fieldName: string;
  readonly operator: string;
  readonly value: unknown;
}

type Conjunction = readonly Entry[];

type Check = (value: unknown) => boolean;

function isOrderable(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number';
}

function listOf(check: Check): Check {
  return (value) => Array.isArray(value) && value.length > 0 && value.every(check);
}

/** Each operator of the d.ts SubscriptionFilterOperation, with the operand it accepts. */
const OPERATORS: Readonly<Record<string, { readonly check: Check; readonly expected: string }>> = {
  eq: { check: isScalar, expected: 'a string, number or boolean' },
  ne: { check: isScalar, expected: 'a string, number or boolean' },
  gt: { check: isOrderable, expected: 'a string or a number' },
  ge: { check: isOrderable, expected: 'a string or a number' },
  lt: { check: isOrderable, expected: 'a string or a number' },
  le: { check: isOrderable, expected: 'a string or a number' },
  contains: { check: isScalar, expected: 'a string, number or boolean' },
  notContains: { check: isScalar, expected: 'a string, number or boolean' },
  beginsWith: { check: (v) => typeof v === 'string', expected: 'a string' },
  in: { check: listOf(isOrderable), expected: 'a non-empty array of strings or numbers' },
  notIn: { check: listOf(isOrderable), expected: 'a non-empty array of strings or numbers' },
  between: {
    check: (v) => Array.isArray(v) && v.length === 2 && v.every(isOrderable),
    expected: 'an array of exactly two strings or numbers [low, high]',
  },
  containsAny: {
    check: listOf(isScalar),
    expected: 'a non-empty array of strings, numbers or booleans',
  },
};

function copy(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as unknown[])] : value;
}

function fieldEntries(path: readonly string[], spec: unknown): Entry[] {
  const fieldName = path.join('.');
  if (!isPlainObject(spec)) {
    throw new TypeError(
      `${FN}: the condition on "${fieldName}" must be an object of operators such as {"eq": value}; got ${describe(spec)}.`,
    );
  }
  const entries: Entry[] = [];
  for (const [op, operand] of Object.entries(spec)) {
    if (isAbsent(operand)) {
      continue;
    }
    const rule = OPERATORS[op];
    if (rule !== undefined) {
      if (!rule.check(operand)) {
        throw new TypeError(
          `${FN}: operator "${op}" on "${fieldName}" expects ${rule.expected}; got ${describe(operand)}.`,
        );
      }
      entries.push({ fieldName, operator: op, value: copy(operand) });
    } else if (isPlainObject(operand)) {
      // A nested object addresses a nested field, written in dot notation as AppSync filters expect.
      entries.push(...fieldEntries([...path, op], operand));
    } else {
      throw new Error(
        `${FN}: unknown operator "${op}" on "${fieldName}" (value ${describe(operand)}); supported operators are ${Object.keys(OPERATORS).join(', ')}.`,
      );
    }
  }
  return entries;
}

function cross(left: readonly Conjunction[], right: readonly Conjunction[]): Conjunction[] {
  return left.flatMap((l) => right.map((r) => [...l, ...r]));
}

function filterObjects(key: string, operand: unknown, allowEmpty: boolean): readonly PlainObject[] {
  if (!Array.isArray(operand) || (!allowEmpty && operand.length === 0)) {
    throw new TypeError(
      `${FN}: "${key}" expects ${allowEmpty ? 'an array' : 'a non-empty array'} of filter objects; got ${describe(operand)}.`,
    );
  }
  return operand.map((item: unknown, i) => {
    if (!isPlainObject(item)) {
      throw new TypeError(`${FN}: "${key}[${i}]" must be a filter object; got ${describe(item)}.`);
    }
    return item;
  });
}

/** The filter object in disjunctive normal form: a list of ANDed entry lists, ORed together. */
function conjunctions(filter: PlainObject, ignored: ReadonlySet<string>): Conjunction[] {
  let result: Conjunction[] = [[]];
  for (const [key, operand] of Object.entries(filter)) {
    if (isAbsent(operand) || ignored.has(key)) {
      continue;
    }
    if (key === 'and') {
      for (const item of filterObjects(key, operand, true)) {
        result = cross(result, conjunctions(item, ignored));
      }
    } else if (key === 'or') {
      const options = filterObjects(key, operand, false).flatMap((item) =>
        conjunctions(item, ignored),
      );
      result = cross(result, options);
    } else if (key === 'not') {
      throw new Error(
        `${FN}: "not" is not supported by subscription filters; use ne, notIn or notContains.`,
      );
    } else {
      const entries = fieldEntries([key], operand);
      result = result.map((conjunction) => [...conjunction, ...entries]);
    }
  }
  return result;
}

/** Each top-level field of `rules` is one rule (its operators ANDed); at least one must hold. */
function ruleAlternatives(rules: PlainObject): Conjunction[] {
  const options: Conjunction[] = [];
  for (const [key, operand] of Object.entries(rules)) {
    if (isAbsent(operand)) {
      continue;
    }
    if (key === 'and' || key === 'or' || key === 'not') {
      throw new Error(`${FN}: rules take field conditions only; "${key}" is not allowed in rules.`);
    }
    const entries = fieldEntries([key], operand);
    if (entries.length > 0) {
      options.push(entries);
    }
  }
  return options;
}

function ignoredSet(ignoredFields: unknown): ReadonlySet<string> {
  if (isAbsent(ignoredFields)) {
    return new Set();
  }
  if (!Array.isArray(ignoredFields) || !ignoredFields.every((f) => typeof f === 'string')) {
    throw new TypeError(
      `${FN}: ignoredFields must be an array of field names; got ${describe(ignoredFields)}.`,
    );
  }
  return new Set(ignoredFields as string[]);
}

export function toSubscriptionFilter(
  obj: unknown,
  ignoredFields?: unknown,
  rules?: unknown,
): SubscriptionFilter {
  if (!isPlainObject(obj)) {
    throw new TypeError(
      `${FN}: expected a filter object such as {"severity": {"ge": 3}}; got ${describe(obj)}.`,
    );
  }
  if (!isAbsent(rules) && !isPlainObject(rules)) {
    throw new TypeError(
      `${FN}: rules must be an object of field conditions; got ${describe(rules)}.`,
    );
  }
  let groups = conjunctions(obj, ignoredSet(ignoredFields));
  const options = isAbsent(rules) ? [] : ruleAlternatives(rules);
  if (options.length > 0) {
    groups = cross(groups, options);
  }
  return {
    filterGroup: groups
      .filter((filters) => filters.length > 0)
      // containsAny is missing from the d.ts entry union although the docs and input types have it.
      .map((filters) => ({
        filters: filters.map((entry) => ({ ...entry }) as SubscriptionFilterEntry),
      })),
  };
}
