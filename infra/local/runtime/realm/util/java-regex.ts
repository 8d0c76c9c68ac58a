/**
 * Translates a `java.util.regex.Pattern` into an equivalent ECMAScript RegExp source (`u` flag),
 * for util.matches. Java-only syntax is rewritten rather than passed through:
 * - inline flags `(?idmsux-idmsux)` / `(?i:…)` are applied while translating (ECMAScript has no
 *   scoped flags), so `i` is ASCII-only case folding unless `u` is on, as in Java;
 * - `^ $ . \Z` follow Java's line terminators and MULTILINE / DOTALL / UNIX_LINES rules;
 * - `\A \z \G \h \H \v \V \R \e \a \cX \0ooo \x{…} \Q…\E`, POSIX and java* `\p{…}` classes,
 *   unions / intersections inside `[…]`;
 * - possessive quantifiers and atomic groups become `(?=(X))\N`, the usual emulation of atomicity.
 * Java syntax errors throw SyntaxError with Java's wording; constructs without an ECMAScript
 * equivalent (`\X`, `\N{…}`, `\b{g}`, block properties, `(?U)`, case-insensitive back-references)
 * throw an Error saying so.
 */

import {
  ANY,
  BINARY_PROPERTIES,
  CASE_INSENSITIVE_CLASSES,
  caseVariants,
  DIGIT,
  escapeCodePoint,
  escapesNode,
  foldRange,
  GENERAL_CATEGORIES,
  HORIZONTAL,
  isAsciiLetter,
  MAX_CODE_POINT,
  NAMED_CLASSES,
  not,
  ranges,
  renderCharNode,
  SPACE,
  union,
  VERTICAL,
  WORD,
  type CharNode,
} from './java-regex-sets';

interface Flags {
  i: boolean;
  d: boolean;
  m: boolean;
  s: boolean;
  u: boolean;
  x: boolean;
}

type Part =
  | string
  | { readonly open: number; readonly text: string }
  | { readonly ref: number }
  | { readonly userRef: number };

interface Atom {
  readonly parts: Part[];
  /** Whether an ECMAScript quantifier may follow directly (assertions must be wrapped first). */
  readonly quantifiable: boolean;
  /** Parts emitted before the atom (all but the last character of a `\Q…\E` run). */
  readonly prefix?: Part[];
}

type Escape =
  | { readonly kind: 'char'; readonly cp: number }
  | { readonly kind: 'set'; readonly node: CharNode }
  | { readonly kind: 'quote'; readonly cps: readonly number[] }
  | { readonly kind: 'atom'; readonly atom: Atom };

const INPUT_START = '(?<![^])';
const INPUT_END = '(?![^])';
const LINE_TERMINATORS = '[\\n\\r\\u0085\\u2028\\u2029]';
/** Java's `$` / `\Z` without MULTILINE: at the end, or before one final line terminator. */
const DOLLAR =
  '(?:(?![^])|(?=\\r\\n(?![^]))|(?=[\\r\\u0085\\u2028\\u2029](?![^]))|(?<!\\r)(?=\\n(?![^])))';
const DOLLAR_MULTILINE = '(?:(?![^])|(?=[\\r\\u0085\\u2028\\u2029])|(?<!\\r)(?=\\n))';
const CARET_MULTILINE = '(?=[^])(?:(?<![^])|(?<=[\\n\\u0085\\u2028\\u2029])|(?<=\\r)(?!\\n))';

function isDigit(cp: number | undefined): cp is number {
  return cp !== undefined && cp >= 0x30 && cp <= 0x39;
}

function isOctal(cp: number | undefined): cp is number {
  return cp !== undefined && cp >= 0x30 && cp <= 0x37;
}

function hexDigit(cp: number | undefined): number {
  if (cp === undefined) return -1;
  const ch = String.fromCodePoint(cp);
  return /^[0-9a-fA-F]$/.test(ch) ? parseInt(ch, 16) : -1;
}

/** Comments mode ignores exactly the ASCII whitespace Java's `ASCII.isSpace` accepts. */
function isPatternSpace(cp: number): boolean {
  return (cp >= 0x09 && cp <= 0x0d) || cp === 0x20;
}

