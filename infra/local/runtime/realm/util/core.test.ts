import {
  conformanceTargets,
  errorOf,
  FIXED_NOW_MS,
  type ConformanceTarget,
} from '../../testing/conformance';
import { emptyRecord } from '../invocation';
import { SIGNAL } from '../signals';

/*
 * Conformance of util's top-level functions. localstack/appsync-utils records no AWS output for
 * these functions except the error-handling pair (util.error("foo") → message "foo",
 * util.unauthorized() → "Unauthorized"), so most cases pin the JVM behaviour AppSync documents:
 * java.net.URLEncoder, java.util.Base64, commons-lang escapeEcmaScript and java.util.regex.
 */

type ValueCase = readonly [behaviour: string, args: readonly unknown[], expected: unknown];
type ErrorCase = readonly [behaviour: string, args: readonly unknown[]];

function expectValue(
  target: ConformanceTarget,
  path: string,
  args: readonly unknown[],
  expected: unknown,
): void {
  expect(target.call(path, args)).toEqual({ value: expected, record: emptyRecord() });
}

function expectError(target: ConformanceTarget, path: string, args: readonly unknown[]): void {
  const outcome = target.call(path, args);
  expect(outcome).toEqual({
    error: expect.stringMatching(
      new RegExp(`^(Type|Syntax)?Error: ${path.replace(/\./g, '\\.')}: `),
    ),
    record: emptyRecord(),
  });
  expect(errorOf(outcome)).toMatchSnapshot();
}

const base64EncodeCases: readonly ValueCase[] = [
  ['encodes ASCII with padding', ['hello'], 'aGVsbG8='],
  ['encodes the UTF-8 bytes of non-ASCII text', ['hello wörld'], 'aGVsbG8gd8O2cmxk'],
  ['encodes a code point outside the BMP as four bytes', ['😀'], '8J+YgA=='],
  ['encodes the empty string as empty', [''], ''],
  ['uses the standard alphabet (+ and /)', ['\u00fb\u00ff'], 'w7vDvw=='],
  ['encodes an unpaired surrogate as "?" as the JDK does', ['a\ud800b'], 'YT9i'],
];

const base64DecodeCases: readonly ValueCase[] = [
  ['decodes ASCII', ['aGVsbG8='], 'hello'],
  ['decodes UTF-8 text', ['aGVsbG8gd8O2cmxk'], 'hello wörld'],
  ['accepts input without padding', ['aGVsbG8'], 'hello'],
  ['decodes the empty string', [''], ''],
  ['replaces malformed UTF-8 with U+FFFD', ['/w=='], '\ufffd'],
  ['round-trips a four-byte code point', ['8J+YgA=='], '😀'],
];

const base64DecodeErrors: readonly ErrorCase[] = [
  ['a character outside the alphabet', ['aGVs$G8=']],
  ['the URL-safe alphabet', ['-_8=']],
  ['whitespace inside the text', ['aGVs bG8=']],
  ['a single dangling character', ['aGVsb']],
  ['a lone padding character in the last unit', ['aGVsbG=']],
  ['characters after the padding', ['aGk=aGk=']],
  ['a number', [42]],
  ['null', [null]],
];

const urlEncodeCases: readonly ValueCase[] = [
  ['encodes a space as +', ['a b'], 'a+b'],
  ['keeps A-Z a-z 0-9 . - * _', ['AZaz09.-*_'], 'AZaz09.-*_'],
  [
    'percent-encodes reserved characters in upper-case hex',
    ['a&b=c/d?e#f'],
    'a%26b%3Dc%2Fd%3Fe%23f',
  ],
  ['percent-encodes ~ as URLEncoder does', ['~'], '%7E'],
  ['encodes UTF-8 bytes', ['é😀'], '%C3%A9%F0%9F%98%80'],
  ['encodes + itself', ['1+1'], '1%2B1'],
];

const urlDecodeCases: readonly ValueCase[] = [
  ['decodes + as a space', ['a+b'], 'a b'],
  ['decodes percent escapes in either case', ['a%26b%3db'], 'a&b=b'],
  ['decodes multi-byte UTF-8 sequences', ['%C3%A9%F0%9F%98%80'], 'é😀'],
  ['leaves unescaped characters as they are', ['é~!'], 'é~!'],
  ['replaces malformed UTF-8 with U+FFFD', ['%FF'], '\ufffd'],
];

const urlDecodeErrors: readonly ErrorCase[] = [
  ['non-hex characters after %', ['%zz']],
  ['a trailing % with one digit', ['abc%4']],
  ['a trailing %', ['abc%']],
  ['an object', [{ a: 1 }]],
];

