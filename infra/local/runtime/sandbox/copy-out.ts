/**
 * Copies a value out of the resolver realm into host objects, giving what
 * `JSON.parse(JSON.stringify(value))` would give, without the text in between (the round trip
 * dominated an invocation's cost). It follows JSON.stringify's steps (ECMA-262
 * SerializeJSONProperty) in the same order, so getters and toJSON methods of resolver code run as
 * often, in the same order and with the same arguments as they would under JSON.stringify.
 */
import { types } from 'node:util';

/** JSON.stringify met a cycle here; its message (V8's own wording) comes from JSON.stringify. */
export class CircularValueError extends Error {
  constructor() {
    super('The value has a cycle; JSON.stringify describes it.');
    this.name = 'CircularValueError';
  }
}

/** What the copy needs of the realm: its JSON.stringify, for BigInts (their JSON is the realm's). */
export type RealmStringify = (value: unknown) => string | undefined;

const booleanValue = Boolean.prototype.valueOf;
const bigintValue = BigInt.prototype.valueOf;
const { apply } = Reflect;
const { keys: keysOf, defineProperty } = Object;
const { isArray } = Array;

/**
 * `value`, read from `key` of its holder, as JSON would carry it: undefined where JSON leaves the
 * property out. Throws what JSON.stringify would throw, except for cycles (CircularValueError).
 * One frame per level of nesting, to go about as deep as JSON.stringify does.
 */
export function copyOut(
  value: unknown,
  key: string | number,
  stringify: RealmStringify,
  ancestors: unknown[],
): unknown {
  let current = value;
  if ((typeof current === 'object' && current !== null) || typeof current === 'function') {
    const toJSON = (current as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      current = apply(toJSON, current, [String(key)]);
    }
  } else if (typeof current === 'bigint') {
    return fromRealmJson(current, stringify);
  }
  switch (typeof current) {
    case 'string':
    case 'boolean':
      return current;
    case 'number':
      return finite(current);
    case 'bigint':
      return fromRealmJson(current, stringify);
    case 'object':
      break;
    default:
      // undefined, functions and symbols
      return undefined;
  }
  if (current === null) {
    return null;
  }
  if (!isArray(current) && types.isBoxedPrimitive(current)) {
    const unboxed = unbox(current);
    if (unboxed !== current) {
      return typeof unboxed === 'number'
        ? finite(unboxed)
        : typeof unboxed === 'bigint'
          ? fromRealmJson(unboxed, stringify)
          : unboxed;
    }
  }
  if (ancestors.includes(current)) {
    throw new CircularValueError();
  }
  ancestors.push(current);
  let copied: unknown[] | Record<string, unknown>;
  if (isArray(current)) {
    const items: unknown[] = [];
    const length = current.length;
    for (let index = 0; index < length; index += 1) {
      const item: unknown = current[index];
      const itemCopy =
        typeof item === 'string' || typeof item === 'boolean'
          ? item
          : typeof item === 'number'
            ? finite(item)
            : copyOut(item, index, stringify, ancestors);
      items.push(itemCopy === undefined ? null : itemCopy);
    }
    copied = items;
  } else {
    const source = current as Record<string, unknown>;
    const target: Record<string, unknown> = {};
    const keys = keysOf(source);
    for (let index = 0; index < keys.length; index += 1) {
      const name = keys[index] as string;
      const item = source[name];
      const itemCopy =
        typeof item === 'string' || typeof item === 'boolean'
          ? item
          : typeof item === 'number'
            ? finite(item)
            : copyOut(item, name, stringify, ancestors);
      if (itemCopy === undefined) {
        continue;
      }
      if (name === '__proto__') {
        // JSON.parse makes it an own property; assignment would set the prototype.
        defineProperty(target, name, {
          value: itemCopy,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else {
        target[name] = itemCopy;
      }
    }
    copied = target;
  }
  ancestors.pop();
  return copied;
}

/** JSON writes -0 as 0 and non-finite numbers as null. */
function finite(value: number): number | null {
  return Number.isFinite(value) ? value + 0 : null;
}

/** Number, String, Boolean and BigInt objects stand for their primitive in JSON; others stay. */
function unbox(value: object): unknown {
  if (types.isNumberObject(value)) {
    // ToNumber, as JSON: the object's own valueOf or toString decides, and a BigInt throws.
    return +(value as unknown as number);
  }
  if (types.isStringObject(value)) {
    return String(value);
  }
  if (types.isBooleanObject(value)) {
    return apply(booleanValue, value, []) as boolean;
  }
  if (types.isBigIntObject(value)) {
    return apply(bigintValue, value, []) as bigint;
  }
  return value;
}

/** JSON of a value only the realm can judge (a BigInt): its JSON.stringify throws or answers. */
function fromRealmJson(value: unknown, stringify: RealmStringify): unknown {
  const json = stringify(value);
  return json === undefined ? undefined : (JSON.parse(json) as unknown);
}
