import { conformanceTargets, errorOf } from '../../testing/conformance';
import { emptyRecord } from '../invocation';

/*
 * util.str conformance. The AWS docs describe normalize without printing outputs, so the cases pin
 * Unicode's own normalization results (the same ones java.text.Normalizer produces).
 */

type ValueCase = readonly [behaviour: string, args: readonly unknown[], expected: string];
type ErrorCase = readonly [behaviour: string, args: readonly unknown[]];

const normalizeCases: readonly ValueCase[] = [
  ['nfc composes a base letter and a combining accent', ['Ame\u0301lie', 'nfc'], 'Am\u00e9lie'],
  ['nfd decomposes a precomposed letter', ['\u00f1', 'nfd'], 'n\u0303'],
  ['nfd leaves a decomposed letter decomposed', ['n\u0303', 'nfd'], 'n\u0303'],
  ['nfc keeps compatibility characters', ['\ufb01', 'nfc'], '\ufb01'],
  [
    'nfkc replaces compatibility characters and composes',
    ['\ufb01 \u1e9b\u0323', 'nfkc'],
    'fi \u1e69',
  ],
  [
    'nfkd replaces compatibility characters and decomposes',
    ['\u2460 \u1e9b\u0323', 'nfkd'],
    '1 s\u0323\u0307',
  ],
  ['nfc reorders combining marks canonically', ['a\u0307\u0323', 'nfc'], '\u1ea1\u0307'],
  ['the empty string stays empty', ['', 'nfkc'], ''],
  ['the form name is accepted in upper case', ['Ame\u0301lie', 'NFC'], 'Am\u00e9lie'],
];

const normalizeErrors: readonly ErrorCase[] = [
  ['an unknown normalization form', ['abc', 'nfx']],
  ['a missing normalization form', ['abc']],
  ['a value that is not a string', [42, 'nfc']],
  ['a null value', [null, 'nfd']],
];

for (const target of conformanceTargets()) {
  describe(`util.str [${target.name}]`, () => {
    describe('util.str.normalize', () => {
      it.each(normalizeCases)('%s', (_b, args, expected) => {
        expect(target.call('util.str.normalize', args)).toEqual({
          value: expected,
          record: emptyRecord(),
        });
      });

      it.each(normalizeErrors)('rejects %s', (_b, args) => {
        const outcome = target.call('util.str.normalize', args);
        expect(outcome).toEqual({
          error: expect.stringMatching(/^TypeError: util\.str\.normalize: /),
          record: emptyRecord(),
        });
        expect(errorOf(outcome)).toMatchSnapshot();
      });
    });
  });
}