class Translator {
  private readonly cps: number[];
  private pos = 0;
  private nextId = 0;
  /** Capture ids of the user's groups, in Java numbering order (group n is at n - 1). */
  private readonly userGroups: number[] = [];
  private readonly names = new Set<string>();

  constructor(private readonly pattern: string) {
    this.cps = Array.from(pattern, (ch) => ch.codePointAt(0) ?? 0);
  }

  translate(): string {
    const flags: Flags = { i: false, d: false, m: false, s: false, u: false, x: false };
    const parts = this.alternation(flags);
    if (this.pos < this.cps.length) {
      this.syntax(
        this.peek() === 0x29 ? "Unmatched closing ')'" : 'Unexpected character',
        this.pos,
      );
    }
    const jsIndex = new Map<number, number>();
    for (const part of parts)
      if (typeof part === 'object' && 'open' in part) jsIndex.set(part.open, jsIndex.size + 1);
    return parts
      .map((part) => {
        if (typeof part === 'string') return part;
        if ('open' in part) return part.text;
        const id = 'ref' in part ? part.ref : this.userGroups[part.userRef - 1];
        const index = id === undefined ? undefined : jsIndex.get(id);
        // A reference to a group that does not exist never matches in Java.
        return index === undefined ? '(?!)' : `(?:\\${index})`;
      })
      .join('');
  }

  private peek(offset = 0): number | undefined {
    return this.cps[this.pos + offset];
  }

  private codeUnitIndex(cpIndex: number): number {
    let index = 0;
    for (let i = 0; i < cpIndex && i < this.cps.length; i += 1)
      index += (this.cps[i] ?? 0) > 0xffff ? 2 : 1;
    return index;
  }

  private syntax(description: string, at: number): never {
    const index = this.codeUnitIndex(at);
    throw new SyntaxError(
      `${description} near index ${index}\n${this.pattern}\n${' '.repeat(index)}^`,
    );
  }

  private unsupported(what: string, at: number): never {
    throw new Error(
      `the pattern uses ${what} (near index ${this.codeUnitIndex(at)}), which has no ECMAScript equivalent and is not supported by the emulator`,
    );
  }

  private skipIgnorable(flags: Flags): void {
    if (!flags.x) return;
    for (;;) {
      const cp = this.peek();
      if (cp === undefined) return;
      if (isPatternSpace(cp)) {
        this.pos += 1;
      } else if (cp === 0x23) {
        while (this.pos < this.cps.length && !this.isLineTerminator(this.peek() ?? 0, flags))
          this.pos += 1;
      } else {
        return;
      }
    }
  }

  private isLineTerminator(cp: number, flags: Flags): boolean {
    if (flags.d) return cp === 0x0a;
    return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
  }

  private newId(): number {
    this.nextId += 1;
    return this.nextId;
  }

  private atomic(inner: Part[]): Part[] {
    const id = this.newId();
    return ['(?=', { open: id, text: '(' }, ...inner, '))', { ref: id }];
  }

  private alternation(flags: Flags): Part[] {
    const out = this.sequence(flags);
    while (this.peek() === 0x7c) {
      this.pos += 1;
      out.push('|', ...this.sequence(flags));
    }
    return out;
  }

  private sequence(flags: Flags): Part[] {
    const out: Part[] = [];
    for (;;) {
      this.skipIgnorable(flags);
      const cp = this.peek();
      if (cp === undefined || cp === 0x7c || cp === 0x29) return out;
      const atom = this.atom(flags);
      if (atom === null) continue;
      if (atom.prefix) out.push(...atom.prefix);
      out.push(...this.quantified(atom, flags));
    }
  }

  private quantified(atom: Atom, flags: Flags): Part[] {
    this.skipIgnorable(flags);
    const start = this.pos;
    const cp = this.peek();
    let quantifier: string;
    if (cp === 0x2a || cp === 0x2b || cp === 0x3f) {
      quantifier = String.fromCodePoint(cp);
      this.pos += 1;
    } else if (cp === 0x7b) {
      quantifier = this.countedQuantifier(start);
    } else {
      return atom.parts;
    }
    const body = atom.quantifiable ? atom.parts : ['(?:', ...atom.parts, ')'];
    const mode = this.peek();
    if (mode === 0x3f) {
      this.pos += 1;
      return [...body, `${quantifier}?`];
    }
    if (mode === 0x2b) {
      this.pos += 1;
      return this.atomic([...body, quantifier]);
    }
    return [...body, quantifier];
  }

