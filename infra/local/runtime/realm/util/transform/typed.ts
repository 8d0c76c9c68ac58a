import { describe, isPlainObject } from './values';

/**
 * AppSync's typed-value JSON: like DynamoDB's wire format, except that numbers stay JSON numbers
 * (`{"N": 12}`, as the AWS-recorded EvaluateCode snapshots show). Arrays become lists; only values
 * already shaped as a set (the output of toStringSet/toNumberSet/toBinarySet) stay sets.
 */
export type TypedValue =
  | { readonly S: string }
  | { readonly N: number | string }
  | { readonly BOOL: boolean }
  | { readonly NULL: null }
  | { readonly L: readonly TypedValue[] }
  | { readonly M: TypedMap }
  | { readonly SS: readonly string[] }
  | { readonly NS: readonly (number | string)[] }
  | { readonly BS: readonly string[] };

export type TypedMap = Readonly<Record<string, TypedValue>>;

const SET_TYPES = ['SS', 'NS', 'BS'] as const;

function isNumeric(value: unknown): boolean {
  return (
    (typeof value === 'number' && Number.isFinite(value)) ||
    (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
  );
}

/**
 * Recognises the result of a set helper by shape: one key, SS/BS holding strings or NS holding
 * numbers (or numeric strings). The helpers' results are plain JSON, so the shape is all there is.
 */
export function asSetValue(value: unknown): TypedValue | undefined {
  if (!isPlainObject(value)) {
    return undefined;
  }
  const keys = Object.keys(value);
  const type = keys[0];
  if (keys.length !== 1 || !SET_TYPES.some((t) => t === type)) {
    return undefined;
  }
  const members = value[type as string];
  if (!Array.isArray(members)) {
    return undefined;
  }
  if (type === 'NS') {
    return members.every(isNumeric) ? { NS: members as (number | string)[] } : undefined;
  }
  if (!members.every((m) => typeof m === 'string')) {
    return undefined;
  }
  return type === 'SS' ? { SS: members as string[] } : { BS: members as string[] };
}

/** Converts a JSON-like value to its typed value; `where` names the caller for error messages. */
export function toTyped(value: unknown, where: string): TypedValue {
  if (value === null || value === undefined) {
    return { NULL: null };
  }
  switch (typeof value) {
    case 'string':
      return { S: value };
    case 'boolean':
      return { BOOL: value };
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(
          `${where}: ${String(value)} cannot be stored in DynamoDB; expected a finite number.`,
        );
      }
      return { N: value };
    default:
      break;
  }
  if (Array.isArray(value)) {
    return { L: value.map((item) => toTyped(item, where)) };
  }
  if (isPlainObject(value)) {
    return asSetValue(value) ?? { M: toTypedMap(value, where) };
  }
  throw new TypeError(
    `${where}: ${describe(value)} has no DynamoDB representation; expected a string, number, boolean, null, array or object.`,
  );
}

/** `{k: v}` → `{k: typed(v)}`: the shape of `key`, `attributeValues` and `expressionValues`. */
export function toTypedMap(object: Readonly<Record<string, unknown>>, where: string): TypedMap {
  const result: Record<string, TypedValue> = {};
  for (const [name, member] of Object.entries(object)) {
    if (member !== undefined) {
      result[name] = toTyped(member, where);
    }
  }
  return result;
}
