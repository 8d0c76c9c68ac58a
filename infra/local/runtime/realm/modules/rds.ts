import type * as RdsHelpers from '@aws-appsync/utils/lib/rds-helpers';
import type { RDSRequest } from '@aws-appsync/utils/lib/resolver-return-types';
import type { RealmDeps } from '../deps';
import { rdsResultToJson } from '../util/rds-result';
import { describeReceived, isRecord } from '../checks';
import { MYSQL, POSTGRES, rdsError, SqlContext, type Dialect } from './rds-context';
import {
  AGGREGATES,
  clonePayload,
  isStatement,
  RDS_BRAND,
  type AggregateName,
  type AggregateValue,
  type BuilderKind,
  type BuilderStatement,
  type TemplateStatement,
  type TypeHintName,
  type TypeHintValue,
} from './rds-model';
import { renderStatement } from './rds-statements';

/**
 * `@aws-appsync/utils/rds`. The d.ts declares `toJsonObject` as never returning null, but AppSync
 * returns null for input that is not a Data API result (documented), so the type says so.
 */
export type RdsModule = Omit<typeof RdsHelpers, 'toJsonObject'> & {
  toJsonObject(data: unknown): Record<string, unknown>[][] | null;
};

// AppSync leaks this Java exception text for a malformed tagged template; it is kept verbatim.
const TEMPLATE_ARITY_ERROR =
  'java.lang.IllegalArgumentException: Unexpected argument passed to sql tagged template';

/** The Data API type each hint accepts (null and undefined are accepted by all and sent as null). */
const HINT_VALUE_TYPES: Readonly<Record<TypeHintName, readonly string[] | 'any'>> = {
  DECIMAL: ['string', 'number'],
  JSON: 'any',
  TIMESTAMP: ['string'],
  TIME: ['string'],
  UUID: ['string'],
  DATE: ['string'],
};

export function createRdsModule(_deps: RealmDeps): RdsModule {
  return {
    select: (payload?: unknown) => buildStatement('select', payload),
    insert: (payload?: unknown) => buildStatement('insert', payload),
    update: (payload?: unknown) => buildStatement('update', payload),
    remove: (payload?: unknown) => buildStatement('remove', payload),
    createPgStatement: (statement1?: unknown, statement2?: unknown) =>
      createRequest(POSTGRES, statement1, statement2),
    createMySQLStatement: (statement1?: unknown, statement2?: unknown) =>
      createRequest(MYSQL, statement1, statement2),
    sql: (literal: unknown, ...values: unknown[]) => sqlTemplate(literal, values),
    toJsonObject: (data: unknown) => rdsResultToJson(data),
    typeHint: {
      DECIMAL: (value: unknown) => typeHint('DECIMAL', value),
      JSON: (value: unknown) => typeHint('JSON', value),
      TIMESTAMP: (value: unknown) => typeHint('TIMESTAMP', value),
      TIME: (value: unknown) => typeHint('TIME', value),
      UUID: (value: unknown) => typeHint('UUID', value),
      DATE: (value: unknown) => typeHint('DATE', value),
    },
    agg: {
      max: (column: unknown) => aggregate('max', column),
      maxDistinct: (column: unknown) => aggregate('maxDistinct', column),
      min: (column: unknown) => aggregate('min', column),
      minDistinct: (column: unknown) => aggregate('minDistinct', column),
      count: (column: unknown) => aggregate('count', column),
      countDistinct: (column: unknown) => aggregate('countDistinct', column),
      avg: (column: unknown) => aggregate('avg', column),
      avgDistinct: (column: unknown) => aggregate('avgDistinct', column),
      sum: (column: unknown) => aggregate('sum', column),
      sumDistinct: (column: unknown) => aggregate('sumDistinct', column),
    },
  };
}

/**
 * `select`/`insert`/`update`/`remove`. AppSync validates the payload when the builder is called
 * (its messages name the builder), so the statement is rendered once here and thrown away; the
 * dialect-specific check (RETURNING in MySQL) can only happen when the dialect is known.
 */
function buildStatement(kind: BuilderKind, payload: unknown): BuilderStatement {
  if (payload === undefined) throw rdsError(`An argument is expected to be passed to ${kind}`);
  if (!isRecord(payload)) throw rdsError('Expected payload to be an Object.');
  const statement: BuilderStatement = {
    [RDS_BRAND]: kind,
    payload: clonePayload(payload) as Record<string, unknown>,
  };
  renderStatement(new SqlContext(POSTGRES), statement);
  return statement;
}

/** One request for up to two statements, sharing one variable map numbered `:P0, :P1, ...`. */
function createRequest(dialect: Dialect, first: unknown, second: unknown): RDSRequest {
  if (first === undefined || first === null) {
    throw rdsError(`An argument is expected to be passed to ${dialect.entry}`);
  }
  const ctx = new SqlContext(dialect);
  const statements = [first, second]
    .filter((statement) => statement !== undefined && statement !== null)
    .map((statement) => {
      // A plain string is sent as written: AppSync neither parses nor quotes it.
      if (typeof statement === 'string') return statement;
      if (isStatement(statement)) return renderStatement(ctx, statement);
      throw rdsError(`Unsupported type is passed as argument to ${dialect.entry}`);
    });
  return {
    statements,
    variableMap: ctx.variableMap,
    variableTypeHintMap: ctx.variableTypeHintMap,
  };
}

/**
 * The `sql` tag. In resolver code `literal` is the template's strings array; called by hand (or
 * from the conformance tables) it is any array of strings with one more entry than `values`.
 */
function sqlTemplate(literal: unknown, values: readonly unknown[]): TemplateStatement {
  if (
    !Array.isArray(literal) ||
    literal.length !== values.length + 1 ||
    !literal.every((part) => typeof part === 'string')
  ) {
    throw rdsError(TEMPLATE_ARITY_ERROR);
  }
  return {
    [RDS_BRAND]: 'sql',
    strings: [...(literal as string[])],
    values: values.map((value) => clonePayload(value)),
  };
}

function typeHint(type: TypeHintName, value: unknown): TypeHintValue {
  const accepted = HINT_VALUE_TYPES[type];
  if (value !== null && value !== undefined && accepted !== 'any') {
    if (!accepted.includes(typeof value)) {
      throw rdsError(
        `typeHint.${type} expects a ${accepted.join(' or ')} value, received ${describeReceived(value)}.`,
      );
    }
  }
  return { type, value: clonePayload(value ?? null) };
}

function aggregate(name: AggregateName, column: unknown): AggregateValue {
  if (typeof column !== 'string') {
    throw rdsError(
      `agg.${name} expects a column name string, received ${describeReceived(column)}.`,
    );
  }
  const { fn, distinct } = AGGREGATES[name];
  return { [RDS_BRAND]: 'aggregate', fn, distinct, column };
}
