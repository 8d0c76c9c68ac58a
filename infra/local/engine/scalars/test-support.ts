import { parseValue as parseValueNode, type GraphQLScalarType } from 'graphql';

/**
 * Drives a scalar the three ways graphql-js does: a variable value (parseValue), a literal in the
 * query (parseLiteral of the literal's source text) and a resolver result (serialize).
 */
export function driver(scalar: GraphQLScalarType) {
  return {
    variable: (value: unknown): unknown => scalar.parseValue(value),
    literal: (source: string): unknown => scalar.parseLiteral(parseValueNode(source), undefined),
    result: (value: unknown): unknown => scalar.serialize(value),
  };
}

/** The message a call throws with, or a note that it did not throw. */
export function thrown(call: () => unknown): string {
  try {
    call();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return '(no error)';
}

/** Each value's error message, keyed by the value as text: one inline snapshot per table. */
export function messages<T>(
  values: readonly T[],
  call: (value: T) => unknown,
): Record<string, string> {
  return Object.fromEntries(
    values.map((value) => [
      typeof value === 'string' ? value : JSON.stringify(value),
      thrown(() => call(value)),
    ]),
  );
}

/** A string as a GraphQL string literal's source text. */
export const quoted = (text: string): string => JSON.stringify(text);
