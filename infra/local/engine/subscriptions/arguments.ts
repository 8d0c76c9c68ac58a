/**
 * AppSync's basic subscription filtering [runtime §9.1]: each argument the client supplied on the
 * subscription field is an equality condition on the same-named top-level field of the published
 * mutation result; all of them must hold. Pure functions: no I/O, no state.
 */

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Structural equality of JSON-like values: arrays in order, objects by their own keys. */
function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) &&
      Array.isArray(b) &&
      a.length === b.length &&
      a.every((item: unknown, i) => deepEqual(item, b[i]))
    );
  }
  if (!isObject(a) || !isObject(b)) {
    return false;
  }
  const keys = Object.keys(a).filter((key) => a[key] !== undefined);
  const otherKeys = Object.keys(b).filter((key) => b[key] !== undefined);
  return (
    keys.length === otherKeys.length &&
    keys.every((key) => Object.hasOwn(b, key) && deepEqual(a[key], b[key]))
  );
}

/** JSON text parsed, or undefined when the string is not JSON. */
function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * One supplied (non-null) argument against the published field. Arguments arrive coerced by
 * graphql-js, the payload as serialized output, so the same value can differ in form:
 * - ID and String arguments are strings while an Int/Float field is a number: compared by the
 *   number's canonical text (ID serializes numbers that way);
 * - an AWSJSON argument is the parsed value while the field is JSON text: the text is parsed and
 *   compared structurally.
 * Enum arguments and enum fields are both the value's name; Int and Float compare as numbers.
 */
function argumentMatches(argument: unknown, field: unknown): boolean {
  if (field === null || field === undefined) {
    return false;
  }
  if (typeof argument === 'string') {
    return typeof field === 'number' ? String(field) === argument : field === argument;
  }
  if (typeof field === 'string') {
    if (typeof argument === 'number' && String(argument) === field) {
      return true;
    }
    const parsed = parseJson(field);
    return parsed !== undefined && deepEqual(argument, parsed);
  }
  return deepEqual(argument, field);
}

/**
 * Whether a published payload passes a subscription's arguments. `args` holds the arguments the
 * client supplied, as graphql-js coerced them, an explicit null included: an argument left out
 * (absent or undefined) sets no condition, an explicit null matches a field that is null or
 * missing, any other value must equal the field. A payload that is not an object has no fields.
 */
export function matchesArguments(
  args: Readonly<Record<string, unknown>>,
  payload: unknown,
): boolean {
  return Object.entries(args).every(([name, argument]) => {
    if (argument === undefined) {
      return true;
    }
    const field = isObject(payload) && Object.hasOwn(payload, name) ? payload[name] : undefined;
    return argument === null
      ? field === null || field === undefined
      : argumentMatches(argument, field);
  });
}
