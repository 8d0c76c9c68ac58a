import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import type { XmlUtils } from '@aws-appsync/utils/lib/xml-utils';
import type { RealmDeps } from '../deps';
import { argumentError, isRecord, setOwn } from '../checks';

/**
 * util.xml: XML to a map the way AppSync's JVM implementation (org.json's XML.toJSONObject)
 * shapes it, which the AWS examples show [runtime §3.6]:
 * - an element becomes a key; a repeated element becomes a list, in document order;
 * - attributes become keys next to the child elements;
 * - text is trimmed and stored under `content`; an element holding only text becomes that text;
 *   an empty element becomes "";
 * - text and attribute values that read as a number, `true`, `false` or `null` become that value
 *   ("1" → 1, but "007" stays a string); CDATA stays text.
 */

/** Marks every XML name ('@' cannot occur in one), keeping names clear of the parser's reserved words. */
const NAME = '@';
const TEXT = '#text';
const CDATA = '#cdata';
const COMMENT = '#comment';
const ATTRIBUTES = ':@';
const CONTENT = 'content';

const PARSER_OPTIONS: X2jOptions = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  textNodeName: TEXT,
  cdataPropName: CDATA,
  commentPropName: COMMENT,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Entities are decoded below, in one pass, exactly as XML defines them.
  processEntities: false,
  htmlEntities: false,
  // Idempotent: the parser transforms a self-closing tag's name twice.
  transformTagName: (name) => (name.startsWith(NAME) ? name : NAME + name),
  transformAttributeName: (name) => (name.startsWith(NAME) ? name : NAME + name),
};

const PREDEFINED_ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

function decodeEntities(text: string): string {
  return text.replace(
    /&(#[0-9]+|#x[0-9a-fA-F]+|[A-Za-z][A-Za-z0-9._-]*);/g,
    (whole, body: string) => {
      if (body.startsWith('#')) {
        const cp = body.startsWith('#x')
          ? parseInt(body.slice(2), 16)
          : parseInt(body.slice(1), 10);
        const valid = cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
        return valid ? String.fromCodePoint(cp) : whole;
      }
      // Entities XML does not predefine are kept as written, as org.json keeps them.
      return PREDEFINED_ENTITIES[body] ?? whole;
    },
  );
}

/** Java's `Character.isWhitespace`: Unicode spaces except no-break ones, plus ASCII separators. */
function isJavaWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x1c && code <= 0x20) ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x2006) ||
    (code >= 0x2008 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x205f ||
    code === 0x3000
  );
}

/** org.json skips leading `isWhitespace` characters, then `trim()` drops controls and spaces. */
function trimContent(text: string): string {
  let start = 0;
  let end = text.length;
  while (
    start < end &&
    (isJavaWhitespace(text.charCodeAt(start)) || text.charCodeAt(start) <= 0x20)
  )
    start += 1;
  while (end > start && text.charCodeAt(end - 1) <= 0x20) end -= 1;
  return text.slice(start, end);
}

const JAVA_DOUBLE = /^-?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[fFdD]?$/;
const LONG_MAX = 9223372036854775807n;

/** org.json's `XML.stringToValue`: booleans, null and canonical numbers become typed values. */
function stringToValue(text: string): unknown {
  if (text === '') return text;
  const lower = text.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  const initial = text.charAt(0);
  if (!((initial >= '0' && initial <= '9') || initial === '-')) return text;
  if (/[.eE]/.test(text) || text === '-0') {
    if (!JAVA_DOUBLE.test(text)) return text;
    const value = parseFloat(text.replace(/[fFdD]$/, ''));
    return Number.isFinite(value) ? value : text;
  }
  if (!/^-?[0-9]+$/.test(text)) return text;
  const big = BigInt(text);
  // Only the canonical spelling converts: "007" or "-00" stay strings, as does anything past a long.
  if (big > LONG_MAX || big < -LONG_MAX - 1n || big.toString() !== text) return text;
  return Number(text);
}

