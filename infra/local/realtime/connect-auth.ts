/**
 * Reading the credentials a realtime client presents: the auth header object from the
 * `header-<base64url>` subprotocol (current clients) or the legacy `?header=<base64>` query
 * parameter (older clients), and the header objects inside `start` messages. Pure functions.
 */

/** The subprotocol of AppSync's realtime dialect (not graphql-transport-ws). */
export const GRAPHQL_WS_PROTOCOL = 'graphql-ws';

const HEADER_PROTOCOL_PREFIX = 'header-';

/** An auth header object with lowercase names and string values. */
export type AuthHeaders = Readonly<Record<string, string>>;

/** Where the connect-time header object came from, and what it held. */
export type ConnectCredentials =
  | { readonly source: 'subprotocol' | 'query'; readonly headers: AuthHeaders }
  | { readonly source: 'subprotocol' | 'query'; readonly headers: null; readonly problem: string }
  | { readonly source: 'none'; readonly headers: null; readonly problem: string };

/** The values of a `Sec-WebSocket-Protocol` request header, in the order offered. */
export function offeredProtocols(header: string | readonly string[] | undefined): string[] {
  const values = typeof header === 'string' ? [header] : (header ?? []);
  return values
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

/**
 * The header object's fields with lowercase names (clients mix `Authorization` and
 * `authorization`, and the Apollo link sends both `x-api-key` and `X-Api-Key`). Values that are
 * not strings are dropped: no client sends them, and no credential is one.
 */
export function normalizeHeaderObject(value: unknown): AuthHeaders | null {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return null;
  }
  const headers: Record<string, string> = {};
  for (const [name, field] of Object.entries(value)) {
    if (typeof field === 'string') {
      headers[name.toLowerCase()] = field;
    }
  }
  return headers;
}

/**
 * Decodes base64 (standard or URL-safe alphabet, padded or not) JSON into a header object, or
 * says why it cannot.
 */
export function decodeHeaderObject(encoded: string): AuthHeaders | string {
  if (encoded === '' || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(encoded)) {
    return `the header value is not base64 (received ${JSON.stringify(truncate(encoded))})`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as unknown;
  } catch {
    return 'the decoded header value is not JSON';
  }
  return normalizeHeaderObject(parsed) ?? 'the decoded header value is not a JSON object';
}

/**
 * The raw `header` query parameter. Read from the request line as is, not with URLSearchParams:
 * old clients put standard base64 into the URL unencoded, and a form decoder would turn its `+`
 * into a space. Percent-escapes (from clients that do encode) are undone; `+` is kept.
 */
export function rawQueryParameter(url: string, name: string): string | undefined {
  const start = url.indexOf('?');
  if (start < 0) {
    return undefined;
  }
  for (const pair of url.slice(start + 1).split('&')) {
    const separator = pair.indexOf('=');
    const key = separator < 0 ? pair : pair.slice(0, separator);
    if (key === name) {
      const value = separator < 0 ? '' : pair.slice(separator + 1);
      try {
        return decodeURIComponent(value);
      } catch {
        return value;
      }
    }
  }
  return undefined;
}

/**
 * The connect-time credentials: the `header-` subprotocol wins over the query string when a
 * client sends both (current clients send only the subprotocol).
 */
export function connectCredentials(protocols: readonly string[], url: string): ConnectCredentials {
  const fromProtocol = protocols.find((protocol) => protocol.startsWith(HEADER_PROTOCOL_PREFIX));
  if (fromProtocol !== undefined) {
    const decoded = decodeHeaderObject(fromProtocol.slice(HEADER_PROTOCOL_PREFIX.length));
    return typeof decoded === 'string'
      ? { source: 'subprotocol', headers: null, problem: decoded }
      : { source: 'subprotocol', headers: decoded };
  }
  const fromQuery = rawQueryParameter(url, 'header');
  if (fromQuery !== undefined) {
    const decoded = decodeHeaderObject(fromQuery);
    return typeof decoded === 'string'
      ? { source: 'query', headers: null, problem: decoded }
      : { source: 'query', headers: decoded };
  }
  return {
    source: 'none',
    headers: null,
    problem: 'no header- subprotocol and no header query parameter',
  };
}

function truncate(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}...` : text;
}