  private countedQuantifier(start: number): string {
    this.pos += 1;
    const readNumber = (): number | null => {
      let digits = '';
      while (isDigit(this.peek())) digits += String.fromCodePoint(this.cps[this.pos++] ?? 0x30);
      if (digits === '') return null;
      const value = Number(digits);
      if (value > 0x7fffffff) this.syntax('Illegal repetition range', start);
      return value;
    };
    const min = readNumber();
    if (min === null) this.syntax('Illegal repetition', start);
    let max: number | null = min;
    if (this.peek() === 0x2c) {
      this.pos += 1;
      max = readNumber();
    }
    if (this.peek() !== 0x7d) this.syntax('Unclosed counted closure', this.pos);
    this.pos += 1;
    if (max !== null && max < min) this.syntax('Illegal repetition range', start);
    return max === min ? `{${min}}` : `{${min},${max ?? ''}}`;
  }

  private literal(cp: number, flags: Flags): Atom {
    const variants = flags.i ? caseVariants(cp, flags.u) : [cp];
    const text =
      variants.length === 1 ? escapeCodePoint(cp) : `[${variants.map(escapeCodePoint).join('')}]`;
    return { parts: [text], quantifiable: true };
  }

  private atom(flags: Flags): Atom | null {
    const start = this.pos;
    const cp = this.peek() ?? 0;
    switch (cp) {
      case 0x28: // (
        return this.group(flags);
      case 0x5b: // [
        return { parts: [renderCharNode(this.charClass(flags))], quantifiable: true };
      case 0x2e: // .
        this.pos += 1;
        return {
          parts: [flags.s ? ANY : flags.d ? '[^\\n]' : `[^${LINE_TERMINATORS.slice(1, -1)}]`],
          quantifiable: true,
        };
      case 0x5e: // ^
        this.pos += 1;
        return {
          parts: [
            flags.m ? (flags.d ? '(?=[^])(?:(?<![^])|(?<=\\n))' : CARET_MULTILINE) : INPUT_START,
          ],
          quantifiable: false,
        };
      case 0x24: // $
        this.pos += 1;
        return { parts: [this.dollar(flags)], quantifiable: false };
      case 0x5c: // backslash
        return this.escapeAtom(flags);
      case 0x2a:
      case 0x2b:
      case 0x3f:
        return this.syntax(`Dangling meta character '${String.fromCodePoint(cp)}'`, start);
      case 0x7b:
        return this.syntax('Illegal repetition', start);
      default:
        this.pos += 1;
        return this.literal(cp, flags);
    }
  }

  private dollar(flags: Flags): string {
    if (flags.d) return flags.m ? '(?:(?![^])|(?=\\n))' : '(?=\\n?(?![^]))';
    return flags.m ? DOLLAR_MULTILINE : DOLLAR;
  }

  private escapeAtom(flags: Flags): Atom | null {
    const escape = this.escape(flags, false);
    switch (escape.kind) {
      case 'char':
        return this.literal(escape.cp, flags);
      case 'set':
        return { parts: [renderCharNode(escape.node)], quantifiable: true };
      case 'atom':
        return escape.atom;
      case 'quote': {
        if (escape.cps.length === 0) return null;
        const prefix = escape.cps.slice(0, -1).flatMap((cp) => this.literal(cp, flags).parts);
        const last = this.literal(escape.cps[escape.cps.length - 1] ?? 0, flags);
        return { parts: last.parts, quantifiable: true, prefix };
      }
    }
  }

