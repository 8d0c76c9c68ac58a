/**
 * AppSync's realtime dialect of `graphql-ws`: the frames the server sends, the errors it puts in
 * them, and the reading of client messages. Pure: no sockets here.
 * Reference: /work/shared/reference/appsync-realtime.md §3, appsync-runtime.md §9.5.
 */
import type { SubscribeError, SubscriptionEvent } from '../engine/subscriptions/types';

/** One entry of an `error` or `connection_error` frame. */
export interface RealtimeErrorEntry extends SubscribeError {
  /** Only in `connection_error` (clients stop retrying on 400/401/403). */
  readonly errorCode?: number;
}

/** Everything the server sends: one JSON text frame each. */
export type ServerFrame =
  | { readonly type: 'connection_ack'; readonly payload: { readonly connectionTimeoutMs: number } }
  | {
      readonly type: 'connection_error';
      readonly payload: { readonly errors: readonly RealtimeErrorEntry[] };
    }
  | { readonly type: 'ka' }
  | { readonly type: 'start_ack'; readonly id: string }
  | { readonly type: 'data'; readonly id: string; readonly payload: SubscriptionEvent }
  | { readonly type: 'complete'; readonly id: string }
  | {
      readonly type: 'error';
      readonly id?: string;
      readonly payload: { readonly errors: readonly RealtimeErrorEntry[] };
    };

/** A client message, read. */
export type ClientMessage =
  | { readonly kind: 'connection_init' }
  | {
      readonly kind: 'start';
      readonly id: string;
      /** `payload.data`: a JSON string of `{query, variables}`, or whatever else was sent. */
      readonly data: unknown;
      /** `payload.extensions.authorization`, unchecked. */
      readonly authorization: unknown;
    }
  | { readonly kind: 'stop'; readonly id: string }
  /** A message type AppSync does not take on this channel (or no JSON object at all). */
  | { readonly kind: 'unsupported'; readonly type: string }
  /** A known type without what it needs (a `start` or `stop` without an id). */
  | { readonly kind: 'malformed'; readonly message: string };

/** The stable error types Courier's realtime server sends. */
export const REALTIME_ERROR_TYPES = {
  unauthorized: 'UnauthorizedException',
  unsupported: 'UnsupportedOperation',
  duplicated: 'DuplicatedOperationError',
  maxSubscriptions: 'MaxSubscriptionsReachedError',
  badRequest: 'BadRequestException',
  internal: 'InternalFailure',
} as const;

/** The connect-time refusal real clients recognise (amplify-flutter#2763). */
export const CONNECTION_UNAUTHORIZED: RealtimeErrorEntry = {
  errorType: REALTIME_ERROR_TYPES.unauthorized,
  message: 'You are not authorized to make this call.',
  errorCode: 401,
};

/** Frame builders: the one place each shape is written. */
export const frames = {
  connectionAck: (connectionTimeoutMs: number): ServerFrame => ({
    type: 'connection_ack',
    payload: { connectionTimeoutMs },
  }),
  connectionError: (errors: readonly RealtimeErrorEntry[]): ServerFrame => ({
    type: 'connection_error',
    payload: { errors },
  }),
  keepAlive: (): ServerFrame => ({ type: 'ka' }),
  startAck: (id: string): ServerFrame => ({ type: 'start_ack', id }),
  data: (id: string, payload: SubscriptionEvent): ServerFrame => ({ type: 'data', id, payload }),
  complete: (id: string): ServerFrame => ({ type: 'complete', id }),
  error: (id: string | undefined, errors: readonly RealtimeErrorEntry[]): ServerFrame =>
    id === undefined
      ? { type: 'error', payload: { errors } }
      : { type: 'error', id, payload: { errors } },
};

/** Error entries, with messages that say what was received and what is expected. */
export const realtimeErrors = {
  /** AppSync's text for unknown types: `<type> not supported through the realtime channel`. */
  unsupported: (type: string): RealtimeErrorEntry => ({
    errorType: REALTIME_ERROR_TYPES.unsupported,
    message: `${type} not supported through the realtime channel`,
  }),
  duplicated: (id: string): RealtimeErrorEntry => ({
    errorType: REALTIME_ERROR_TYPES.duplicated,
    message: `Duplicated operation with id ${id}: a subscription with this id is already active on this connection.`,
  }),
  /** AppSync's text (aws-amplify/amplify-cli#7427). */
  maxSubscriptions: (limit: number): RealtimeErrorEntry => ({
    errorType: REALTIME_ERROR_TYPES.maxSubscriptions,
    message: `Max number of ${limit} subscriptions reached`,
  }),
  badRequest: (message: string): RealtimeErrorEntry => ({
    errorType: REALTIME_ERROR_TYPES.badRequest,
    message,
  }),
  internal: (detail: string): RealtimeErrorEntry => ({
    errorType: REALTIME_ERROR_TYPES.internal,
    message: `The engine failed to start the subscription: ${detail}`,
  }),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Reads one text frame. Never throws: anything unreadable is `unsupported`. */
export function parseClientMessage(text: string): ClientMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    return { kind: 'unsupported', type: 'unknown' };
  }
  if (!isRecord(parsed) || typeof parsed['type'] !== 'string') {
    return { kind: 'unsupported', type: 'unknown' };
  }
  const { type, id } = parsed;
  switch (type) {
    case 'connection_init':
      return { kind: 'connection_init' };
    case 'start':
    case 'stop': {
      if (typeof id !== 'string' || id === '') {
        return {
          kind: 'malformed',
          message: `A ${type} message needs a non-empty string id; received ${id === undefined ? 'none' : JSON.stringify(id)}.`,
        };
      }
      if (type === 'stop') {
        return { kind: 'stop', id };
      }
      const payload = isRecord(parsed['payload']) ? parsed['payload'] : {};
      const extensions = isRecord(payload['extensions']) ? payload['extensions'] : {};
      return {
        kind: 'start',
        id,
        data: payload['data'],
        authorization: extensions['authorization'],
      };
    }
    default:
      return { kind: 'unsupported', type };
  }
}

/** A `start` message's GraphQL request, or why `payload.data` is not one. */
export function parseStartData(data: unknown):
  | {
      readonly query: string;
      readonly variables: Record<string, unknown> | null;
      readonly operationName: string | null;
    }
  | string {
  if (typeof data !== 'string') {
    return `payload.data must be a JSON string of {query, variables}; received ${data === undefined ? 'none' : typeof data}.`;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(data) as unknown;
  } catch {
    return 'payload.data is not valid JSON; expected a JSON string of {query, variables}.';
  }
  if (!isRecord(parsed) || typeof parsed['query'] !== 'string') {
    return 'payload.data has no query string; expected a JSON string of {query, variables}.';
  }
  const { query, variables = null, operationName = null } = parsed;
  if (variables !== null && !isRecord(variables)) {
    return `payload.data's variables must be an object; received ${Array.isArray(variables) ? 'an array' : typeof variables}.`;
  }
  if (operationName !== null && typeof operationName !== 'string') {
    return `payload.data's operationName must be a string; received ${typeof operationName}.`;
  }
  return { query, variables, operationName };
}
