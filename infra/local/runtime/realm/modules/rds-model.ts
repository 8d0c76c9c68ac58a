import { isRecord, setOwn } from '../checks';

/**
 * The values the `@aws-appsync/utils/rds` helpers hand to resolver code. AppSync keeps them as
 * opaque host objects; here they are plain JSON data so they survive a trip across the sandbox
 * boundary (and the conformance harness) unchanged. Statements and aggregates carry a brand key;
 * a type hint has exactly the `{ type, value }` shape AppSync returns from `typeHint.*`.
 */
export const RDS_BRAND = '__courierRds';

export const TYPE_HINTS = ['DECIMAL', 'JSON', 'TIMESTAMP', 'TIME', 'UUID', 'DATE'] as const;
export type TypeHintName = (typeof TYPE_HINTS)[number];

export interface TypeHintValue {
  readonly type: TypeHintName;
  readonly value: unknown;
}

/** `agg.*` helper name → SQL function and whether it aggregates DISTINCT values. */
export const AGGREGATES = {
  max: { fn: 'MAX', distinct: false },
  maxDistinct: { fn: 'MAX', distinct: true },
  min: { fn: 'MIN', distinct: false },
  minDistinct: { fn: 'MIN', distinct: true },
  count: { fn: 'COUNT', distinct: false },
  countDistinct: { fn: 'COUNT', distinct: true },
  avg: { fn: 'AVG', distinct: false },
  avgDistinct: { fn: 'AVG', distinct: true },
  sum: { fn: 'SUM', distinct: false },
  sumDistinct: { fn: 'SUM', distinct: true },
} as const;
export type AggregateName = keyof typeof AGGREGATES;

export interface AggregateValue {
  readonly [RDS_BRAND]: 'aggregate';
  readonly fn: string;
  readonly distinct: boolean;
  readonly column: string;
}

export type BuilderKind = 'select' | 'insert' | 'update' | 'remove';

/** A statement made by `select`/`insert`/`update`/`remove`: the validated payload, rendered later. */
export interface BuilderStatement {
  readonly [RDS_BRAND]: BuilderKind;
  readonly payload: Record<string, unknown>;
}

/** A statement made by the `sql` tagged template. */
export interface TemplateStatement {
  readonly [RDS_BRAND]: 'sql';
  readonly strings: readonly string[];
  readonly values: readonly unknown[];
}

export type RdsStatement = BuilderStatement | TemplateStatement;

const BUILDER_KINDS: readonly string[] = ['select', 'insert', 'update', 'remove'];

export function isTemplateStatement(value: unknown): value is TemplateStatement {
  return (
    isRecord(value) &&
    value[RDS_BRAND] === 'sql' &&
    Array.isArray(value['strings']) &&
    value['strings'].every((part) => typeof part === 'string') &&
    Array.isArray(value['values']) &&
    value['strings'].length === value['values'].length + 1
  );
}

export function isBuilderStatement(value: unknown): value is BuilderStatement {
  return (
    isRecord(value) &&
    BUILDER_KINDS.includes(String(value[RDS_BRAND])) &&
    isRecord(value['payload'])
  );
}

export function isStatement(value: unknown): value is RdsStatement {
  return isTemplateStatement(value) || isBuilderStatement(value);
}

export function isAggregate(value: unknown): value is AggregateValue {
  return (
    isRecord(value) &&
    value[RDS_BRAND] === 'aggregate' &&
    typeof value['fn'] === 'string' &&
    typeof value['distinct'] === 'boolean' &&
    typeof value['column'] === 'string'
  );
}

/** A `{ type, value }` object whose type is a Data API type hint (and that has no other keys). */
export function isTypeHint(value: unknown): value is TypeHintValue {
  if (!isRecord(value)) return false;
  const type = value['type'];
  return (
    typeof type === 'string' &&
    (TYPE_HINTS as readonly string[]).includes(type) &&
    Object.keys(value).every((key) => key === 'type' || key === 'value')
  );
}

/** A where/having condition object: a map that is not one of the helpers' own values. */
export function isConditionObject(value: unknown): value is Record<string, unknown> {
  return isRecord(value) && !isStatement(value);
}

/**
 * Copies the arrays and maps of a payload, so a statement keeps what it was built from even if
 * resolver code mutates its payload afterwards (and a payload that contains itself cannot loop).
 */
export function clonePayload(value: unknown, seen: readonly unknown[] = []): unknown {
  if (typeof value !== 'object' || value === null) return value;
  if (seen.includes(value)) {
    throw new Error(
      'The rds helpers cannot build a statement from a payload that contains itself.',
    );
  }
  const path = [...seen, value];
  if (Array.isArray(value)) return value.map((item: unknown) => clonePayload(item, path));
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    setOwn(copy, key, clonePayload((value as Record<string, unknown>)[key], path));
  }
  return copy;
}