  /** Reads the escape after a backslash; in a class only characters, sets and quotes are valid. */
  private escape(flags: Flags, inClass: boolean): Escape {
    const start = this.pos;
    this.pos += 1;
    const cp = this.peek();
    if (cp === undefined) this.syntax('Trailing backslash with nothing to escape', start);
    this.pos += 1;
    const ch = String.fromCodePoint(cp);
    const assertion = (parts: string): Escape => {
      if (inClass) this.syntax('Illegal/unsupported escape sequence', start + 1);
      return { kind: 'atom', atom: { parts: [parts], quantifiable: false } };
    };
    switch (ch) {
      case '0':
        return { kind: 'char', cp: this.octal(start) };
      case 't':
        return { kind: 'char', cp: 0x09 };
      case 'n':
        return { kind: 'char', cp: 0x0a };
      case 'r':
        return { kind: 'char', cp: 0x0d };
      case 'f':
        return { kind: 'char', cp: 0x0c };
      case 'a':
        return { kind: 'char', cp: 0x07 };
      case 'e':
        return { kind: 'char', cp: 0x1b };
      case 'c': {
        const next = this.peek();
        if (next === undefined) this.syntax('Illegal control escape sequence', start);
        this.pos += 1;
        return { kind: 'char', cp: next ^ 64 };
      }
      case 'x':
        return { kind: 'char', cp: this.hexEscape(start) };
      case 'u':
        return { kind: 'char', cp: this.unicodeEscape(start) };
      case 'd':
        return { kind: 'set', node: DIGIT };
      case 'D':
        return { kind: 'set', node: escapesNode('\\D') };
      case 'w':
        return { kind: 'set', node: WORD };
      case 'W':
        return { kind: 'set', node: escapesNode('\\W') };
      case 's':
        return { kind: 'set', node: SPACE };
      case 'S':
        return { kind: 'set', node: not(SPACE) };
      case 'h':
        return { kind: 'set', node: HORIZONTAL };
      case 'H':
        return { kind: 'set', node: not(HORIZONTAL) };
      case 'v':
        return { kind: 'set', node: VERTICAL };
      case 'V':
        return { kind: 'set', node: not(VERTICAL) };
      case 'p':
      case 'P':
        return { kind: 'set', node: this.property(ch === 'P', flags, start) };
      case 'Q':
        return { kind: 'quote', cps: this.quote() };
      case 'A':
      case 'G':
        return assertion(INPUT_START);
      case 'z':
        return assertion(INPUT_END);
      case 'Z':
        return assertion(flags.d ? '(?=\\n?(?![^]))' : DOLLAR);
      case 'b':
        if (!inClass && this.peek() === 0x7b)
          this.unsupported('\\b{g} (grapheme cluster boundary)', start);
        return assertion('\\b');
      case 'B':
        return assertion('\\B');
      case 'R':
        if (inClass) this.syntax('Illegal/unsupported escape sequence', start + 1);
        return {
          kind: 'atom',
          atom: {
            parts: this.atomic(['\\r\\n|[\\n\\u{b}\\f\\r\\u0085\\u2028\\u2029]']),
            quantifiable: true,
          },
        };
      case 'X':
        if (inClass) this.syntax('Illegal/unsupported escape sequence', start + 1);
        return this.unsupported('\\X (extended grapheme cluster)', start);
      case 'N':
        if (inClass) this.syntax('Illegal/unsupported escape sequence', start + 1);
        return this.unsupported('\\N{…} (character by name)', start);
      case 'k':
        if (inClass) this.syntax('Illegal/unsupported escape sequence', start + 1);
        return { kind: 'atom', atom: this.namedBackReference(flags, start) };
      default:
        if (isDigit(cp)) {
          if (inClass) this.syntax('Illegal/unsupported escape sequence', start + 1);
          return { kind: 'atom', atom: this.backReference(cp, flags, start) };
        }
        if (isAsciiLetter(cp)) this.syntax('Illegal/unsupported escape sequence', start + 1);
        return { kind: 'char', cp };
    }
  }

  private octal(start: number): number {
    const n = this.peek();
    if (!isOctal(n)) this.syntax('Illegal octal escape sequence', start);
    this.pos += 1;
    const m = this.peek();
    if (!isOctal(m)) return n - 0x30;
    this.pos += 1;
    const o = this.peek();
    if (isOctal(o) && n <= 0x33) {
      this.pos += 1;
      return (n - 0x30) * 64 + (m - 0x30) * 8 + (o - 0x30);
    }
    return (n - 0x30) * 8 + (m - 0x30);
  }

