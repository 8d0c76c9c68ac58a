import { describeReceived, isRecord } from '../checks';
import { renderClauseBody } from './rds-conditions';
import { rdsError, type SqlContext } from './rds-context';
import {
  isAggregate,
  isConditionObject,
  isStatement,
  RDS_BRAND,
  type AggregateValue,
  type BuilderKind,
  type RdsStatement,
} from './rds-model';

/**
 * Renders the statements of the `@aws-appsync/utils/rds` builders as SQL text, binding values into
 * the context's variable map in text order. A statement is assembled from clause fragments; an
 * empty fragment is dropped and the rest are joined with single spaces, which is how AppSync
 * arrives at texts such as `SELECT FROM "t"` or `UPDATE "t" SET WHERE ...` for empty inputs.
 */
export function renderStatement(ctx: SqlContext, statement: RdsStatement): string {
  switch (statement[RDS_BRAND]) {
    case 'sql':
      return ctx.template(statement);
    case 'select':
      return renderSelect(ctx, statement.payload);
    case 'insert':
      return renderInsert(ctx, statement.payload);
    case 'update':
      return renderUpdate(ctx, statement.payload);
    case 'remove':
      return renderRemove(ctx, statement.payload);
  }
}

function clauses(...fragments: readonly string[]): string {
  return fragments
    .map((fragment) => fragment.trimEnd())
    .filter((fragment) => fragment !== '')
    .join(' ');
}

/** `KEYWORD body`, or nothing when the body renders to nothing. */
function keyword(word: string, body: string): string {
  return body === '' ? '' : `${word} ${body}`;
}

const JOINS: ReadonlyMap<string, string> = new Map([
  ['join', 'JOIN'],
  ['innerJoin', 'INNER JOIN'],
  ['leftJoin', 'LEFT JOIN'],
  ['leftOuterJoin', 'LEFT OUTER JOIN'],
  ['rightJoin', 'RIGHT JOIN'],
  ['rightOuterJoin', 'RIGHT OUTER JOIN'],
  ['fullOuterJoin', 'FULL OUTER JOIN'],
  ['crossJoin', 'CROSS JOIN'],
  ['joinNatural', 'NATURAL JOIN'],
  ['innerJoinNatural', 'NATURAL INNER JOIN'],
  ['leftJoinNatural', 'NATURAL LEFT JOIN'],
  ['leftOuterJoinNatural', 'NATURAL LEFT OUTER JOIN'],
  ['rightJoinNatural', 'NATURAL RIGHT JOIN'],
  ['rightOuterJoinNatural', 'NATURAL RIGHT OUTER JOIN'],
  ['fullOuterJoinNatural', 'NATURAL FULL OUTER JOIN'],
]);

function renderSelect(ctx: SqlContext, payload: Record<string, unknown>): string {
  checkTableKeys(payload, 'select');
  const columns = payload['columns'];
  return clauses(
    'SELECT',
    columns === null || columns === undefined ? '*' : renderColumnList(ctx, columns),
    'FROM',
    renderTable(ctx, payload, 'select'),
    ...renderJoins(ctx, payload),
    renderWhere(ctx, 'WHERE', payload['where']),
    renderGroupBy(ctx, payload['groupBy']),
    renderWhere(ctx, 'HAVING', payload['having']),
    renderOrderBy(ctx, payload['orderBy']),
    renderCount(ctx, 'LIMIT', 'limit', payload['limit']),
    renderCount(ctx, 'OFFSET', 'offset', payload['offset']),
  );
}

function renderInsert(ctx: SqlContext, payload: Record<string, unknown>): string {
  const table = renderTable(ctx, payload, 'insert');
  const values = requireValues(payload, 'insert');
  const keys = Object.keys(values);
  const columns = keys.map((key) => ctx.identifier(key)).join(', ');
  const bound = keys.map((key) => ctx.bindOrNull(values[key])).join(', ');
  return clauses(
    'INSERT INTO',
    table,
    `(${columns}) VALUES (${bound})`,
    renderReturning(ctx, payload['returning']),
  );
}

function renderUpdate(ctx: SqlContext, payload: Record<string, unknown>): string {
  const table = renderTable(ctx, payload, 'update');
  const values = requireValues(payload, 'update');
  const assignments = Object.keys(values)
    .map((key) => `${ctx.identifier(key)} = ${ctx.bindOrNull(values[key])}`)
    .join(', ');
  return clauses(
    'UPDATE',
    table,
    'SET',
    assignments,
    renderWhere(ctx, 'WHERE', payload['where']),
    renderReturning(ctx, payload['returning']),
  );
}

