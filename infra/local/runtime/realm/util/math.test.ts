import {
  conformanceTargets,
  errorOf,
  type ConformanceTarget,
  type TargetOptions,
} from '../../testing/conformance';
import { emptyRecord } from '../invocation';

/*
 * util.math conformance. The AWS docs give no outputs; rounding follows java.lang.Math.round
 * (half up, toward positive infinity), and randomness comes only from the host's bytes, so each
 * random case fixes those bytes.
 */

type ValueCase = readonly [
  behaviour: string,
  fn: string,
  args: readonly unknown[],
  expected: number,
];
type RandomCase = readonly [
  behaviour: string,
  options: TargetOptions,
  fn: string,
  args: readonly unknown[],
  expected: number,
];
type ErrorCase = readonly [behaviour: string, fn: string, args: readonly unknown[]];

const bytes = (byte: string) => (count: number) => byte.repeat(count);

const valueCases: readonly ValueCase[] = [
  ['roundNum rounds half up', 'roundNum', [2.5], 3],
  ['roundNum rounds a negative half toward positive infinity', 'roundNum', [-2.5], -2],
  ['roundNum rounds down below the half', 'roundNum', [1.49], 1],
  ['roundNum gives 0, not -0, for small negatives', 'roundNum', [-0.4], 0],
  ['roundNum keeps an integer', 'roundNum', [7], 7],
  ['minVal of two doubles', 'minVal', [13.45, 45.67], 13.45],
  ['minVal with a negative', 'minVal', [-1, 0], -1],
  ['minVal of equal values', 'minVal', [2, 2], 2],
  ['maxVal of two doubles', 'maxVal', [13.45, 45.67], 45.67],
  ['maxVal with a negative', 'maxVal', [-1, -5], -1],
];

const randomCases: readonly RandomCase[] = [
  // 53 bits: the first six bytes, then the top five bits of the seventh, over 2^53.
  [
    'randomDouble from the harness bytes 00 01 02 …',
    {},
    'randomDouble',
    [],
    (0x000102030405 * 32) / 2 ** 53,
  ],
  ['randomDouble of all-zero bytes is 0', { randomHex: bytes('00') }, 'randomDouble', [], 0],
  [
    'randomDouble stays below 1',
    { randomHex: bytes('ff') },
    'randomDouble',
    [],
    (2 ** 53 - 1) / 2 ** 53,
  ],
  [
    'randomWithinRange includes the lower bound',
    { randomHex: bytes('00') },
    'randomWithinRange',
    [1, 6],
    1,
  ],
  [
    'randomWithinRange includes the upper bound',
    { randomHex: bytes('ff') },
    'randomWithinRange',
    [1, 6],
    6,
  ],
  ['randomWithinRange in the middle', { randomHex: bytes('80') }, 'randomWithinRange', [1, 6], 4],
  ['randomWithinRange of a single value', {}, 'randomWithinRange', [5, 5], 5],
  ['randomWithinRange across zero', { randomHex: bytes('ff') }, 'randomWithinRange', [-3, 3], 3],
];

const errorCases: readonly ErrorCase[] = [
  ['roundNum of a numeric string', 'roundNum', ['1.5']],
  ['roundNum of null', 'roundNum', [null]],
  ['minVal without a second value', 'minVal', [1]],
  ['maxVal of a boolean', 'maxVal', [true, 1]],
  ['randomWithinRange with the bounds reversed', 'randomWithinRange', [6, 1]],
  ['randomWithinRange with a fractional bound', 'randomWithinRange', [1.5, 3]],
  ['randomWithinRange with a string bound', 'randomWithinRange', ['1', 3]],
];

function first(options: TargetOptions): ConformanceTarget[] {
  return conformanceTargets(options);
}

for (const target of conformanceTargets()) {
  describe(`util.math [${target.name}]`, () => {
    it.each(valueCases)('%s', (_b, fn, args, expected) => {
      expect(target.call(`util.math.${fn}`, args)).toEqual({
        value: expected,
        record: emptyRecord(),
      });
    });

    it.each(randomCases)('%s', (_b, options, fn, args, expected) => {
      const same = first(options).find((t) => t.name === target.name);
      expect(same?.call(`util.math.${fn}`, args)).toEqual({
        value: expected,
        record: emptyRecord(),
      });
    });

    it('randomDouble draws new bytes on each call', () => {
      const fresh = first({}).find((t) => t.name === target.name);
      expect(fresh?.call('util.math.randomDouble', [])).not.toEqual(
        fresh?.call('util.math.randomDouble', []),
      );
    });

    it.each(errorCases)('rejects %s', (_b, fn, args) => {
      const outcome = target.call(`util.math.${fn}`, args);
      expect(outcome).toEqual({
        error: expect.stringMatching(new RegExp(`^(Type|Range)Error: util\\.math\\.${fn}: `)),
        record: emptyRecord(),
      });
      expect(errorOf(outcome)).toMatchSnapshot();
    });
  });
}