const escapeJavaScriptCases: readonly ValueCase[] = [
  ['escapes double and single quotes', ['say "it\'s"'], 'say \\"it\\\'s\\"'],
  ['escapes backslash and slash', ['a\\b/c'], 'a\\\\b\\/c'],
  ['escapes named control characters', ['\b\f\n\r\t'], '\\b\\f\\n\\r\\t'],
  ['escapes other control characters as \\u00XX', ['\u0001\u001f'], '\\u0001\\u001F'],
  ['escapes non-ASCII as upper-case \\uXXXX', ['é'], '\\u00E9'],
  ['escapes a supplementary character as its surrogate pair', ['😀'], '\\uD83D\\uDE00'],
  ['leaves printable ASCII and DEL alone', ['az AZ 09 <>&\u007f'], 'az AZ 09 <>&\u007f'],
];

/** [pattern, input, Java's Pattern.matches result] */
type MatchCase = readonly [behaviour: string, pattern: string, input: string, expected: boolean];

const matchesCases: readonly MatchCase[] = [
  ['AWS docs: a*b matches aaaaab', 'a*b', 'aaaaab', true],
  ['requires the whole input to match (String.matches)', 'a*b', 'xaaaab', false],
  ['a substring match is not enough', 'b', 'abc', false],
  ['backtracks into an alternation to match the whole input', 'a|ab', 'ab', true],
  ['an empty pattern matches only the empty input', '', '', true],
  ['(?i) folds ASCII case', '(?i)hello\\s+WORLD', 'HeLLo   world', true],
  ['without (?i) case matters', 'hello', 'HELLO', false],
  ['(?i) alone does not fold non-ASCII letters', '(?i)é', 'É', false],
  ['(?iu) folds Unicode case', '(?iu)é', 'É', true],
  ['(?i:…) scopes the flag to its group', '(?i:a)b', 'Ab', true],
  ['(?i:…) leaves the rest case-sensitive', '(?i:a)b', 'AB', false],
  ['a mid-group (?i) holds for later alternatives', 'a(?i)b|c', 'C', true],
  ['(?-i) turns the flag off again', '(?i)a(?-i)b', 'Ab', true],
  ['(?-i) makes the rest case-sensitive', '(?i)a(?-i)b', 'AB', false],
  ['(?i) folds ranges in classes', '(?i)[a-c]+', 'AbC', true],
  ['(?i) folds a negated class before negating', '(?i)[^a]', 'A', false],
  ['(?x) ignores whitespace and comments', '(?x) a  b # trailing comment', 'ab', true],
  ['. does not match a line terminator', '.', '\n', false],
  ['. does not match \\r', '.', '\r', false],
  ['. does not match NEL (U+0085), as in Java', '.', '\u0085', false],
  ['(?s) makes . match a line terminator', '(?s).', '\n', true],
  ['(?d) leaves only \\n as a line terminator', '(?d).', '\r', true],
  ['. matches one supplementary code point', '.', '😀', true],
  ['$ matches before a final line terminator', 'a$\\n', 'a\n', true],
  ['$ does not consume the final line terminator', 'a$', 'a\n', false],
  ['(?m)^ and $ match around line terminators', '(?m)a$\\r\\n^b', 'a\r\nb', true],
  ['\\A and \\z anchor the input', '\\Aabc\\z', 'abc', true],
  ['\\Z matches before a final line terminator', 'a\\Z\\n', 'a\n', true],
  ['\\z does not match before a final line terminator', 'a\\z\\n', 'a\n', false],
  ['a possessive quantifier does not give back', 'a*+a', 'aaaa', false],
  ['a greedy quantifier gives back', 'a*a', 'aaaa', true],
  ['a possessive + still matches when nothing is given back', 'a++b', 'aaab', true],
  ['a possessive counted quantifier does not give back', 'a{1,3}+a', 'aaa', false],
  ['an atomic group does not backtrack into itself', '(?>a|ab)c', 'abc', false],
  ['a non-capturing group backtracks', '(?:a|ab)c', 'abc', true],
  ['a back-reference repeats the group', '(a|b)\\1', 'bb', true],
  ['a back-reference must repeat the same text', '(a|b)\\1', 'ba', false],
  ['a named back-reference', '(?<x>[ab])\\k<x>', 'aa', true],
  ['a back-reference to a missing group never matches', '(a)\\2', 'aa', false],
  [
    '\\10 is group 10 when ten groups exist',
    '(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)\\10',
    'abcdefghijj',
    true,
  ],
  ['\\10 is group 1 then 0 when fewer groups exist', '(a)\\10', 'aa0', true],
  ['group numbers survive an inserted atomic group', '(?>(a))(b)\\2', 'abb', true],
  ['&& intersects classes', '[a-z&&[^aeiou]]+', 'bcd', true],
  ['&& excludes what the right side lacks', '[a-z&&[^aeiou]]+', 'bad', false],
  ['&& with a bare right operand', '[a-z&&def]', 'e', true],
  ['nested classes are a union', '[a-c[x-z]]+', 'abxz', true],
  ['a leading ^ negates the whole union (Java 9+)', '[^a[b]]', 'b', false],
  ['a negated union accepts other characters', '[^a[b]]', 'c', true],
  ['] first in a class is literal', '[]a]+', ']a', true],
  ['- last in a class is literal', '[a-]+', 'a-', true],
  ['\\w minus \\d', '[\\w&&[^\\d]]+', 'ab_', true],
  ['\\w minus \\d rejects digits', '[\\w&&[^\\d]]+', 'a1', false],
  ['\\w is ASCII-only', '\\w', 'é', false],
  ['\\s is ASCII-only (no NBSP)', '\\s', '\u00a0', false],
  ['\\s includes vertical tab', '\\s', '\u000b', true],
  ['\\S inside a class', '[\\S]+', 'ab', true],
  ['\\h includes NBSP', '\\h', '\u00a0', true],
  ['\\v is vertical whitespace, not just \\x0B', '\\v', '\u2028', true],
  ['\\R matches CRLF as one line break', '\\R', '\r\n', true],
  ['\\R is atomic: it does not give back the \\n of CRLF', '\\R\\n', '\r\n', false],
  ['POSIX \\p{Lower} is ASCII-only', '\\p{Lower}', 'é', false],
  ['POSIX \\p{Punct}', '\\p{Punct}+', '!?[]', true],
  ['POSIX \\p{XDigit}', '\\p{XDigit}+', 'aF09', true],
  ['\\p{L} is any letter', '\\p{L}+', 'héllo', true],
  ['\\pL single-letter form', '\\pL', 'x', true],
  ['\\P{L} is the complement', '\\P{L}', '1', true],
  ['\\p{Lu} is a general category', '\\p{Lu}', 'a', false],
  ['\\p{IsLatin} is a script', '\\p{IsLatin}+', 'abc', true],
  ['script names are case-insensitive', '\\p{IsGREEK}', 'α', true],
  ['\\p{script=…} form', '\\p{script=Greek}', 'α', true],
  ['\\p{IsAlphabetic} is a binary property', '\\p{IsAlphabetic}', 'ß', true],
  ['\\p{javaLowerCase} follows Character.isLowerCase', '\\p{javaLowerCase}', 'é', true],
  [
    'escapes \\t \\x \\u \\x{} octal \\c \\e \\a',
    '\\t\\x41\\u0042\\x{1F600}\\0101\\cA\\e\\a',
    '\tAB😀A\u0001\u001b\u0007',
    true,
  ],
  ['an escaped surrogate pair is one code point', '\\uD83D\\uDE00', '😀', true],
  ['\\Q…\\E quotes metacharacters', '\\Q.*\\E', '.*', true],
  ['\\Q…\\E quoted text is not a pattern', '\\Q.*\\E', 'ab', false],
  ['a quantifier after \\Q…\\E repeats its last character', '\\Qab\\E+', 'abbb', true],
  ['an escaped metacharacter is literal', 'a\\.b', 'a.b', true],
  ['{n} repeats exactly', 'a{2}', 'aa', true],
  ['{n,m} caps the count', 'a{2,3}', 'aaaa', false],
  ['{n,} has no cap', 'a{2,}', 'aaaa', true],
  ['a lazy quantifier still has to match the whole input', 'a{2,3}?', 'aaa', true],
  ['lookahead', '(?=a)[a-z]', 'a', true],
  ['negative lookahead', '(?!b)[a-z]', 'b', false],
  ['lookbehind', 'a(?<=a)', 'a', true],
  ['a quantified lookahead', '(?=a)*a', 'a', true],
  ['^ and $ at the ends are harmless', '^abc$', 'abc', true],
  ['a literal } and ] outside classes', '}]', '}]', true],
];

