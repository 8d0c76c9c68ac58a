import type { MathUtils } from '@aws-appsync/utils/lib/math-utils';
import type { RealmDeps } from '../deps';
import { bytesFromHex } from './ids';
import { argumentError, requireFiniteNumber } from '../checks';

const TWO_POW_53 = 2 ** 53;

/** util.math, with Java's semantics where they differ from a naive JavaScript port. */
export function createMathUtils({ host }: RealmDeps): MathUtils {
  /** A uniform double in [0, 1) from 53 random bits, as java.util.Random.nextDouble builds one. */
  const randomDouble = (): number => {
    const bytes = bytesFromHex(host.randomHex(7), 7);
    let bits = 0;
    // 48 bits from six bytes, then the top five bits of the seventh: exact in a double.
    for (const byte of bytes.slice(0, 6)) bits = bits * 256 + byte;
    bits = bits * 32 + ((bytes[6] ?? 0) >> 3);
    return bits / TWO_POW_53;
  };

  const requireInteger = (fn: string, what: string, value: unknown): number => {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw argumentError(fn, `${what} to be an integer`, value);
    }
    return value;
  };

  return {
    roundNum(input) {
      // Math.round rounds half up like Java's Math.round; `+ 0` turns -0 into 0 (Java returns a long).
      return Math.round(requireFiniteNumber('util.math.roundNum', 'the input', input)) + 0;
    },
    minVal(input1, input2) {
      const a = requireFiniteNumber('util.math.minVal', 'the first input', input1);
      const b = requireFiniteNumber('util.math.minVal', 'the second input', input2);
      return Math.min(a, b);
    },
    maxVal(input1, input2) {
      const a = requireFiniteNumber('util.math.maxVal', 'the first input', input1);
      const b = requireFiniteNumber('util.math.maxVal', 'the second input', input2);
      return Math.max(a, b);
    },
    randomDouble,
    randomWithinRange(start, end) {
      const fn = 'util.math.randomWithinRange';
      const low = requireInteger(fn, 'the start (first argument)', start);
      const high = requireInteger(fn, 'the end (second argument)', end);
      if (high < low) {
        throw new RangeError(`${fn}: the end (${high}) must not be less than the start (${low}).`);
      }
      // Both bounds are inclusive.
      return low + Math.floor(randomDouble() * (high - low + 1));
    },
  };
}
