/**
 * Character sets for the Java-pattern translation (java-regex.ts): Java's predefined, POSIX,
 * java.lang.Character and Unicode property classes as set expressions, and how a set expression
 * becomes an ECMAScript pattern (`u` flag) that matches exactly one code point.
 */

export type CharNode =
  | {
      readonly kind: 'ranges';
      readonly ranges: ReadonlyArray<readonly [number, number]>;
      readonly escapes: readonly string[];
    }
  | { readonly kind: 'union'; readonly items: readonly CharNode[] }
  | { readonly kind: 'and'; readonly items: readonly CharNode[] }
  | { readonly kind: 'not'; readonly item: CharNode };

export const MAX_CODE_POINT = 0x10ffff;
export const ANY = '[^]';

export function ranges(...list: Array<readonly [number, number]>): CharNode {
  return { kind: 'ranges', ranges: list, escapes: [] };
}

export function escapesNode(...escapes: string[]): CharNode {
  return { kind: 'ranges', ranges: [], escapes };
}

export function not(item: CharNode): CharNode {
  return { kind: 'not', item };
}

export function union(...items: CharNode[]): CharNode {
  return { kind: 'union', items };
}

export const DIGIT = ranges([0x30, 0x39]);
export const WORD = ranges([0x30, 0x39], [0x41, 0x5a], [0x5f, 0x5f], [0x61, 0x7a]);
export const SPACE = ranges([0x09, 0x0d], [0x20, 0x20]);
export const HORIZONTAL = ranges(
  [0x09, 0x09],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x180e, 0x180e],
  [0x2000, 0x200a],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
);
export const VERTICAL = ranges([0x0a, 0x0d], [0x85, 0x85], [0x2028, 0x2029]);
const ASCII_LETTERS = ranges([0x41, 0x5a], [0x61, 0x7a]);
const CASED_LETTERS = escapesNode('\\p{Lu}', '\\p{Ll}', '\\p{Lt}');
const CASED = escapesNode('\\p{Lowercase}', '\\p{Uppercase}', '\\p{Lt}');

/** POSIX classes (US-ASCII, as Java defines them) and the java.lang.Character classes. */
export const NAMED_CLASSES: Readonly<Record<string, CharNode>> = {
  Lower: ranges([0x61, 0x7a]),
  Upper: ranges([0x41, 0x5a]),
  ASCII: ranges([0x00, 0x7f]),
  Alpha: ASCII_LETTERS,
  Digit: DIGIT,
  Alnum: ranges([0x30, 0x39], [0x41, 0x5a], [0x61, 0x7a]),
  Punct: ranges([0x21, 0x2f], [0x3a, 0x40], [0x5b, 0x60], [0x7b, 0x7e]),
  Graph: ranges([0x21, 0x7e]),
  Print: ranges([0x20, 0x7e]),
  Blank: ranges([0x09, 0x09], [0x20, 0x20]),
  Cntrl: ranges([0x00, 0x1f], [0x7f, 0x7f]),
  XDigit: ranges([0x30, 0x39], [0x41, 0x46], [0x61, 0x66]),
  Space: SPACE,
  LD: escapesNode('\\p{L}', '\\p{Nd}'),
  L1: ranges([0x00, 0xff]),
  all: ranges([0, MAX_CODE_POINT]),
  javaLowerCase: escapesNode('\\p{Lowercase}'),
  javaUpperCase: escapesNode('\\p{Uppercase}'),
  javaTitleCase: escapesNode('\\p{Lt}'),
  javaDigit: escapesNode('\\p{Nd}'),
  javaDefined: escapesNode('\\P{Cn}'),
  javaLetter: escapesNode('\\p{L}'),
  javaLetterOrDigit: escapesNode('\\p{L}', '\\p{Nd}'),
  javaAlphabetic: escapesNode('\\p{Alphabetic}'),
  javaIdeographic: escapesNode('\\p{Ideographic}'),
  javaSpaceChar: escapesNode('\\p{Z}'),
  javaISOControl: ranges([0x00, 0x1f], [0x7f, 0x9f]),
  javaMirrored: escapesNode('\\p{Bidi_Mirrored}'),
  javaWhitespace: {
    kind: 'and',
    items: [
      not(ranges([0xa0, 0xa0], [0x2007, 0x2007], [0x202f, 0x202f])),
      {
        kind: 'ranges',
        ranges: [
          [0x09, 0x0d],
          [0x1c, 0x1f],
        ],
        escapes: ['\\p{Z}'],
      },
    ],
  },
};