function renderRemove(ctx: SqlContext, payload: Record<string, unknown>): string {
  return clauses(
    'DELETE FROM',
    renderTable(ctx, payload, 'remove'),
    renderWhere(ctx, 'WHERE', payload['where']),
    renderReturning(ctx, payload['returning']),
  );
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined;
}

/** Only `select` (and joins) know `from`; the other statements read `table` alone. */
function checkTableKeys(payload: Record<string, unknown>, kind: BuilderKind): void {
  const hasFrom = kind === 'select' && isPresent(payload['from']);
  if (hasFrom && isPresent(payload['table'])) {
    throw rdsError("'from' and 'table' keys cannot be used together");
  }
  if (!hasFrom && !isPresent(payload['table']))
    throw rdsError("'table' or 'from' key is required.");
}

function renderTable(ctx: SqlContext, payload: Record<string, unknown>, kind: BuilderKind): string {
  checkTableKeys(payload, kind);
  const from = payload['from'];
  if (kind === 'select' && isPresent(from)) {
    if (typeof from === 'string') return ctx.identifier(from);
    if (isSubquery(from)) return `(${renderStatement(ctx, from)})`;
    if (isStatement(from)) {
      throw rdsError(
        `'from' accepts a table name, an alias or a select/sql statement, received a statement made by ${from[RDS_BRAND]}().`,
      );
    }
    if (isConditionObject(from)) return renderTableAlias(ctx, from);
    throw rdsError("'from' value is expected to be string or object.");
  }
  const table = payload['table'];
  if (typeof table === 'string') return ctx.identifier(table);
  if (isConditionObject(table)) return renderTableAlias(ctx, table);
  throw rdsError('table name is expected to be a string or alias.');
}

function isSubquery(value: unknown): value is RdsStatement {
  return isStatement(value) && (value[RDS_BRAND] === 'select' || value[RDS_BRAND] === 'sql');
}

/**
 * `{ alias: source }`. AppSync renders it as `source as alias`, and quotes both sides as
 * identifiers, so `{ persons: 'p' }` becomes `"p" as "persons"`.
 */
function renderTableAlias(ctx: SqlContext, alias: Record<string, unknown>): string {
  const [name, ...others] = Object.keys(alias);
  // An empty alias map makes AppSync leak its Java exception; its text is kept as is.
  if (name === undefined) throw rdsError('java.util.NoSuchElementException');
  if (others.length > 0) throw rdsError('table alias is allowed only one key-value pair.');
  const source = alias[name];
  if (typeof source === 'string') return `${ctx.identifier(source)} as ${ctx.identifier(name)}`;
  if (isSubquery(source)) return `(${renderStatement(ctx, source)}) as ${ctx.identifier(name)}`;
  throw rdsError('Table alias value is expected to be a string.');
}

/** A `columns` or `returning` list: `*`, or an array of names, aliases, aggregates, subqueries. */
function renderColumnList(ctx: SqlContext, columns: unknown): string {
  if (columns === '*') return '*';
  if (!Array.isArray(columns)) throw rdsError('Expected column to be * or an array.');
  return columns.map((column: unknown) => renderColumnItem(ctx, column)).join(', ');
}

function renderColumnItem(ctx: SqlContext, column: unknown): string {
  if (typeof column === 'string') return ctx.column(column);
  if (isAggregate(column)) return renderAggregate(ctx, column);
  if (isSubquery(column)) return `(${renderStatement(ctx, column)})`;
  if (isConditionObject(column)) return renderColumnAlias(ctx, column);
  throw rdsError('Invalid type in column array.');
}

function renderColumnAlias(ctx: SqlContext, alias: Record<string, unknown>): string {
  const keys = Object.keys(alias);
  const [name] = keys;
  if (name === undefined || keys.length > 1) {
    throw rdsError(
      `A column alias is expected to have exactly one key-value pair, received ${keys.length}.`,
    );
  }
  const source = alias[name];
  const quoted = ctx.identifier(name);
  if (typeof source === 'string') return `${ctx.column(source)} as ${quoted}`;
  if (isAggregate(source)) return `${renderAggregate(ctx, source)} as ${quoted}`;
  if (isSubquery(source)) return `(${renderStatement(ctx, source)}) as ${quoted}`;
  throw rdsError(`Column alias ${name} is expected to name a column, an aggregate or a statement.`);
}

/** `agg.countDistinct('id')` → `COUNT (DISTINCT "id")`, spaced like AppSync's `LENGTH ("name")`. */
function renderAggregate(ctx: SqlContext, aggregate: AggregateValue): string {
  const distinct = aggregate.distinct ? 'DISTINCT ' : '';
  return `${aggregate.fn} (${distinct}${ctx.column(aggregate.column)})`;
}

