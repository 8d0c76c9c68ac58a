/** Argument checks shared by the util families, so every rejection names the function and value. */

const MAX_QUOTED = 80;

/** Names a received value for an error message: `null`, `an array`, `the number 5`, `an object`. */
export function describeReceived(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string': {
      const quoted = JSON.stringify(value);
      return `the string ${quoted.length > MAX_QUOTED ? `${quoted.slice(0, MAX_QUOTED)}…"` : quoted}`;
    }
    case 'number':
    case 'boolean':
    case 'bigint':
      return `the ${typeof value} ${String(value)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      return 'an object';
  }
}

/** A TypeError in the one format every util uses: `<fn>: expected <what>, received <value>.` */
export function argumentError(fn: string, expected: string, received: unknown): TypeError {
  return new TypeError(`${fn}: expected ${expected}, received ${describeReceived(received)}.`);
}

export function requireString(fn: string, what: string, value: unknown): string {
  if (typeof value !== 'string') throw argumentError(fn, `${what} to be a string`, value);
  return value;
}

export function requireFiniteNumber(fn: string, what: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw argumentError(fn, `${what} to be a finite number`, value);
  }
  return value;
}

/** A non-null, non-array object: what the utils accept as a map. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Defines an own enumerable property. Plain assignment would treat a user-supplied `__proto__`
 * key as a prototype change instead of data.
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