/** Under CASE_INSENSITIVE Java widens the case-specific classes to every cased character. */
export const CASE_INSENSITIVE_CLASSES: Readonly<Record<string, CharNode>> = {
  Lower: ASCII_LETTERS,
  Upper: ASCII_LETTERS,
  Lu: CASED_LETTERS,
  Ll: CASED_LETTERS,
  Lt: CASED_LETTERS,
  javaLowerCase: CASED,
  javaUpperCase: CASED,
  javaTitleCase: CASED,
  LOWERCASE: CASED,
  UPPERCASE: CASED,
  TITLECASE: CASED,
};

export const GENERAL_CATEGORIES = new Set(
  'Cn Lu Ll Lt Lm Lo Mn Me Mc Nd Nl No Zs Zl Zp Cc Cf Co Cs Pd Ps Pe Pc Po Sm Sc Sk So Pi Pf L M N Z C P S LC'.split(
    ' ',
  ),
);

/** Binary properties Java accepts after `Is` (upper-cased, underscores kept as written). */
export const BINARY_PROPERTIES: Readonly<Record<string, CharNode>> = {
  ALPHABETIC: escapesNode('\\p{Alphabetic}'),
  ASSIGNED: escapesNode('\\P{Cn}'),
  CONTROL: escapesNode('\\p{Cc}'),
  DIGIT: escapesNode('\\p{Nd}'),
  HEXDIGIT: escapesNode('\\p{Hex_Digit}'),
  HEX_DIGIT: escapesNode('\\p{Hex_Digit}'),
  IDEOGRAPHIC: escapesNode('\\p{Ideographic}'),
  JOINCONTROL: escapesNode('\\p{Join_Control}'),
  JOIN_CONTROL: escapesNode('\\p{Join_Control}'),
  LETTER: escapesNode('\\p{L}'),
  LOWERCASE: escapesNode('\\p{Lowercase}'),
  NONCHARACTERCODEPOINT: escapesNode('\\p{Noncharacter_Code_Point}'),
  NONCHARACTER_CODE_POINT: escapesNode('\\p{Noncharacter_Code_Point}'),
  TITLECASE: escapesNode('\\p{Lt}'),
  PUNCTUATION: escapesNode('\\p{P}'),
  UPPERCASE: escapesNode('\\p{Uppercase}'),
  WHITESPACE: escapesNode('\\p{White_Space}'),
  WHITE_SPACE: escapesNode('\\p{White_Space}'),
  WORD: escapesNode('\\p{Alphabetic}', '\\p{M}', '\\p{Nd}', '\\p{Pc}', '\\p{Join_Control}'),
  ALNUM: escapesNode('\\p{Alphabetic}', '\\p{Nd}'),
  BLANK: { kind: 'ranges', ranges: [[0x09, 0x09]], escapes: ['\\p{Zs}'] },
  GRAPH: not(escapesNode('\\p{White_Space}', '\\p{Cc}', '\\p{Cs}', '\\p{Cn}')),
  EMOJI: escapesNode('\\p{Emoji}'),
  EMOJI_PRESENTATION: escapesNode('\\p{Emoji_Presentation}'),
  EMOJI_MODIFIER: escapesNode('\\p{Emoji_Modifier}'),
  EMOJI_MODIFIER_BASE: escapesNode('\\p{Emoji_Modifier_Base}'),
  EMOJI_COMPONENT: escapesNode('\\p{Emoji_Component}'),
  EXTENDED_PICTOGRAPHIC: escapesNode('\\p{Extended_Pictographic}'),
};