const matchesErrors: readonly ErrorCase[] = [
  ['a dangling quantifier', ['*', 'x']],
  ['a quantifier after a quantifier', ['a**', 'x']],
  ['an unclosed counted quantifier', ['a{2', 'x']],
  ['a { that starts no quantifier', ['a{', 'x']],
  ['a reversed repetition range', ['a{3,1}', 'x']],
  ['an unclosed group', ['(a', 'x']],
  ['an unmatched )', ['a)', 'x']],
  ['an unclosed character class', ['[a', 'x']],
  ['a reversed character range', ['[z-a]', 'x']],
  ['an escaped letter with no meaning', ['\\y', 'x']],
  ['a trailing backslash', ['a\\', 'x']],
  ['an unknown inline flag', ['(?z)a', 'x']],
  ['a group name that starts with a digit', ['(?<1a>x)', 'x']],
  ['a duplicate group name', ['(?<a>x)(?<a>y)', 'xy']],
  ['a named back-reference to an unknown group', ['\\k<nope>', 'x']],
  ['an unknown property', ['\\p{Foo}', 'x']],
  ['an unknown script', ['\\p{IsFoo}', 'x']],
  ['a code point beyond U+10FFFF', ['\\x{110000}', 'x']],
  ['\\0 without an octal digit', ['\\09', 'x']],
  ['a short \\u escape', ['\\u12', 'x']],
  ['a boundary inside a class', ['[\\b]', 'x']],
  ['unsupported: \\X', ['\\X', 'x']],
  ['unsupported: a Unicode block', ['\\p{InGreek}', 'α']],
  ['unsupported: (?U)', ['(?U)\\w', 'x']],
  ['unsupported: a case-insensitive back-reference', ['(?i)(a)\\1', 'aA']],
  ['unsupported: \\N{name}', ['\\N{LATIN SMALL LETTER A}', 'a']],
  ['unsupported: \\b{g}', ['\\b{g}', '']],
  ['a pattern that is not a string', [5, '5']],
  ['a value that is null', ['a', null]],
];

