import { DataSourceRequestError } from '../types';

/**
 * Reading request objects the way AppSync's DynamoDB data source reads them: fields are addressed
 * by AppSync-style paths (`$[condition][expression]`), unknown elements are refused, `null` counts
 * as absent for optional fields, and every refusal says what was received and what was expected.
 */

/** A request object (or part of one) after JSON normalisation. */
export type JsonObject = { readonly [key: string]: unknown };

/** The path of a field inside the request object, as AppSync prints it. */
export function at(path: string, name: string | number): string {
  return `${path}[${name}]`;
}

export const ROOT = '$';

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short description of a received value for error messages. */
export function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `a string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'number' || typeof value === 'boolean') {
    return `a ${typeof value} ${String(value)}`;
  }
  if (Array.isArray(value))
    return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0 ? 'an empty object' : `an object with keys ${keys.join(', ')}`;
  }
  return `a ${typeof value}`;
}

/** A refusal of a field whose value has the wrong shape. */
export function invalid(path: string, expected: string, received: unknown): DataSourceRequestError {
  return new DataSourceRequestError(
    `Expected ${expected} at '${path}'; received ${describe(received)}.`,
  );
}

/** A refusal of a required field that is absent. */
export function missing(path: string, expected: string): DataSourceRequestError {
  return new DataSourceRequestError(`Value for field '${path}' not found; expected ${expected}.`);
}

/**
 * Refuses elements an operation does not define, as AppSync does ("Unsupported element
 * '$[scanIndexForward]'."); `version` (the request-template version of VTL-era objects) is allowed.
 */
export function onlyElements(
  value: JsonObject,
  path: string,
  allowed: readonly string[],
  owner: string,
): void {
  for (const name of Object.keys(value)) {
    if (name !== 'version' && !allowed.includes(name)) {
      throw new DataSourceRequestError(
        `Unsupported element '${at(path, name)}'. ${owner} accepts: ${allowed.join(', ')}.`,
      );
    }
  }
}

/** A present, non-null field value, or undefined. */
export function optionalField(value: JsonObject, name: string): unknown {
  const field = value[name];
  return field === null ? undefined : field;
}

export function requiredField(
  value: JsonObject,
  name: string,
  path: string,
  expected: string,
): unknown {
  const field = optionalField(value, name);
  if (field === undefined) throw missing(at(path, name), expected);
  return field;
}

export function requireObject(value: unknown, path: string, expected: string): JsonObject {
  if (!isObject(value)) throw invalid(path, expected, value);
  return value;
}

export function requireArray(value: unknown, path: string, expected: string): readonly unknown[] {
  if (!Array.isArray(value)) throw invalid(path, expected, value);
  return value;
}

export function requireString(value: unknown, path: string, expected = 'a string'): string {
  if (typeof value !== 'string') throw invalid(path, expected, value);
  return value;
}

export function optionalString(value: JsonObject, name: string, path: string): string | undefined {
  const field = optionalField(value, name);
  return field === undefined ? undefined : requireString(field, at(path, name));
}

export function optionalBoolean(
  value: JsonObject,
  name: string,
  path: string,
): boolean | undefined {
  const field = optionalField(value, name);
  if (field !== undefined && typeof field !== 'boolean') {
    throw invalid(at(path, name), 'a boolean', field);
  }
  return field;
}

export function optionalInteger(value: JsonObject, name: string, path: string): number | undefined {
  const field = optionalField(value, name);
  if (field !== undefined && !(typeof field === 'number' && Number.isInteger(field))) {
    throw invalid(at(path, name), 'an integer', field);
  }
  return field;
}

/** A non-empty expression string. */
export function requireExpression(value: JsonObject, path: string): string {
  const expression = requiredField(value, 'expression', path, 'an expression string');
  if (typeof expression !== 'string' || expression.trim() === '') {
    throw invalid(at(path, 'expression'), 'a non-empty expression string', expression);
  }
  return expression;
}

/** A string-to-string map such as expressionNames. */
export function optionalStringMap(
  value: JsonObject,
  name: string,
  path: string,
): Record<string, string> | undefined {
  const field = optionalField(value, name);
  if (field === undefined) return undefined;
  const map = requireObject(field, at(path, name), 'an object of strings such as { "#n": "name" }');
  return Object.fromEntries(
    Object.entries(map).map(([key, entry]) => [key, requireString(entry, at(at(path, name), key))]),
  );
}
