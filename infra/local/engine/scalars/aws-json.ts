import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { AppSyncScalarError } from './errors';

const NAME = 'AWSJSON';
const EXPECTED_INPUT = 'a string holding a JSON document (RFC 8259), such as "{\\"a\\":1}"';
const EXPECTED_OUTPUT = 'a value that JSON can represent';

/**
 * The wire value is JSON text; resolvers see what it encodes (object, array, string, number,
 * boolean or null), as AppSync documents. Text that is not JSON fails validation.
 */
function parseJsonText(text: string, shown: unknown): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new AppSyncScalarError(
      NAME,
      shown,
      EXPECTED_INPUT,
      'input',
      `not valid JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
}

/**
 * A resolver's value encoded as JSON text, whatever it is: an object becomes `{"a":1}`, a string
 * becomes a JSON string literal (`"a"` → `"\"a\""`), so what a client reads back parses to what the
 * resolver returned, the mirror of the input side.
 */
function serializeJson(value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw new AppSyncScalarError(
      NAME,
      value,
      EXPECTED_OUTPUT,
      'output',
      error instanceof Error ? error.message : String(error),
      { cause: error },
    );
  }
  if (text === undefined) {
    throw new AppSyncScalarError(
      NAME,
      value,
      EXPECTED_OUTPUT,
      'output',
      `a ${typeof value} has no JSON form`,
    );
  }
  return text;
}

/** AppSync's `AWSJSON` [runtime §11.3]. */
export const AWSJSON = new GraphQLScalarType<unknown, string>({
  name: NAME,
  description:
    'A JSON document carried as a string; resolvers receive the parsed value and their results are sent back as JSON text. AppSync scalar.',
  serialize: serializeJson,
  parseValue: (value) => {
    if (typeof value !== 'string') {
      throw new AppSyncScalarError(
        NAME,
        value,
        EXPECTED_INPUT,
        'input',
        'the variable is not a string (send JSON.stringify(value))',
      );
    }
    return parseJsonText(value, value);
  },
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.STRING) {
      throw new AppSyncScalarError(
        NAME,
        node,
        EXPECTED_INPUT,
        'input',
        'the literal is not a string (write the JSON inside quotes)',
      );
    }
    return parseJsonText(node.value, node.value);
  },
});