export function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

export function escapeCodePoint(cp: number): string {
  if ((cp >= 0x30 && cp <= 0x39) || isAsciiLetter(cp)) return String.fromCodePoint(cp);
  return `\\u{${cp.toString(16)}}`;
}

function renderRanges(node: {
  ranges: ReadonlyArray<readonly [number, number]>;
  escapes: readonly string[];
}): string {
  const body = node.ranges
    .map(([lo, hi]) =>
      lo === hi ? escapeCodePoint(lo) : `${escapeCodePoint(lo)}-${escapeCodePoint(hi)}`,
    )
    .join('');
  return body + node.escapes.join('');
}

/** A pattern matching exactly one code point, for any class expression. */
export function renderCharNode(node: CharNode): string {
  switch (node.kind) {
    case 'ranges':
      return `[${renderRanges(node)}]`;
    case 'union': {
      const flat: Array<readonly [number, number]> = [];
      const escapes: string[] = [];
      const others: CharNode[] = [];
      for (const item of node.items) {
        if (item.kind === 'ranges') {
          flat.push(...item.ranges);
          escapes.push(...item.escapes);
        } else {
          others.push(item);
        }
      }
      const simple =
        flat.length + escapes.length > 0 ? [`[${renderRanges({ ranges: flat, escapes })}]`] : [];
      const all = [...simple, ...others.map(renderCharNode)];
      if (all.length === 0) return '[]';
      return all.length === 1 ? (all[0] ?? '[]') : `(?:${all.join('|')})`;
    }
    case 'and': {
      const rendered = node.items.map(renderCharNode);
      const last = rendered.pop() ?? ANY;
      return `(?:${rendered.map((r) => `(?=${r})`).join('')}${last})`;
    }
    case 'not':
      if (node.item.kind === 'ranges') return `[^${renderRanges(node.item)}]`;
      return `(?:(?!${renderCharNode(node.item)})${ANY})`;
  }
}

/** The simple case variants Java's CASE_INSENSITIVE (ASCII) or UNICODE_CASE would also accept. */
export function caseVariants(cp: number, unicode: boolean): number[] {
  if (!unicode) {
    if (cp >= 0x41 && cp <= 0x5a) return [cp, cp + 0x20];
    if (cp >= 0x61 && cp <= 0x7a) return [cp, cp - 0x20];
    return [cp];
  }
  const variants = new Set([cp]);
  const ch = String.fromCodePoint(cp);
  for (const other of [ch.toUpperCase(), ch.toLowerCase()]) {
    const codePoints = Array.from(other);
    if (codePoints.length === 1) variants.add(other.codePointAt(0) ?? cp);
  }
  return [...variants];
}

const MAX_UNICODE_CASE_RANGE = 4096;

export function foldRange(
  lo: number,
  hi: number,
  flags: { readonly i: boolean; readonly u: boolean },
  fail: (what: string) => never,
): Array<readonly [number, number]> {
  const out: Array<readonly [number, number]> = [[lo, hi]];
  if (!flags.i) return out;
  if (!flags.u) {
    const upperLo = Math.max(lo, 0x61);
    const upperHi = Math.min(hi, 0x7a);
    if (upperLo <= upperHi) out.push([upperLo - 0x20, upperHi - 0x20]);
    const lowerLo = Math.max(lo, 0x41);
    const lowerHi = Math.min(hi, 0x5a);
    if (lowerLo <= lowerHi) out.push([lowerLo + 0x20, lowerHi + 0x20]);
    return out;
  }
  if (hi - lo > MAX_UNICODE_CASE_RANGE) {
    fail(`a case-insensitive Unicode range wider than ${MAX_UNICODE_CASE_RANGE} characters`);
  }
  for (let cp = lo; cp <= hi; cp += 1) {
    for (const variant of caseVariants(cp, true))
      if (variant < lo || variant > hi) out.push([variant, variant]);
  }
  return out;
}
