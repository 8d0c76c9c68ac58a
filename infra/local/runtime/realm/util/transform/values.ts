/** Small helpers shared by the transform builders: input narrowing and readable error text. */

export type PlainObject = Readonly<Record<string, unknown>>;

/** A JSON-like object (not an array, not null). Resolver inputs are plain data, so no prototype check. */
export function isPlainObject(value: unknown): value is PlainObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Absent in AppSync's sense: the d.ts types every optional operator as `T | null`. */
export function isAbsent(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

const MAX_DESCRIPTION = 120;

/** A short rendering of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) {
    return 'undefined';
  }
  if (typeof value === 'function') {
    return 'a function';
  }
  if (typeof value === 'bigint' || typeof value === 'symbol') {
    return `a ${typeof value}`;
  }
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = Object.prototype.toString.call(value);
  }
  return text.length > MAX_DESCRIPTION ? `${text.slice(0, MAX_DESCRIPTION)}…` : text;
}

export function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}