  private hexEscape(start: number): number {
    if (this.peek() === 0x7b) {
      this.pos += 1;
      let value = 0;
      let count = 0;
      while (hexDigit(this.peek()) >= 0) {
        value = value * 16 + hexDigit(this.cps[this.pos++]);
        count += 1;
        if (value > MAX_CODE_POINT) this.syntax('Hexadecimal codepoint is too big', start);
      }
      if (count === 0 || this.peek() !== 0x7d)
        this.syntax('Unclosed hexadecimal escape sequence', start);
      this.pos += 1;
      return value;
    }
    const high = hexDigit(this.peek());
    const low = hexDigit(this.peek(1));
    if (high < 0 || low < 0) this.syntax('Illegal hexadecimal escape sequence', start);
    this.pos += 2;
    return high * 16 + low;
  }

  private unicodeEscape(start: number): number {
    const readFour = (at: number): number => {
      let value = 0;
      for (let k = 0; k < 4; k += 1) {
        const digit = hexDigit(this.peek());
        if (digit < 0) this.syntax('Illegal Unicode escape sequence', at);
        value = value * 16 + digit;
        this.pos += 1;
      }
      return value;
    };
    const first = readFour(start);
    // Java joins an escaped surrogate pair into one code point.
    if (first >= 0xd800 && first <= 0xdbff && this.peek() === 0x5c && this.peek(1) === 0x75) {
      const save = this.pos;
      this.pos += 2;
      const second = readFour(save);
      if (second >= 0xdc00 && second <= 0xdfff)
        return 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
      this.pos = save;
    }
    return first;
  }

  private quote(): number[] {
    const out: number[] = [];
    while (this.pos < this.cps.length) {
      if (this.peek() === 0x5c && this.peek(1) === 0x45) {
        this.pos += 2;
        return out;
      }
      out.push(this.cps[this.pos++] ?? 0);
    }
    return out;
  }

  private backReference(first: number, flags: Flags, start: number): Atom {
    // Java takes further digits only while they still name a group opened so far.
    let number = first - 0x30;
    while (isDigit(this.peek())) {
      const next = number * 10 + ((this.peek() ?? 0x30) - 0x30);
      if (next > this.userGroups.length) break;
      number = next;
      this.pos += 1;
    }
    if (flags.i) this.unsupported('a back-reference under case-insensitive matching', start);
    return { parts: [{ userRef: number }], quantifiable: true };
  }

  private namedBackReference(flags: Flags, start: number): Atom {
    if (this.peek() !== 0x3c)
      this.syntax("\\k is not followed by '<' for named capturing group", start);
    this.pos += 1;
    const name = this.groupName(start);
    if (!this.names.has(name)) this.syntax(`named capturing group <${name}> does not exist`, start);
    if (flags.i) this.unsupported('a back-reference under case-insensitive matching', start);
    return { parts: [`\\k<${name}>`], quantifiable: true };
  }

  private groupName(start: number): string {
    let name = '';
    const first = this.peek();
    if (first === undefined || !isAsciiLetter(first)) {
      this.syntax('capturing group name does not start with a Latin letter', this.pos);
    }
    while (this.peek() !== undefined && (isAsciiLetter(this.peek() ?? 0) || isDigit(this.peek()))) {
      name += String.fromCodePoint(this.cps[this.pos++] ?? 0);
    }
    if (this.peek() !== 0x3e) this.syntax("named capturing group is missing trailing '>'", start);
    this.pos += 1;
    return name;
  }

  private group(outer: Flags): Atom | null {
    const start = this.pos;
    this.pos += 1;
    let flags: Flags = { ...outer };
    let open: Part[];
    let quantifiable = true;
    let atomic = false;
    if (this.peek() !== 0x3f) {
      const id = this.newId();
      this.userGroups.push(id);
      open = [{ open: id, text: '(' }];
    } else {
      this.pos += 1;
      const kind = this.peek();
      if (kind === 0x3a) {
        this.pos += 1;
        open = ['(?:'];
      } else if (kind === 0x3d || kind === 0x21) {
        this.pos += 1;
        open = [kind === 0x3d ? '(?=' : '(?!'];
        quantifiable = false;
      } else if (kind === 0x3e) {
        this.pos += 1;
        open = ['(?:'];
        atomic = true;
      } else if (kind === 0x3c && (this.peek(1) === 0x3d || this.peek(1) === 0x21)) {
        open = [this.peek(1) === 0x3d ? '(?<=' : '(?<!'];
        this.pos += 2;
        quantifiable = false;
      } else if (kind === 0x3c) {
        this.pos += 1;
        const name = this.groupName(start);
        if (this.names.has(name))
          this.syntax(`Named capturing group <${name}> is already defined`, start);
        this.names.add(name);
        const id = this.newId();
        this.userGroups.push(id);
        open = [{ open: id, text: `(?<${name}>` }];
      } else {
        flags = this.inlineFlags(outer, start);
        if (this.peek() === 0x29) {
          // `(?i)`: the flags hold for the rest of the enclosing group.
          this.pos += 1;
          Object.assign(outer, flags);
          return null;
        }
        this.pos += 1; // ':'
        open = ['(?:'];
      }
    }
    const body = this.alternation(flags);
    if (this.peek() !== 0x29) this.syntax('Unclosed group', this.cps.length);
    this.pos += 1;
    const parts = [...open, ...body, ')'];
    return atomic ? { parts: this.atomic(parts), quantifiable: true } : { parts, quantifiable };
  }