for (const target of conformanceTargets()) {
  describe(`util core functions [${target.name}]`, () => {
    describe('util.base64Encode', () => {
      it.each(base64EncodeCases)('%s', (_b, args, expected) =>
        expectValue(target, 'util.base64Encode', args, expected),
      );
      it('rejects a value that is not a string', () =>
        expectError(target, 'util.base64Encode', [['a']]));
    });

    describe('util.base64Decode', () => {
      it.each(base64DecodeCases)('%s', (_b, args, expected) =>
        expectValue(target, 'util.base64Decode', args, expected),
      );
      it.each(base64DecodeErrors)('rejects %s', (_b, args) =>
        expectError(target, 'util.base64Decode', args),
      );
    });

    describe('util.urlEncode', () => {
      it.each(urlEncodeCases)('%s', (_b, args, expected) =>
        expectValue(target, 'util.urlEncode', args, expected),
      );
      it('rejects a value that is not a string', () =>
        expectError(target, 'util.urlEncode', [null]));
    });

    describe('util.urlDecode', () => {
      it.each(urlDecodeCases)('%s', (_b, args, expected) =>
        expectValue(target, 'util.urlDecode', args, expected),
      );
      it.each(urlDecodeErrors)('rejects %s', (_b, args) =>
        expectError(target, 'util.urlDecode', args),
      );
    });

    describe('util.escapeJavaScript', () => {
      it.each(escapeJavaScriptCases)('%s', (_b, args, expected) =>
        expectValue(target, 'util.escapeJavaScript', args, expected),
      );
      it('rejects a value that is not a string', () =>
        expectError(target, 'util.escapeJavaScript', [true]));
    });

    describe('util.matches (java.util.regex, whole-input match)', () => {
      it.each(matchesCases)('%s', (_b, pattern, input, expected) =>
        expectValue(target, 'util.matches', [pattern, input], expected),
      );
      it.each(matchesErrors)('rejects %s', (_b, args) => expectError(target, 'util.matches', args));
    });

    describe('util.authType', () => {
      it('returns the request authorization type', () =>
        expectValue(target, 'util.authType', [], 'API Key Authorization'));
    });

    describe('util.error', () => {
      it.each<readonly [string, readonly unknown[], unknown]>([
        // localstack AWS snapshot: util.error("foo") reports the message "foo".
        [
          'message only; the rest is null',
          ['foo'],
          { message: 'foo', errorType: null, data: null, errorInfo: null },
        ],
        [
          'message, type, data and errorInfo',
          ['Not found', 'NotFound', { id: '1' }, { retry: false }],
          {
            message: 'Not found',
            errorType: 'NotFound',
            data: { id: '1' },
            errorInfo: { retry: false },
          },
        ],
      ])('throws the error signal: %s', (_b, args, fields) => {
        expect(target.call('util.error', args)).toEqual({
          signal: { [SIGNAL]: 'error', ...(fields as object) },
          record: emptyRecord(),
        });
      });
    });

    describe('util.unauthorized', () => {
      // localstack AWS snapshot: the evaluation fails with the message "Unauthorized".
      it('throws the unauthorized signal', () => {
        expect(target.call('util.unauthorized', [])).toEqual({
          signal: { [SIGNAL]: 'unauthorized' },
          record: emptyRecord(),
        });
      });
    });

    describe('util.appendError', () => {
      it.each<readonly [string, readonly unknown[], unknown]>([
        [
          'message only',
          ['careful'],
          { message: 'careful', errorType: null, data: null, errorInfo: null },
        ],
        [
          'every field',
          ['careful', 'Warning', { n: 1 }, ['x']],
          { message: 'careful', errorType: 'Warning', data: { n: 1 }, errorInfo: ['x'] },
        ],
      ])('records the error and returns nothing: %s', (_b, args, entry) => {
        expect(target.call('util.appendError', args)).toEqual({
          value: null,
          record: { ...emptyRecord(), errors: [entry] },
        });
      });
    });
  });
}

