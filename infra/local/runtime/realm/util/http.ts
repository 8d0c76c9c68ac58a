import type { HttpUtils } from '@aws-appsync/utils/lib/http-utils';
import type { RealmDeps } from '../deps';
import type { RecordedError } from '../invocation';
import { argumentError, isRecord, setOwn } from '../checks';
import { utf8Encode } from './encoding';

/** Hop-by-hop and framing headers copyHeaders drops (AWS http-helpers-in-utils-http-js). */
const COPY_RESTRICTED = new Set([
  'transfer-encoding',
  'connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'content-length',
]);

/** Names addResponseHeader also refuses: AppSync owns CORS, Vary and Content-Type. */
const RESPONSE_RESTRICTED = new Set([
  ...COPY_RESTRICTED,
  'access-control-allow-credentials',
  'access-control-allow-origin',
  'access-control-expose-headers',
  'access-control-max-age',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'vary',
  'content-type',
]);

const RESTRICTED_PREFIXES = ['x-amzn-', 'x-amz-'];

/** Custom response headers, names and values together, may not exceed 4 KB. */
const MAX_HEADER_BYTES = 4096;

/** RFC 9110 token characters: anything else cannot be sent as a header name. */
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function headerText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

function headerError(message: string): RecordedError {
  return { message, errorType: 'ResponseHeaderError', data: null, errorInfo: null };
}

export function createHttpUtils({ scope }: RealmDeps): HttpUtils {
  /** Records the header, or a ResponseHeaderError entry when AppSync would ignore it. */
  const add = (fn: string, name: unknown, value: unknown): void => {
    if (typeof name !== 'string') throw argumentError(fn, 'the header name to be a string', name);
    const record = scope.current;
    const lower = name.toLowerCase();
    const reject = (message: string): void => {
      record.responseHeaderErrors.push(headerError(message));
    };
    if (name.trim() === '') return reject(`${fn}: a response header name must not be empty.`);
    if (RESPONSE_RESTRICTED.has(lower))
      return reject(`${fn}: the response header "${name}" is restricted and was not added.`);
    const prefix = RESTRICTED_PREFIXES.find((p) => lower.startsWith(p));
    if (prefix !== undefined) {
      return reject(
        `${fn}: the response header "${name}" starts with the restricted prefix "${prefix}" and was not added.`,
      );
    }
    if (!HEADER_NAME.test(name))
      return reject(`${fn}: "${name}" is not a valid HTTP header name; it was not added.`);
    if (value === null || value === undefined) {
      return reject(`${fn}: the response header "${name}" has a null value and was not added.`);
    }
    const text = headerText(value);
    if (/[\r\n\0]/.test(text)) {
      return reject(
        `${fn}: the value of the response header "${name}" contains a line break or NUL and was not added.`,
      );
    }
    let size = utf8Encode(name).length + utf8Encode(text).length;
    for (const [other, otherValue] of Object.entries(record.responseHeaders)) {
      if (other.toLowerCase() !== lower)
        size += utf8Encode(other).length + utf8Encode(otherValue).length;
    }
    if (size > MAX_HEADER_BYTES) {
      return reject(
        `${fn}: adding the response header "${name}" would bring the custom response headers to ${size} bytes, over the 4 KB limit; it was not added.`,
      );
    }
    // The last write to a name wins, whatever its letter case.
    for (const other of Object.keys(record.responseHeaders)) {
      if (other !== name && other.toLowerCase() === lower)
        Reflect.deleteProperty(record.responseHeaders, other);
    }
    setOwn(record.responseHeaders, name, text);
  };

  return {
    copyHeaders(headers) {
      if (!isRecord(headers))
        throw argumentError('util.http.copyHeaders', 'a map of headers', headers);
      const copy: Record<string, unknown> = {};
      for (const [name, value] of Object.entries(headers)) {
        if (!COPY_RESTRICTED.has(name.toLowerCase())) setOwn(copy, name, value);
      }
      return copy;
    },
    addResponseHeader(name, value) {
      add('util.http.addResponseHeader', name, value);
    },
    addResponseHeaders(headers) {
      if (!isRecord(headers))
        throw argumentError('util.http.addResponseHeaders', 'a map of headers', headers);
      for (const [name, value] of Object.entries(headers))
        add('util.http.addResponseHeaders', name, value);
    },
  };
}