  private inlineFlags(outer: Flags, start: number): Flags {
    const flags = { ...outer };
    let on = true;
    for (;;) {
      const cp = this.peek();
      if (cp === undefined) this.syntax('Unknown inline modifier', this.pos);
      const ch = String.fromCodePoint(cp);
      if (ch === ')' || ch === ':') return flags;
      this.pos += 1;
      if (ch === '-') {
        if (!on) this.syntax('Unknown inline modifier', this.pos - 1);
        on = false;
      } else if (ch === 'i' || ch === 'd' || ch === 'm' || ch === 's' || ch === 'u' || ch === 'x') {
        flags[ch] = on;
      } else if (ch === 'U') {
        this.unsupported('(?U) (UNICODE_CHARACTER_CLASS)', start);
      } else {
        this.syntax('Unknown inline modifier', this.pos - 1);
      }
    }
  }

  private property(negated: boolean, flags: Flags, start: number): CharNode {
    let name: string;
    if (this.peek() === 0x7b) {
      this.pos += 1;
      name = '';
      while (this.peek() !== undefined && this.peek() !== 0x7d)
        name += String.fromCodePoint(this.cps[this.pos++] ?? 0);
      if (this.peek() !== 0x7d) this.syntax('Unclosed character family', this.pos);
      this.pos += 1;
    } else {
      const cp = this.peek();
      if (cp === undefined) this.syntax('Illegal character family', start);
      this.pos += 1;
      name = String.fromCodePoint(cp);
    }
    const node = this.propertyNode(name, flags, start);
    return negated ? not(node) : node;
  }

  private propertyNode(name: string, flags: Flags, start: number): CharNode {
    const equals = name.indexOf('=');
    if (equals >= 0) {
      const key = name.slice(0, equals);
      const value = name.slice(equals + 1);
      if (key === 'sc' || key === 'script') return this.script(value, start);
      if (key === 'gc' || key === 'general_category') return this.category(value, flags, start);
      if (key === 'blk' || key === 'block')
        return this.unsupported(`the Unicode block property \\p{${name}}`, start);
      return this.syntax(`Unknown Unicode property {name=<${key}>, value=<${value}>}`, start);
    }
    if (name.startsWith('In'))
      return this.unsupported(`the Unicode block property \\p{${name}}`, start);
    if (name.startsWith('Is')) {
      const rest = name.slice(2);
      const upper = rest.toUpperCase();
      const binary =
        (flags.i ? CASE_INSENSITIVE_CLASSES[upper] : undefined) ?? BINARY_PROPERTIES[upper];
      if (binary) return binary;
      if (GENERAL_CATEGORIES.has(rest)) return this.category(rest, flags, start);
      return this.script(rest, start);
    }
    const named = (flags.i ? CASE_INSENSITIVE_CLASSES[name] : undefined) ?? NAMED_CLASSES[name];
    if (named) return named;
    if (GENERAL_CATEGORIES.has(name)) return this.category(name, flags, start);
    return this.syntax(`Unknown character property name {${name}}`, start);
  }

  private category(name: string, flags: Flags, start: number): CharNode {
    if (!GENERAL_CATEGORIES.has(name))
      this.syntax(`Unknown character property name {${name}}`, start);
    return (flags.i ? CASE_INSENSITIVE_CLASSES[name] : undefined) ?? escapesNode(`\\p{${name}}`);
  }

