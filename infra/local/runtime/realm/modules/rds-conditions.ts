import { isRecord } from '../checks';
import { rdsError, type SqlContext } from './rds-context';
import {
  AGGREGATES,
  isConditionObject,
  isTemplateStatement,
  type AggregateName,
} from './rds-model';

/**
 * Renders the condition objects of `where`, `having` and join `on` clauses.
 *
 * The layout follows what AppSync produces (recorded via EvaluateCode): the entries of a condition
 * object are joined with AND in key order; `and`/`or` wrap each non-empty member in parentheses;
 * members or operators that render to nothing still take part in the join, so AppSync's own
 * dangling `AND`/`OR` are reproduced rather than repaired.
 */

const COMPARISONS: ReadonlyMap<string, string> = new Map([
  ['eq', '='],
  ['ne', '!='],
  ['gt', '>'],
  ['ge', '>='],
  ['lt', '<'],
  ['le', '<='],
]);

/** Logical keys and how their members are joined (`not` negates the AND of its members). */
const LOGICAL: ReadonlyMap<string, string> = new Map([
  ['and', ' AND '],
  ['or', ' OR '],
  ['not', ' AND '],
]);

/** The body of a clause: a `sql` template verbatim, or a rendered condition object. */
export function renderClauseBody(ctx: SqlContext, clause: string, value: unknown): string {
  if (isTemplateStatement(value)) return ctx.template(value);
  if (isConditionObject(value)) return renderConditionObject(ctx, value);
  throw rdsError(`${clause} values are expected to be SQL templates or a condition object.`);
}

function renderConditionObject(ctx: SqlContext, condition: Record<string, unknown>): string {
  return Object.keys(condition)
    .map((key) =>
      LOGICAL.has(key)
        ? renderLogical(ctx, key, condition[key])
        : renderColumn(ctx, key, condition[key]),
    )
    .join(' AND ');
}

function renderLogical(ctx: SqlContext, operator: string, members: unknown): string {
  if (!Array.isArray(members)) throw rdsError(`${operator} expects conditions to be an array`);
  const body = members
    .map((member: unknown) => {
      if (!isConditionObject(member)) throw rdsError(`Expected ${operator} to be an Object.`);
      const text = renderConditionObject(ctx, member);
      return text === '' ? '' : `(${text})`;
    })
    .join(LOGICAL.get(operator) ?? ' AND ');
  return operator === 'not' && body !== '' ? `NOT (${body})` : body;
}

function renderColumn(ctx: SqlContext, column: string, condition: unknown): string {
  if (!isConditionObject(condition)) throw rdsError('Expected condition to be an Object.');
  return Object.keys(condition)
    .map((operator) => renderOperator(ctx, column, operator, condition[operator]))
    .join(' AND ');
}

const WILDCARDS: ReadonlyMap<string, (value: string) => string> = new Map([
  ['contains', (value: string) => `%${value}%`],
  // AppSync binds a notContains value as given, without the wildcards `contains` adds.
  ['notContains', (value: string) => value],
  ['beginsWith', (value: string) => `${value}%`],
]);

function isKnownOperator(operator: string): boolean {
  return (
    COMPARISONS.has(operator) ||
    WILDCARDS.has(operator) ||
    ['between', 'attributeExists', 'size'].includes(operator) ||
    Object.hasOwn(AGGREGATES, operator)
  );
}

function renderOperator(ctx: SqlContext, column: string, operator: string, value: unknown): string {
  const path = `${column}.${operator}`;
  if (!isKnownOperator(operator)) throw rdsError(`Unsupported condition ${path}.`);
  if (value === null || value === undefined) throw rdsError(`Value for ${path} can't be null.`);
  const target = ctx.identifier(column);
  const symbol = COMPARISONS.get(operator);
  if (symbol !== undefined) return `${target} ${symbol} ${ctx.bind(value)}`;
  const wildcard = WILDCARDS.get(operator);
  if (wildcard !== undefined) {
    const negation = operator === 'notContains' ? 'NOT ' : '';
    return `${target} ${negation}LIKE ${ctx.bind(wildcard(requireString(path, value)))}`;
  }
  switch (operator) {
    case 'between':
      return `${target} ${renderBetween(ctx, path, value)}`;
    case 'attributeExists':
      if (typeof value !== 'boolean') {
        throw rdsError(`${path} expects a boolean value to be passed.`);
      }
      return `${target} IS ${value ? 'NOT ' : ''}NULL`;
    case 'size':
      return renderMeasure(ctx, path, operator, `LENGTH (${target})`, value);
    default: {
      const { fn, distinct } = AGGREGATES[operator as AggregateName];
      const argument = `${distinct ? 'DISTINCT ' : ''}${ctx.column(column)}`;
      return renderMeasure(ctx, path, operator, `${fn} (${argument})`, value);
    }
  }
}

function requireString(path: string, value: unknown): string {
  if (typeof value !== 'string') throw rdsError(`${path} expects a string value to be passed.`);
  return value;
}

/** `BETWEEN a AND b`; each bound is bound on its own (so type hints survive), a null one is NULL. */
function renderBetween(ctx: SqlContext, path: string, value: unknown): string {
  if (!Array.isArray(value)) {
    throw rdsError(`${path} condition expects an array with length of 2.`);
  }
  if (value.length !== 2) {
    throw rdsError(
      `${path} condition expects an array with 2 values but received an array with length ${value.length}.`,
    );
  }
  return `BETWEEN ${ctx.bindOrNull(value[0])} AND ${ctx.bindOrNull(value[1])}`;
}

/**
 * `size` and the aggregate operators compare a computed value (`LENGTH ("name")`, `COUNT ("id")`)
 * with number operators. Unlike a direct comparison, a null operand becomes a NULL literal.
 */
function renderMeasure(
  ctx: SqlContext,
  path: string,
  operator: string,
  measured: string,
  value: unknown,
): string {
  if (!isRecord(value)) throw rdsError(`Expected ${path} to be an Object.`);
  return Object.keys(value)
    .map((inner) => {
      const symbol = COMPARISONS.get(inner);
      if (symbol !== undefined) return `${measured} ${symbol} ${ctx.bindOrNull(value[inner])}`;
      if (inner === 'between') return `${measured} ${renderBetween(ctx, path, value[inner])}`;
      throw rdsError(`${path} has invalid ${operator} operator.`);
    })
    .join(' AND ');
}