function renderJoins(ctx: SqlContext, payload: Record<string, unknown>): string[] {
  const fragments: string[] = [];
  for (const key of Object.keys(payload)) {
    const word = JOINS.get(key);
    const list = payload[key];
    if (word === undefined || !isPresent(list)) continue;
    if (!Array.isArray(list)) throw rdsError(`${key} expects an array.`);
    for (const item of list as unknown[]) {
      if (!isConditionObject(item)) throw rdsError(`${key} item expected to be an object.`);
      fragments.push(renderJoin(ctx, key, word, item));
    }
  }
  return fragments;
}

function renderJoin(
  ctx: SqlContext,
  key: string,
  word: string,
  item: Record<string, unknown>,
): string {
  const table = `${word} ${renderTable(ctx, item, 'select')}`;
  const { using, on } = item;
  if (isPresent(using) && isPresent(on)) {
    throw rdsError(`${key} item accepts either using or on, not both.`);
  }
  if (isPresent(using)) {
    if (!Array.isArray(using)) throw rdsError(`${key} using expects an array.`);
    const columns = using.map((column: unknown) => {
      if (typeof column === 'string') return ctx.identifier(column);
      if (isConditionObject(column)) return renderColumnAlias(ctx, column);
      throw rdsError(
        `${key} using items are expected to be column names, received ${describeReceived(column)}.`,
      );
    });
    return `${table} USING (${columns.join(', ')})`;
  }
  if (isPresent(on)) return clauses(table, keyword('ON', renderClauseBody(ctx, 'ON', on)));
  return table;
}

function renderWhere(ctx: SqlContext, word: 'WHERE' | 'HAVING', value: unknown): string {
  return isPresent(value) ? keyword(word, renderClauseBody(ctx, word, value)) : '';
}

function renderGroupBy(ctx: SqlContext, groupBy: unknown): string {
  if (!isPresent(groupBy)) return '';
  if (!Array.isArray(groupBy)) throw rdsError('groupBy expects an array.');
  const items = groupBy.map((item: unknown) => {
    if (typeof item === 'string') return ctx.column(item);
    // A number is a column's ordinal position in the select list.
    if (typeof item === 'number' && Number.isInteger(item)) return String(item);
    throw rdsError(
      `groupBy items are expected to be column names or column positions, received ${describeReceived(item)}.`,
    );
  });
  return keyword('GROUP BY', items.join(', '));
}

function renderOrderBy(ctx: SqlContext, orderBy: unknown): string {
  if (!isPresent(orderBy)) return '';
  if (!Array.isArray(orderBy)) throw rdsError('orderBy expects an array.');
  const items = orderBy.map((item: unknown) => {
    if (!isRecord(item)) throw rdsError('orderBy item expected to be an object.');
    const { column, dir } = item;
    if (typeof column !== 'string')
      throw rdsError('orderBy item expected to have property column.');
    // Only a string dir is checked; anything else sorts ascending, as AppSync does.
    const direction = typeof dir === 'string' ? dir.toUpperCase() : 'ASC';
    if (direction !== 'ASC' && direction !== 'DESC') {
      throw rdsError(`orderBy dir can have either ASC or DESC found ${String(dir)}.`);
    }
    return `${ctx.column(column)} ${direction}`;
  });
  return keyword('ORDER BY', items.join(', '));
}

const NUMERIC_STRING = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** LIMIT/OFFSET: a number, or a numeric string bound as a number. */
function renderCount(ctx: SqlContext, word: string, name: string, value: unknown): string {
  if (!isPresent(value)) return '';
  if (typeof value === 'number' && Number.isFinite(value)) return `${word} ${ctx.bind(value)}`;
  if (typeof value === 'string' && NUMERIC_STRING.test(value)) {
    return `${word} ${ctx.bind(Number(value))}`;
  }
  throw rdsError(`${name} expects a number.`);
}

function requireValues(
  payload: Record<string, unknown>,
  kind: 'insert' | 'update',
): Record<string, unknown> {
  const values = payload['values'];
  if (!isPresent(values)) throw rdsError(`values are expected to be passed to ${kind}`);
  // "to an Object" is AppSync's wording.
  if (!isRecord(values)) throw rdsError('Expected values to an Object.');
  return values;
}

/** PostgreSQL's RETURNING list; the list is checked before the dialect, as AppSync does. */
function renderReturning(ctx: SqlContext, returning: unknown): string {
  if (!isPresent(returning)) return '';
  const columns = renderColumnList(ctx, returning);
  if (!ctx.dialect.supportsReturning) throw rdsError('returning is not supported in MySQL.');
  return `RETURNING ${columns}`;
}
