import { describe, isAbsent, isPlainObject, isScalar, type PlainObject } from './values';

/**
 * util.transform.toElasticsearchQueryDSL: the filter-object grammar as an OpenSearch bool query.
 * Shape follows the AWS documentation example: the object is `{bool: {must: [...]}}` over its keys,
 * each field is `{bool: {must: [...]}}` over its operators, and `ne` is `{bool: {must_not: {...}}}`.
 */

const FN = 'util.transform.toElasticsearchQueryDSL';

type Query = Readonly<Record<string, unknown>>;

function isOrderable(value: unknown): boolean {
  return typeof value === 'string' || typeof value === 'number';
}

function isString(value: unknown): boolean {
  return typeof value === 'string';
}

interface Operator {
  readonly check: (value: unknown) => boolean;
  readonly expected: string;
  readonly render: (field: string, value: unknown) => Query;
}

function simple(kind: string, check: (value: unknown) => boolean, expected: string): Operator {
  return { check, expected, render: (field, value) => ({ [kind]: { [field]: value } }) };
}

function bound(kind: 'gt' | 'gte' | 'lt' | 'lte'): Operator {
  return {
    check: isOrderable,
    expected: 'a string or a number',
    render: (field, value) => ({ range: { [field]: { [kind]: value } } }),
  };
}

const OPERATORS: Readonly<Record<string, Operator>> = {
  eq: simple('term', isScalar, 'a string, number or boolean'),
  ne: {
    check: isScalar,
    expected: 'a string, number or boolean',
    render: (field, value) => ({ bool: { must_not: { term: { [field]: value } } } }),
  },
  gt: bound('gt'),
  gte: bound('gte'),
  lt: bound('lt'),
  lte: bound('lte'),
  range: {
    check: (v) => Array.isArray(v) && v.length === 2 && v.every(isOrderable),
    expected: 'an array of exactly two strings or numbers [from, to]',
    render: (field, value) => {
      const [from, to] = value as readonly unknown[];
      return { range: { [field]: { gte: from, lte: to } } };
    },
  },
  match: simple('match', isScalar, 'a string, number or boolean'),
  matchPhrase: simple('match_phrase', isString, 'a string'),
  matchPhrasePrefix: simple('match_phrase_prefix', isString, 'a string'),
  wildcard: simple('wildcard', isString, 'a string'),
  regexp: simple('regexp', isString, 'a string'),
  multiMatch: {
    check: isString,
    expected: 'a string',
    render: (field, value) => ({ multi_match: { query: value, fields: [field] } }),
  },
  exists: {
    check: (v) => typeof v === 'boolean',
    expected: 'true or false',
    render: (field, value) =>
      value === true ? { exists: { field } } : { bool: { must_not: { exists: { field } } } },
  },
};

function fieldQueries(path: readonly string[], spec: unknown): Query[] {
  const field = path.join('.');
  if (!isPlainObject(spec)) {
    throw new TypeError(
      `${FN}: the condition on "${field}" must be an object of operators such as {"eq": value}; got ${describe(spec)}.`,
    );
  }
  const queries: Query[] = [];
  for (const [op, operand] of Object.entries(spec)) {
    if (isAbsent(operand)) {
      continue;
    }
    const operator = OPERATORS[op];
    if (operator !== undefined) {
      if (!operator.check(operand)) {
        throw new TypeError(
          `${FN}: operator "${op}" on "${field}" expects ${operator.expected}; got ${describe(operand)}.`,
        );
      }
      queries.push(operator.render(field, operand));
    } else if (isPlainObject(operand)) {
      queries.push(...fieldQueries([...path, op], operand));
    } else {
      throw new Error(
        `${FN}: unknown operator "${op}" on "${field}" (value ${describe(operand)}); supported operators are ${Object.keys(OPERATORS).join(', ')}.`,
      );
    }
  }
  return queries;
}

function queryObjects(key: string, operand: unknown): readonly PlainObject[] {
  if (!Array.isArray(operand)) {
    throw new TypeError(
      `${FN}: "${key}" expects an array of query objects; got ${describe(operand)}.`,
    );
  }
  return operand.map((item: unknown, i) => {
    if (!isPlainObject(item)) {
      throw new TypeError(`${FN}: "${key}[${i}]" must be a query object; got ${describe(item)}.`);
    }
    return item;
  });
}

function toQuery(input: PlainObject): Query {
  const must: Query[] = [];
  for (const [key, operand] of Object.entries(input)) {
    if (isAbsent(operand)) {
      continue;
    }
    if (key === 'and') {
      must.push({ bool: { must: queryObjects(key, operand).map(toQuery) } });
    } else if (key === 'or') {
      must.push({ bool: { should: queryObjects(key, operand).map(toQuery) } });
    } else if (key === 'not') {
      if (!isPlainObject(operand)) {
        throw new TypeError(`${FN}: "not" expects one query object; got ${describe(operand)}.`);
      }
      must.push({ bool: { must_not: toQuery(operand) } });
    } else {
      must.push({ bool: { must: fieldQueries([key], operand) } });
    }
  }
  return { bool: { must } };
}

export function toElasticsearchQueryDSL(input: unknown): string {
  if (!isPlainObject(input)) {
    throw new TypeError(
      `${FN}: expected a query object such as {"title": {"match": "x"}}; got ${describe(input)}.`,
    );
  }
  return JSON.stringify(toQuery(input));
}
