import { DateTimeFormatterBuilder, ResolverStyle, type DateTimeFormatter } from '@js-joda/core';
import '@js-joda/timezone';
import '@js-joda/locale_en-us';
import { Locale } from '@js-joda/locale';
import { appendZoneText } from './zone-text';

/*
 * Java java.time.format.DateTimeFormatter.ofPattern(pattern), in English (Locale.US), resolved
 * SMART, as AppSync's time helpers use it. The walk below follows Java's
 * DateTimeFormatterBuilder.appendPattern token by token and hands each run of pattern letters to
 * js-joda, which implements the letters themselves. It exists for the tokens js-joda gets wrong:
 * a quoted literal with several '' escapes (js-joda unescapes only the first) and the zone name `z`
 * (see zone-text.ts).
 */

function isLetter(char: string): boolean {
  return (char >= 'A' && char <= 'Z') || (char >= 'a' && char <= 'z');
}

/** Index just past the run of `char` starting at `from`. */
function runEnd(pattern: string, from: number, char: string): number {
  let end = from;
  while (end < pattern.length && pattern.charAt(end) === char) {
    end += 1;
  }
  return end;
}

/** Index of the quote that closes the literal opened at `open`, or -1. */
function closingQuote(pattern: string, open: number): number {
  let pos = open + 1;
  while (pos < pattern.length) {
    if (pattern.charAt(pos) === "'") {
      if (pattern.charAt(pos + 1) !== "'") {
        return pos;
      }
      pos += 1;
    }
    pos += 1;
  }
  return -1;
}

interface PaddingBuilder {
  padNext(width: number): unknown;
}

function appendLetters(builder: DateTimeFormatterBuilder, letter: string, count: number): void {
  if (letter === 'z') {
    if (count > 4) {
      throw new Error(`Too many pattern letters: ${letter}`);
    }
    appendZoneText(builder, count);
    return;
  }
  builder.appendPattern(letter.repeat(count));
}

/** Compiles a Java DateTimeFormatter pattern. Throws an Error naming the problem. */
export function javaFormatter(pattern: string): DateTimeFormatter {
  const builder = new DateTimeFormatterBuilder();
  let openSections = 0;
  let pos = 0;
  while (pos < pattern.length) {
    const char = pattern.charAt(pos);
    if (isLetter(char)) {
      let letter = char;
      let end = runEnd(pattern, pos, letter);
      if (letter === 'p') {
        // pN: pad the next field to width N.
        const next = pattern.charAt(end);
        if (!isLetter(next)) {
          throw new Error(`Pad letter 'p' must be followed by valid pad pattern: ${pattern}`);
        }
        (builder as unknown as PaddingBuilder).padNext(end - pos);
        letter = next;
        pos = end;
        end = runEnd(pattern, pos, letter);
      }
      appendLetters(builder, letter, end - pos);
      pos = end;
    } else if (char === "'") {
      const close = closingQuote(pattern, pos);
      if (close < 0) {
        throw new Error(`Pattern ends with an incomplete string literal: ${pattern}`);
      }
      const literal = pattern.substring(pos + 1, close);
      builder.appendLiteral(literal.length === 0 ? "'" : literal.replaceAll("''", "'"));
      pos = close + 1;
    } else if (char === '[') {
      builder.optionalStart();
      openSections += 1;
      pos += 1;
    } else if (char === ']') {
      if (openSections === 0) {
        throw new Error('Pattern invalid as it contains ] without previous [');
      }
      builder.optionalEnd();
      openSections -= 1;
      pos += 1;
    } else if (char === '{' || char === '}' || char === '#') {
      throw new Error(`Pattern includes reserved character: '${char}'`);
    } else {
      builder.appendLiteral(char);
      pos += 1;
    }
  }
  return builder.toFormatter(ResolverStyle.SMART).withLocale(Locale.US);
}
