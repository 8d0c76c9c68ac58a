import { GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { AppSyncScalarError, type ScalarDirection } from './errors';

const NAME = 'AWSTimestamp';
const EXPECTED = 'an integer number of seconds since 1970-01-01T00:00Z (negative before it)';

/**
 * Whole seconds, as a JSON number both ways ("serialized and deserialized as numbers", AppSync's
 * scalar description). Strings and fractions are refused; so are integers beyond 2^53, which a
 * JavaScript number cannot hold exactly.
 */
function accept(value: unknown, direction: ScalarDirection, shown: unknown = value): number {
  if (typeof value !== 'number') {
    throw new AppSyncScalarError(NAME, shown, EXPECTED, direction, 'the value is not a number');
  }
  if (!Number.isInteger(value)) {
    throw new AppSyncScalarError(
      NAME,
      shown,
      EXPECTED,
      direction,
      'the value has a fractional part (milliseconds? divide by 1000 and round)',
    );
  }
  if (!Number.isSafeInteger(value)) {
    throw new AppSyncScalarError(NAME, shown, EXPECTED, direction, 'the value is too large');
  }
  return value;
}

/** AppSync's `AWSTimestamp`: seconds since the Unix epoch [runtime §11.3]. */
export const AWSTimestamp = new GraphQLScalarType<number, number>({
  name: NAME,
  description:
    'Seconds since 1970-01-01T00:00Z, as an integer (negative before it). AppSync scalar.',
  serialize: (value) => accept(value, 'output'),
  parseValue: (value) => accept(value, 'input'),
  parseLiteral: (node: ValueNode) => {
    if (node.kind !== Kind.INT) {
      throw new AppSyncScalarError(NAME, node, EXPECTED, 'input', 'the literal is not an integer');
    }
    return accept(Number(node.value), 'input', node);
  },
});