function accumulate(target: Record<string, unknown>, key: string, value: unknown): void {
  if (!Object.prototype.hasOwnProperty.call(target, key)) {
    setOwn(target, key, Array.isArray(value) ? [value] : value);
    return;
  }
  const existing = target[key];
  if (Array.isArray(existing)) existing.push(value);
  else setOwn(target, key, [existing, value]);
}

function realName(name: string): string {
  return name.startsWith(NAME) ? name.slice(NAME.length) : name;
}

function nodeChildren(node: Record<string, unknown>, key: string): Array<Record<string, unknown>> {
  const children = node[key];
  return Array.isArray(children) ? children.filter(isRecord) : [];
}

function elementValue(node: Record<string, unknown>, name: string): unknown {
  const value: Record<string, unknown> = {};
  const attributes = node[ATTRIBUTES];
  if (isRecord(attributes)) {
    for (const [key, raw] of Object.entries(attributes)) {
      accumulate(value, realName(key), stringToValue(decodeEntities(String(raw))));
    }
  }
  for (const child of nodeChildren(node, name)) addNode(value, child);
  const keys = Object.keys(value);
  if (keys.length === 0) return '';
  if (keys.length === 1 && keys[0] === CONTENT) return value[CONTENT];
  return value;
}

function addNode(target: Record<string, unknown>, node: Record<string, unknown>): void {
  const [key] = Object.keys(node).filter((k) => k !== ATTRIBUTES);
  if (key === undefined || key === COMMENT) return;
  if (key === TEXT) {
    const text = trimContent(decodeEntities(String(node[TEXT])));
    if (text !== '') accumulate(target, CONTENT, stringToValue(text));
    return;
  }
  if (key === CDATA) {
    const text = nodeChildren(node, CDATA)
      .map((part) => String(part[TEXT] ?? ''))
      .join('');
    if (text !== '') accumulate(target, CONTENT, text);
    return;
  }
  accumulate(target, realName(key), elementValue(node, key));
}

function xmlToMap(fn: string, xml: string): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  if (xml.trim() === '') return result;
  const valid = XMLValidator.validate(xml, { allowBooleanAttributes: false });
  if (valid !== true) {
    const { msg, line, col } = valid.err;
    throw new Error(
      `${fn}: the input is not well-formed XML: ${msg.replace(/\.$/, '')} (line ${line}, column ${col}).`,
    );
  }
  let parsed: unknown;
  try {
    parsed = new XMLParser(PARSER_OPTIONS).parse(xml);
  } catch (error) {
    throw new Error(
      `${fn}: the XML could not be parsed: ${error instanceof Error ? error.message : String(error)}.`,
    );
  }
  if (Array.isArray(parsed)) for (const node of parsed) if (isRecord(node)) addNode(result, node);
  return result;
}

export function createXmlUtils(_deps: RealmDeps): XmlUtils {
  const toMap = (fn: string, xml: unknown): Record<string, unknown> | null => {
    if (xml === null || xml === undefined) return null;
    if (typeof xml !== 'string') throw argumentError(fn, 'an XML string', xml);
    return xmlToMap(fn, xml);
  };
  return {
    toMap(xml) {
      return toMap('util.xml.toMap', xml);
    },
    toJsonString(xml: string, stringEncode?: boolean) {
      const fn = 'util.xml.toJsonString';
      if (
        stringEncode !== undefined &&
        stringEncode !== null &&
        typeof stringEncode !== 'boolean'
      ) {
        throw argumentError(fn, 'stringEncode (second argument) to be a boolean', stringEncode);
      }
      const json = JSON.stringify(toMap(fn, xml));
      // String-encoding yields the JSON as a JSON string literal, ready to embed in other JSON.
      return stringEncode === true ? JSON.stringify(json) : json;
    },
  };
}
