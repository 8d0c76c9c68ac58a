/**
 * Text encodings as AppSync's JVM implementation performs them, written against ECMAScript only
 * (no TextEncoder, Buffer, atob or URLSearchParams exist in the utils realm):
 * - UTF-8 follows `String.getBytes(UTF_8)` / `new String(bytes, UTF_8)`: an unpaired surrogate
 *   encodes as `?`, a malformed byte sequence decodes as U+FFFD.
 * - base64 follows `java.util.Base64.getEncoder()` / `getDecoder()` (RFC 4648 alphabet, padding
 *   written, padding optional on input, no whitespace allowed).
 * - URL encoding follows `java.net.URLEncoder` / `URLDecoder` with UTF-8.
 * - JavaScript escaping follows Apache Commons `StringEscapeUtils.escapeEcmaScript`.
 */

const QUESTION_MARK = 0x3f;
const REPLACEMENT = 0xfffd;

export function utf8Encode(text: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 1) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (next - 0xdc00);
        i += 1;
      } else {
        cp = QUESTION_MARK;
      }
    } else if (cp >= 0xdc00 && cp <= 0xdfff) {
      cp = QUESTION_MARK;
    }
    if (cp < 0x80) {
      bytes.push(cp);
    } else if (cp < 0x800) {
      bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
    } else if (cp < 0x10000) {
      bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
    } else {
      bytes.push(
        0xf0 | (cp >> 18),
        0x80 | ((cp >> 12) & 0x3f),
        0x80 | ((cp >> 6) & 0x3f),
        0x80 | (cp & 0x3f),
      );
    }
  }
  return bytes;
}

/** Decodes UTF-8, replacing each maximal malformed subsequence with U+FFFD (as the JDK does). */
export function utf8Decode(bytes: readonly number[]): string {
  const codePoints: number[] = [];
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      codePoints.push(lead);
      i += 1;
      continue;
    }
    let need: number;
    let cp: number;
    let lower = 0x80;
    let upper = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      need = 1;
      cp = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      need = 2;
      cp = lead & 0x0f;
      if (lead === 0xe0) lower = 0xa0;
      if (lead === 0xed) upper = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      need = 3;
      cp = lead & 0x07;
      if (lead === 0xf0) lower = 0x90;
      if (lead === 0xf4) upper = 0x8f;
    } else {
      codePoints.push(REPLACEMENT);
      i += 1;
      continue;
    }
    let j = i + 1;
    let ok = true;
    for (let k = 0; k < need; k += 1, j += 1) {
      const b = bytes[j];
      if (b === undefined || b < lower || b > upper) {
        ok = false;
        break;
      }
      cp = (cp << 6) | (b & 0x3f);
      lower = 0x80;
      upper = 0xbf;
    }
    codePoints.push(ok ? cp : REPLACEMENT);
    i = j;
  }
  let text = '';
  for (let start = 0; start < codePoints.length; start += 4096) {
    text += String.fromCodePoint(...codePoints.slice(start, start + 4096));
  }
  return text;
}

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function base64FromBytes(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const b0 = bytes[i] ?? 0;
    const b1 = bytes[i + 1];
    const b2 = bytes[i + 2];
    const bits = (b0 << 16) | ((b1 ?? 0) << 8) | (b2 ?? 0);
    out += BASE64_ALPHABET.charAt((bits >> 18) & 63) + BASE64_ALPHABET.charAt((bits >> 12) & 63);
    out += b1 === undefined ? '=' : BASE64_ALPHABET.charAt((bits >> 6) & 63);
    out += b2 === undefined ? '=' : BASE64_ALPHABET.charAt(bits & 63);
  }
  return out;
}

/** Decodes base64, or says why the JDK's basic decoder would reject the text. */
export function base64ToBytes(text: string): { bytes: number[] } | { problem: string } {
  const bytes: number[] = [];
  let bits = 0;
  let shift = 18;
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    i += 1;
    if (ch === '=') {
      // Padding must complete a 4-character unit: `xx==` or `xxx=`, and nothing may follow it.
      if ((shift === 6 && (i === text.length || text.charAt(i++) !== '=')) || shift === 18) {
        return { problem: `misplaced padding '=' at index ${i - 1}` };
      }
      if (i < text.length) {
        return { problem: `unexpected character after the padding at index ${i}` };
      }
      break;
    }
    const value = BASE64_ALPHABET.indexOf(ch);
    if (value < 0) {
      return { problem: `illegal character ${JSON.stringify(ch)} at index ${i - 1}` };
    }
    bits |= value << shift;
    shift -= 6;
    if (shift < 0) {
      bytes.push((bits >> 16) & 0xff, (bits >> 8) & 0xff, bits & 0xff);
      shift = 18;
      bits = 0;
    }
  }
  if (shift === 6) {
    bytes.push((bits >> 16) & 0xff);
  } else if (shift === 0) {
    bytes.push((bits >> 16) & 0xff, (bits >> 8) & 0xff);
  } else if (shift === 12) {
    return { problem: 'the last unit has a single character, which does not encode a byte' };
  }
  return { bytes };
}

const HEX_UPPER = '0123456789ABCDEF';

function percentByte(byte: number): string {
  return `%${HEX_UPPER.charAt(byte >> 4)}${HEX_UPPER.charAt(byte & 15)}`;
}

/** `application/x-www-form-urlencoded`: unreserved are A–Z a–z 0–9 `.` `-` `*` `_`; space is `+`. */
export function formUrlEncode(text: string): string {
  let out = '';
  for (const byte of utf8Encode(text)) {
    const ch = String.fromCharCode(byte);
    if (/[A-Za-z0-9.\-*_]/.test(ch)) out += ch;
    else if (byte === 0x20) out += '+';
    else out += percentByte(byte);
  }
  return out;
}

function hexValue(ch: string): number {
  return /^[0-9A-Fa-f]$/.test(ch) ? parseInt(ch, 16) : -1;
}

/** Inverse of {@link formUrlEncode}; consecutive `%XX` escapes are decoded together as UTF-8. */
export function formUrlDecode(text: string): { text: string } | { problem: string } {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '+') {
      out += ' ';
      i += 1;
    } else if (ch === '%') {
      const bytes: number[] = [];
      while (i < text.length && text.charAt(i) === '%') {
        if (i + 3 > text.length) {
          return { problem: `incomplete escape '%' at index ${i}` };
        }
        const high = hexValue(text.charAt(i + 1));
        const low = hexValue(text.charAt(i + 2));
        if (high < 0 || low < 0) {
          return { problem: `illegal hex characters in the escape at index ${i}` };
        }
        bytes.push(high * 16 + low);
        i += 3;
      }
      out += utf8Decode(bytes);
    } else {
      out += ch;
      i += 1;
    }
  }
  return { text: out };
}

const JS_ESCAPES: Readonly<Record<string, string>> = {
  "'": "\\'",
  '"': '\\"',
  '\\': '\\\\',
  '/': '\\/',
  '\b': '\\b',
  '\n': '\\n',
  '\t': '\\t',
  '\f': '\\f',
  '\r': '\\r',
};

/** Escapes quotes, backslash, slash and control characters; non-ASCII becomes `\uXXXX`. */
export function escapeJavaScript(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 1) {
    const ch = text.charAt(i);
    const code = text.charCodeAt(i);
    const named = JS_ESCAPES[ch];
    if (named !== undefined) out += named;
    else if (code < 0x20 || code > 0x7f)
      out += `\\u${code.toString(16).toUpperCase().padStart(4, '0')}`;
    else out += ch;
  }
  return out;
}
