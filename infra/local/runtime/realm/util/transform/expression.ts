import { toTyped, type TypedValue } from './typed';
import { describe, isAbsent, isPlainObject, type PlainObject } from './values';

/**
 * Builds DynamoDB expressions from AppSync's filter-object grammar, as util.transform and the
 * @aws-appsync/utils/dynamodb helpers do. Output follows the strings AWS recorded via EvaluateCode:
 * every operator term is parenthesised, function arguments have no space after the comma, names are
 * `#<field>` and values `:<field>_<operator>`. Top-level terms are joined with ` AND `:
 *   {title:{contains:"Hello World"}}               → (contains(#title,:title_contains))
 *   {id:{attributeExists:true}, version:{eq:10}}  → (attribute_exists(#id)) AND (#version = :version_eq)
 */
export interface DynamoDBExpression {
  readonly expression: string;
  readonly expressionNames: Record<string, string>;
  readonly expressionValues: Record<string, TypedValue>;
}

/** What one caller accepts: filters, conditions (adds `size`) and key conditions differ. */
export interface ExpressionDialect {
  /** The function named in error messages, e.g. `util.transform.toDynamoDBFilterExpression`. */
  readonly fn: string;
  readonly operators: ReadonlySet<string>;
  /** Whether `and` / `or` / `not` combinators are allowed. */
  readonly logical: boolean;
  /** Whether `{a: {b: {eq: 1}}}` addresses the nested path a.b. */
  readonly nested: boolean;
}

const COMPARATORS: Readonly<Record<string, string>> = {
  eq: '=',
  ne: '<>',
  lt: '<',
  le: '<=',
  gt: '>',
  ge: '>=',
};

/** attributeType input names → DynamoDB type codes, per the d.ts DynamoDBAttributeTypeValues. */
const ATTRIBUTE_TYPES: Readonly<Record<string, string>> = {
  _null: 'NULL',
  string: 'S',
  stringSet: 'SS',
  number: 'N',
  numberSet: 'NS',
  binary: 'B',
  binarySet: 'BS',
  boolean: 'BOOL',
  list: 'L',
  map: 'M',
};

const FILTER_OPERATORS = [
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'in',
  'between',
  'beginsWith',
  'contains',
  'notContains',
  'attributeExists',
  'attributeType',
] as const;

const ALL_OPERATORS: ReadonlySet<string> = new Set<string>([...FILTER_OPERATORS, 'size']);
const SIZE_OPERATORS = ['eq', 'ne', 'le', 'lt', 'ge', 'gt', 'between'] as const;

export const FILTER_DIALECT: ExpressionDialect = {
  fn: 'util.transform.toDynamoDBFilterExpression',
  operators: new Set(FILTER_OPERATORS),
  logical: true,
  nested: true,
};

export const CONDITION_DIALECT: ExpressionDialect = {
  fn: 'util.transform.toDynamoDBConditionExpression',
  operators: ALL_OPERATORS,
  logical: true,
  nested: true,
};

/** Key conditions: DynamoDB allows comparisons, between and begins_with on key attributes only. */
export const KEY_CONDITION_OPERATORS: ReadonlySet<string> = new Set([
  'eq',
  'ne',
  'le',
  'lt',
  'ge',
  'gt',
  'between',
  'beginsWith',
]);

/** The same dialect under another name, for helpers that reuse it (`dynamodb.put: condition`). */
export function renamed(dialect: ExpressionDialect, fn: string): ExpressionDialect {
  return { ...dialect, fn };
}

interface Builder {
  readonly dialect: ExpressionDialect;
  readonly names: Record<string, string>;
  readonly values: Record<string, TypedValue>;
}

/** Joins terms; a group of several is parenthesised so it nests safely inside AND/OR/NOT. */
function group(terms: readonly string[], joiner: 'AND' | 'OR'): string | undefined {
  if (terms.length <= 1) {
    return terms[0];
  }
  return `(${terms.join(` ${joiner} `)})`;
}

function namePath(builder: Builder, path: readonly string[]): string {
  return path
    .map((segment) => {
      const placeholder = `#${segment}`;
      builder.names[placeholder] = segment;
      return placeholder;
    })
    .join('.');
}

/** Registers a value under `:<parts joined by _>`, suffixing `_2`, `_3` … only on a clash. */
function valuePlaceholder(builder: Builder, parts: readonly string[], value: unknown): string {
  const base = `:${parts.join('_')}`;
  let placeholder = base;
  for (let n = 2; placeholder in builder.values; n += 1) {
    placeholder = `${base}_${n}`;
  }
  builder.values[placeholder] = toTyped(value, builder.dialect.fn);
  return placeholder;
}

