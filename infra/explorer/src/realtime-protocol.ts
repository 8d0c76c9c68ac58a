// AppSync's realtime protocol as the explorer's client speaks it: the connect-time auth object and
// its subprotocol, the frames sent, the reading of frames received. Pure (no sockets, no DOM).
// Reference: /work/shared/reference/appsync-realtime.md §1–3.
import type { FormattedExecutionResult, GraphQLFormattedError } from 'graphql';
import type { GraphQLRequest } from './fetcher';

/** The subprotocol of AppSync's realtime dialect; the server must select it. */
export const REALTIME_PROTOCOL = 'graphql-ws';

/** Used when connection_ack carries no timeout (what AppSync's clients assume). */
export const DEFAULT_CONNECTION_TIMEOUT_MS = 300_000;

/** Base64url without padding, of the UTF-8 bytes: what subprotocol tokens may carry. */
export function base64UrlEncode(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The `header-<base64url JSON>` subprotocol that carries the connect-time credentials. */
export function headerProtocol(authorization: Readonly<Record<string, string>>): string {
  return `header-${base64UrlEncode(JSON.stringify(authorization))}`;
}

/** `YYYYMMDDTHHMMSSZ` in UTC, the `x-amz-date` form AppSync's clients add to API-key auth. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** Headers that describe the HTTP body, meaningless on the realtime channel. */
const bodyHeaders = new Set(['content-type', 'accept', 'content-length', 'host']);

/**
 * The auth object sent at connect time and in `start`, from the headers the HTTP request would
 * carry: `host` of the GraphQL endpoint (port included), the credential (`x-api-key` plus
 * `x-amz-date`, or `Authorization`), and any other header the user typed.
 */
export function realtimeAuthorization(
  graphqlUrl: string,
  headers: Readonly<Record<string, string>>,
  now: Date,
): Record<string, string> {
  const authorization: Record<string, string> = { host: new URL(graphqlUrl).host };
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (bodyHeaders.has(name)) continue;
    // AppSync's clients and docs spell it capitalised; the service compares names case-insensitively.
    authorization[name === 'authorization' ? 'Authorization' : name] = value;
  }
  if ('x-api-key' in authorization && !('x-amz-date' in authorization)) {
    authorization['x-amz-date'] = amzDate(now);
  }
  return authorization;
}

/** A frame the client sends. */
export type ClientFrame =
  | { readonly type: 'connection_init' }
  | {
      readonly type: 'start';
      readonly id: string;
      readonly payload: {
        /** A JSON string of `{query, variables, operationName?}`, not an object. */
        readonly data: string;
        readonly extensions: { readonly authorization: Readonly<Record<string, string>> };
      };
    }
  | { readonly type: 'stop'; readonly id: string };

/** Frame builders: the one place each client frame is written. */
export const clientFrames = {
  connectionInit: (): ClientFrame => ({ type: 'connection_init' }),
  start: (
    id: string,
    request: GraphQLRequest,
    authorization: Readonly<Record<string, string>>,
  ): ClientFrame => ({
    id,
    type: 'start',
    payload: {
      data: JSON.stringify({
        query: request.query,
        variables: request.variables ?? {},
        ...(request.operationName ? { operationName: request.operationName } : {}),
      }),
      extensions: { authorization },
    },
  }),
  stop: (id: string): ClientFrame => ({ type: 'stop', id }),
};

/** A server frame, read; anything not understood is `unknown` (ignored) or `unreadable`. */
export type ServerFrame =
  | { readonly type: 'connection_ack'; readonly connectionTimeoutMs: number }
  | { readonly type: 'connection_error'; readonly errors: GraphQLFormattedError[] }
  | { readonly type: 'ka' }
  | { readonly type: 'start_ack'; readonly id: string | undefined }
  | {
      readonly type: 'data';
      readonly id: string | undefined;
      readonly result: FormattedExecutionResult;
    }
  | {
      readonly type: 'error';
      readonly id: string | undefined;
      readonly errors: GraphQLFormattedError[];
    }
  | { readonly type: 'complete'; readonly id: string | undefined }
  | { readonly type: 'unknown'; readonly name: string }
  | { readonly type: 'unreadable'; readonly text: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function truncate(text: string, length = 200): string {
  return text.length > length ? `${text.slice(0, length)}…` : text;
}

/** An error entry as GraphiQL shows it: a message always, every other field kept. */
function asFormattedError(entry: unknown): GraphQLFormattedError {
  if (isRecord(entry) && typeof entry['message'] === 'string') {
    return entry as unknown as GraphQLFormattedError;
  }
  if (isRecord(entry)) {
    const errorType = typeof entry['errorType'] === 'string' ? entry['errorType'] : 'Error';
    return { ...entry, message: errorType } as unknown as GraphQLFormattedError;
  }
  return { message: typeof entry === 'string' ? entry : JSON.stringify(entry) };
}

/**
 * `payload.errors` as a list. The service has been seen sending a single object instead of an
 * array (appsync-realtime.md §3.2), and a payload without errors still means failure.
 */
export function errorsOf(payload: unknown, fallback: string): GraphQLFormattedError[] {
  const errors = isRecord(payload) ? payload['errors'] : undefined;
  if (Array.isArray(errors) && errors.length > 0) return errors.map(asFormattedError);
  if (errors !== undefined && errors !== null && !Array.isArray(errors)) {
    return [asFormattedError(errors)];
  }
  return [{ message: fallback }];
}

/** Reads one text frame. Never throws. */
export function parseServerFrame(text: string): ServerFrame {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return { type: 'unreadable', text: truncate(text) };
  }
  if (!isRecord(parsed) || typeof parsed['type'] !== 'string') {
    return { type: 'unreadable', text: truncate(text) };
  }
  const { type, payload } = parsed;
  const id = typeof parsed['id'] === 'string' ? parsed['id'] : undefined;
  switch (type) {
    case 'connection_ack': {
      const timeout = isRecord(payload) ? payload['connectionTimeoutMs'] : undefined;
      return {
        type,
        connectionTimeoutMs:
          typeof timeout === 'number' && timeout > 0 ? timeout : DEFAULT_CONNECTION_TIMEOUT_MS,
      };
    }
    case 'connection_error':
      return { type, errors: errorsOf(payload, 'The realtime endpoint refused the connection.') };
    case 'ka':
      return { type };
    case 'start_ack':
    case 'complete':
      return { type, id };
    case 'data':
      if (!isRecord(payload) || !('data' in payload || 'errors' in payload)) {
        return {
          type: 'error',
          id,
          errors: [{ message: `A data frame without data or errors arrived: ${truncate(text)}` }],
        };
      }
      return { type, id, result: payload as FormattedExecutionResult };
    case 'error':
      return { type, id, errors: errorsOf(payload, 'The realtime endpoint sent an error.') };
    default:
      return { type: 'unknown', name: type };
  }
}