describe('util ids', () => {
  const fresh = (options: Parameters<typeof conformanceTargets>[0] = {}): ConformanceTarget[] =>
    conformanceTargets(options);
  const ones = (count: number): string => 'ff'.repeat(count);
  const zeros = (count: number): string => '00'.repeat(count);

  it.each(fresh().map((t) => [t.name] as const))(
    '[%s] autoId is a lowercase v4 UUID from the random bytes',
    (name) => {
      const target = fresh().find((t) => t.name === name);
      // Bytes 00 01 … 0f from the harness, with the version and variant bits set.
      expect(target?.call('util.autoId', [])).toEqual({
        value: '00010203-0405-4607-8809-0a0b0c0d0e0f',
        record: emptyRecord(),
      });
    },
  );

  it.each([
    ['all-zero bytes', zeros, '00000000-0000-4000-8000-000000000000'],
    ['all-one bytes', ones, 'ffffffff-ffff-4fff-bfff-ffffffffffff'],
  ] as const)('autoId sets only the version and variant bits: %s', (_b, random, expected) => {
    for (const target of fresh({ randomHex: random })) {
      expect(target.call('util.autoId', [])).toEqual({ value: expected, record: emptyRecord() });
    }
  });

  it('autoUlid: 10 characters of the clock, then 16 of randomness, in Crockford base32', () => {
    for (const target of fresh()) {
      // FIXED_NOW_MS = 1517943695749 → 01C5P7XAC5; bytes 00…09 → 000G40R40M30E209.
      expect(target.call('util.autoUlid', [])).toEqual({
        value: '01C5P7XAC5000G40R40M30E209',
        record: emptyRecord(),
      });
    }
    for (const target of fresh({ nowMs: 0, randomHex: ones })) {
      expect(target.call('util.autoUlid', [])).toEqual({
        value: '0000000000ZZZZZZZZZZZZZZZZ',
        record: emptyRecord(),
      });
    }
  });

  it('autoUlid values sort by time', () => {
    const [early] = fresh({ nowMs: FIXED_NOW_MS, randomHex: ones });
    const [late] = fresh({ nowMs: FIXED_NOW_MS + 1, randomHex: zeros });
    const a = early?.call('util.autoUlid', []);
    const b = late?.call('util.autoUlid', []);
    expect(a && 'value' in a && b && 'value' in b && String(a.value) < String(b.value)).toBe(true);
  });

  it('autoKsuid: 27 base62 characters of seconds since 1400000000 and 16 random bytes', () => {
    for (const target of fresh()) {
      // Computed independently: base62 of (117943695 as 4 bytes ‖ bytes 00…0f), padded to 27.
      expect(target.call('util.autoKsuid', [])).toEqual({
        value: '10Bn7QCjDvIIevaBJ3b1NPoyNQ7',
        record: emptyRecord(),
      });
    }
    for (const target of fresh({ nowMs: 1_400_000_000_000, randomHex: zeros })) {
      expect(target.call('util.autoKsuid', [])).toEqual({
        value: '0'.repeat(27),
        record: emptyRecord(),
      });
    }
    for (const target of fresh({ nowMs: (1_400_000_000 + 0xffffffff) * 1000, randomHex: ones })) {
      // The largest KSUID.
      expect(target.call('util.autoKsuid', [])).toEqual({
        value: 'aWgEPTl1tmebfsQzFP4bxwgy80V',
        record: emptyRecord(),
      });
    }
  });

  it('each call draws new randomness', () => {
    for (const target of fresh()) {
      const first = target.call('util.autoId', []);
      const second = target.call('util.autoId', []);
      expect(first).not.toEqual(second);
    }
  });
});