function fail(
  builder: Builder,
  path: readonly string[],
  op: string,
  expected: string,
  got: unknown,
): never {
  throw new TypeError(
    `${builder.dialect.fn}: operator "${op}" on "${path.join('.')}" expects ${expected}; got ${describe(got)}.`,
  );
}

function isOrderable(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function pair(
  builder: Builder,
  path: readonly string[],
  op: string,
  operand: unknown,
): readonly [unknown, unknown] {
  if (!Array.isArray(operand) || operand.length !== 2 || !operand.every(isOrderable)) {
    fail(builder, path, op, 'an array of exactly two strings or numbers [low, high]', operand);
  }
  return [operand[0], operand[1]];
}

function sizeTerms(
  builder: Builder,
  path: readonly string[],
  prefix: readonly string[],
  name: string,
  spec: unknown,
): string[] {
  if (!isPlainObject(spec)) {
    fail(builder, path, 'size', `an object of comparisons such as {"gt": 3}`, spec);
  }
  const terms: string[] = [];
  for (const [op, operand] of Object.entries(spec)) {
    if (isAbsent(operand)) {
      continue;
    }
    const where = [...prefix, ...path, 'size', op];
    if (op === 'between') {
      const [low, high] = pair(builder, path, 'size.between', operand);
      if (typeof low !== 'number' || typeof high !== 'number') {
        fail(builder, path, 'size.between', 'an array of two numbers', operand);
      }
      const lowName = valuePlaceholder(builder, [...where, '0'], low);
      const highName = valuePlaceholder(builder, [...where, '1'], high);
      terms.push(`(size(${name}) BETWEEN ${lowName} AND ${highName})`);
      continue;
    }
    const symbol = COMPARATORS[op];
    if (symbol === undefined) {
      throw new Error(
        `${builder.dialect.fn}: unknown size operator "${op}" on "${path.join('.')}"; expected one of ${SIZE_OPERATORS.join(', ')}.`,
      );
    }
    if (typeof operand !== 'number') {
      fail(builder, path, `size.${op}`, 'a number', operand);
    }
    terms.push(`(size(${name}) ${symbol} ${valuePlaceholder(builder, where, operand)})`);
  }
  return terms;
}

/** The parenthesised term(s) for one operator applied to the attribute at `path`. */
function operatorTerms(
  builder: Builder,
  path: readonly string[],
  prefix: readonly string[],
  op: string,
  operand: unknown,
): string[] {
  const name = namePath(builder, path);
  const where = [...prefix, ...path, op];
  const symbol = COMPARATORS[op];
  if (symbol !== undefined) {
    if (op !== 'eq' && op !== 'ne' && !isOrderable(operand)) {
      fail(builder, path, op, 'a string or a number', operand);
    }
    return [`(${name} ${symbol} ${valuePlaceholder(builder, where, operand)})`];
  }
  switch (op) {
    case 'in': {
      if (!Array.isArray(operand) || operand.length === 0) {
        fail(builder, path, op, 'a non-empty array of values', operand);
      }
      const names = operand.map((item, i) =>
        valuePlaceholder(builder, [...where, String(i)], item),
      );
      return [`(${name} IN (${names.join(',')}))`];
    }
    case 'between': {
      const [low, high] = pair(builder, path, op, operand);
      const lowName = valuePlaceholder(builder, [...where, '0'], low);
      const highName = valuePlaceholder(builder, [...where, '1'], high);
      return [`(${name} BETWEEN ${lowName} AND ${highName})`];
    }
    case 'beginsWith':
      if (typeof operand !== 'string') {
        fail(builder, path, op, 'a string', operand);
      }
      return [`(begins_with(${name},${valuePlaceholder(builder, where, operand)}))`];
    case 'contains':
    case 'notContains': {
      if (
        typeof operand !== 'string' &&
        typeof operand !== 'number' &&
        typeof operand !== 'boolean'
      ) {
        fail(builder, path, op, 'a string, number or boolean', operand);
      }
      const negation = op === 'notContains' ? 'NOT ' : '';
      return [`(${negation}contains(${name},${valuePlaceholder(builder, where, operand)}))`];
    }
    case 'attributeExists':
      if (typeof operand !== 'boolean') {
        fail(builder, path, op, 'true or false', operand);
      }
      return [`(${operand ? 'attribute_exists' : 'attribute_not_exists'}(${name}))`];
    case 'attributeType': {
      const code = typeof operand === 'string' ? ATTRIBUTE_TYPES[operand] : undefined;
      if (code === undefined) {
        fail(builder, path, op, `one of ${Object.keys(ATTRIBUTE_TYPES).join(', ')}`, operand);
      }
      return [`(attribute_type(${name},${valuePlaceholder(builder, where, code)}))`];
    }
    case 'size':
      return sizeTerms(builder, path, prefix, name, operand);
    default:
      throw new Error(`${builder.dialect.fn}: operator "${op}" has no rendering.`);
  }
}

function fieldTerm(
  builder: Builder,
  path: readonly string[],
  prefix: readonly string[],
  spec: unknown,
): string | undefined {
  const { dialect } = builder;
  if (!isPlainObject(spec)) {
    throw new TypeError(
      `${dialect.fn}: the condition on "${path.join('.')}" must be an object of operators such as {"eq": value}; got ${describe(spec)}.`,
    );
  }
  const terms: string[] = [];
  for (const [op, operand] of Object.entries(spec)) {
    if (isAbsent(operand)) {
      continue;
    }
    if (dialect.operators.has(op)) {
      terms.push(...operatorTerms(builder, path, prefix, op, operand));
    } else if (ALL_OPERATORS.has(op)) {
      throw new Error(
        `${dialect.fn}: operator "${op}" on "${path.join('.')}" is not supported here; supported operators are ${[...dialect.operators].join(', ')}.`,
      );
    } else if (dialect.nested && isPlainObject(operand)) {
      const nested = fieldTerm(builder, [...path, op], prefix, operand);
      if (nested !== undefined) {
        terms.push(nested);
      }
    } else {
      throw new Error(
        `${dialect.fn}: unknown operator "${op}" on "${path.join('.')}" (value ${describe(operand)}); supported operators are ${[...dialect.operators].join(', ')}.`,
      );
    }
  }
  return group(terms, 'AND');
}

function alternatives(
  builder: Builder,
  key: 'and' | 'or',
  operand: unknown,
): readonly PlainObject[] {
  const list: readonly unknown[] = Array.isArray(operand) ? operand : [operand];
  if (!Array.isArray(operand) && !isPlainObject(operand)) {
    throw new TypeError(
      `${builder.dialect.fn}: "${key}" expects an array of filter objects (or one filter object); got ${describe(operand)}.`,
    );
  }
  if (key === 'or' && list.length === 0) {
    throw new Error(`${builder.dialect.fn}: "or" needs at least one filter object; got [].`);
  }
  return list.map((item, i) => {
    if (!isPlainObject(item)) {
      throw new TypeError(
        `${builder.dialect.fn}: "${key}[${i}]" must be a filter object; got ${describe(item)}.`,
      );
    }
    return item;
  });
}

function objectTerms(builder: Builder, filter: PlainObject, prefix: readonly string[]): string[] {
  const terms: string[] = [];
  for (const [key, operand] of Object.entries(filter)) {
    if (isAbsent(operand)) {
      continue;
    }
    let term: string | undefined;
    if (!builder.dialect.logical && (key === 'and' || key === 'or' || key === 'not')) {
      throw new Error(
        `${builder.dialect.fn}: "${key}" is not supported in a key condition; give one condition per key attribute.`,
      );
    }
    if (key === 'and' || key === 'or') {
      const parts = alternatives(builder, key, operand).flatMap((item, i) => {
        const part = group(objectTerms(builder, item, [...prefix, key, String(i)]), 'AND');
        return part === undefined ? [] : [part];
      });
      term = group(parts, key === 'and' ? 'AND' : 'OR');
    } else if (key === 'not') {
      if (!isPlainObject(operand)) {
        throw new TypeError(
          `${builder.dialect.fn}: "not" expects one filter object; got ${describe(operand)}.`,
        );
      }
      const inner = group(objectTerms(builder, operand, [...prefix, 'not']), 'AND');
      term = inner === undefined ? undefined : `(NOT ${inner})`;
    } else {
      term = fieldTerm(builder, [key], prefix, operand);
    }
    if (term !== undefined) {
      terms.push(term);
    }
  }
  return terms;
}

/**
 * Builds `{expression, expressionNames, expressionValues}`. Absent (null/undefined) fields and
 * operators are skipped, so an empty input gives an empty expression.
 */
export function buildExpression(input: unknown, dialect: ExpressionDialect): DynamoDBExpression {
  if (!isPlainObject(input)) {
    throw new TypeError(
      `${dialect.fn}: expected a filter object such as {"title": {"eq": "x"}}; got ${describe(input)}.`,
    );
  }
  const builder: Builder = { dialect, names: {}, values: {} };
  const expression = objectTerms(builder, input, []).join(' AND ');
  return { expression, expressionNames: builder.names, expressionValues: builder.values };
}