  private script(name: string, start: number): CharNode {
    // Java matches script names case-insensitively; ECMAScript wants the canonical spelling.
    const titled = name
      .toLowerCase()
      .split('_')
      .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
      .join('_');
    for (const candidate of [name, titled]) {
      if (!/^[A-Za-z_]+$/.test(candidate)) continue;
      try {
        new RegExp(`\\p{Script=${candidate}}`, 'u');
        return escapesNode(`\\p{Script=${candidate}}`);
      } catch {
        // try the next spelling
      }
    }
    return this.syntax(`Unknown character script name {${name}}`, start);
  }

  /** Parses `[…]` with Java's nesting (union), `&&` (intersection) and leading `^` (complement). */
  private charClass(flags: Flags): CharNode {
    const start = this.pos;
    this.pos += 1;
    let negated = false;
    if (this.peek() === 0x5e) {
      negated = true;
      this.pos += 1;
    }
    const operands: CharNode[] = [];
    let current: CharNode[] = [];
    for (;;) {
      this.skipIgnorable(flags);
      const cp = this.peek();
      if (cp === undefined) this.syntax('Unclosed character class', this.cps.length - 1);
      if (cp === 0x5b) {
        current.push(this.charClass(flags));
        continue;
      }
      if (cp === 0x26 && this.peek(1) === 0x26) {
        this.pos += 2;
        if (current.length > 0) operands.push(union(...current));
        current = [];
        continue;
      }
      if (cp === 0x5d && (current.length > 0 || operands.length > 0)) {
        this.pos += 1;
        break;
      }
      this.classItem(flags, current, start);
    }
    if (current.length > 0) operands.push(union(...current));
    let node: CharNode;
    if (operands.length === 0) node = ranges();
    else if (operands.length === 1) node = operands[0] ?? ranges();
    else node = { kind: 'and', items: operands };
    return negated ? not(node) : node;
  }

  private classItem(flags: Flags, into: CharNode[], classStart: number): void {
    const fail = (what: string): never => this.unsupported(what, classStart);
    let lo: number;
    if (this.peek() === 0x5c) {
      const escape = this.escape(flags, true);
      if (escape.kind === 'set') {
        into.push(escape.node);
        return;
      }
      if (escape.kind === 'quote') {
        for (const cp of escape.cps)
          into.push({ kind: 'ranges', ranges: foldRange(cp, cp, flags, fail), escapes: [] });
        return;
      }
      if (escape.kind !== 'char')
        return this.syntax('Illegal/unsupported escape sequence', this.pos - 1);
      lo = escape.cp;
    } else {
      lo = this.cps[this.pos++] ?? 0;
    }
    let hi = lo;
    this.skipIgnorable(flags);
    if (
      this.peek() === 0x2d &&
      this.peek(1) !== undefined &&
      this.peek(1) !== 0x5d &&
      this.peek(1) !== 0x5b
    ) {
      const dash = this.pos;
      this.pos += 1;
      this.skipIgnorable(flags);
      if (this.peek() === 0x5c) {
        const escape = this.escape(flags, true);
        if (escape.kind !== 'char') this.syntax('Illegal character range', dash);
        hi = escape.cp;
      } else {
        hi = this.cps[this.pos++] ?? 0;
      }
      if (hi < lo) this.syntax('Illegal character range', this.pos - 1);
    }
    into.push({ kind: 'ranges', ranges: foldRange(lo, hi, flags, fail), escapes: [] });
  }
}

/** The ECMAScript source (for the `u` flag) of a Java pattern; throws on invalid Java syntax. */
export function translateJavaPattern(pattern: string): string {
  return new Translator(pattern).translate();
}

/** `Pattern.matches(pattern, input)`: true when the WHOLE input matches, as Java's matches() does. */
export function javaFullMatch(pattern: string, input: string): boolean {
  const source = translateJavaPattern(pattern);
  let regex: RegExp;
  try {
    regex = new RegExp(`^(?:${source})$`, 'u');
  } catch (error) {
    throw new Error(
      `the pattern could not be translated to an ECMAScript regular expression (${error instanceof Error ? error.message : String(error)})`,
    );
  }
  return regex.test(input);
}
