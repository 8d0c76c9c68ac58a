/**
 * AppSync's realtime endpoint on an existing HTTP(S) server: takes the WebSocket upgrades for one
 * path, checks the connect-time credentials, and runs a RealtimeConnection per socket. Knows no
 * GraphQL: subscriptions are the SubscriptionService's job.
 */
import type http from 'node:http';
import type https from 'node:https';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { AuthResult, EngineAuth } from '../engine/execution/auth';
import type { SubscriptionService } from '../engine/subscriptions/types';
import { connectCredentials, GRAPHQL_WS_PROTOCOL, offeredProtocols } from './connect-auth';
import { CLOSE_CODES, RealtimeConnection, type ConnectionLimits } from './connection';
import { REALTIME_ERROR_TYPES } from './protocol';

export interface RealtimeOptions {
  /** The WebSocket path, `<graphqlPath>/realtime` as clients derive it (e.g. `/graphql/realtime`). */
  readonly path: string;
  /** The GraphQL path: IAM signs `<graphqlPath>/connect` at connect time and `<graphqlPath>` per start. */
  readonly graphqlPath: string;
  readonly auth: Pick<EngineAuth, 'authenticate'>;
  readonly subscriptions: SubscriptionService;
  /** Interval of `ka` frames (default 60 000, as the service). */
  readonly keepAliveMs?: number;
  /**
   * Advertised in `connection_ack` (default 300 000); also how long the server waits without a
   * message or pong from the client before dropping it.
   */
  readonly connectionTimeoutMs?: number;
  /** A socket that sends neither `connection_init` nor `start` in this time is closed (30 000). */
  readonly initTimeoutMs?: number;
  /** Subscriptions per connection (default 100, as the service). */
  readonly maxSubscriptionsPerConnection?: number;
  /** Unsent bytes a connection may hold before it is closed as too slow (default 16 MiB). */
  readonly maxBufferedBytes?: number;
  /** Largest incoming message; larger ones close the socket with 1009 (default 1 MiB). */
  readonly maxMessageBytes?: number;
  /** Largest `data` frame; larger events are dropped, as the service does (default 240 KiB). */
  readonly maxEventBytes?: number;
  /** Open connections at most; more upgrades are answered 503 (default 10 000). */
  readonly maxConnections?: number;
  /** Connections are closed after this long (default 24 h, as the service). */
  readonly maxConnectionLifetimeMs?: number;
  /** How long a closing socket may take to answer the close frame before it is cut (5 000). */
  readonly closeGraceMs?: number;
  /** Refusals, slow consumers, dropped events; nothing when omitted. */
  readonly onLog?: (line: string) => void;
}

export interface RealtimeServer {
  /** Closes every connection (1001), ends their subscriptions and stops taking upgrades. */
  close(): Promise<void>;
  /** Open connections. */
  connections(): number;
  /** Subscriptions registered or being registered, over all connections. */
  subscriptions(): number;
}

/** The service's numbers (appsync-realtime.md §6, appsync-runtime.md §9.5). */
export const REALTIME_DEFAULTS = {
  keepAliveMs: 60_000,
  connectionTimeoutMs: 300_000,
  initTimeoutMs: 30_000,
  maxSubscriptionsPerConnection: 100,
  maxBufferedBytes: 16 * 1024 * 1024,
  maxMessageBytes: 1024 * 1024,
  maxEventBytes: 240 * 1024,
  maxConnections: 10_000,
  maxConnectionLifetimeMs: 24 * 60 * 60 * 1000,
  closeGraceMs: 5_000,
} as const;

/** Headers never shown to resolvers: cookies and the handshake's own (they carry credentials). */
const HIDDEN_HEADERS = /^(cookie|connection|upgrade|sec-websocket-.*)$/;

/**
 * Serves AppSync's realtime protocol on `server` at `options.path`. Upgrades for other paths
 * are left to other listeners, or answered 404 when this is the server's only upgrade listener.
 */
export function attachRealtime(
  server: http.Server | https.Server,
  options: RealtimeOptions,
): RealtimeServer {
  const limits: ConnectionLimits = {
    graphqlPath: options.graphqlPath,
    keepAliveMs: options.keepAliveMs ?? REALTIME_DEFAULTS.keepAliveMs,
    connectionTimeoutMs: options.connectionTimeoutMs ?? REALTIME_DEFAULTS.connectionTimeoutMs,
    initTimeoutMs: options.initTimeoutMs ?? REALTIME_DEFAULTS.initTimeoutMs,
    maxSubscriptions:
      options.maxSubscriptionsPerConnection ?? REALTIME_DEFAULTS.maxSubscriptionsPerConnection,
    maxBufferedBytes: options.maxBufferedBytes ?? REALTIME_DEFAULTS.maxBufferedBytes,
    maxEventBytes: options.maxEventBytes ?? REALTIME_DEFAULTS.maxEventBytes,
    maxConnectionLifetimeMs:
      options.maxConnectionLifetimeMs ?? REALTIME_DEFAULTS.maxConnectionLifetimeMs,
    closeGraceMs: options.closeGraceMs ?? REALTIME_DEFAULTS.closeGraceMs,
  };
  const maxConnections = options.maxConnections ?? REALTIME_DEFAULTS.maxConnections;
  const log = options.onLog ?? (() => undefined);
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: options.maxMessageBytes ?? REALTIME_DEFAULTS.maxMessageBytes,
    perMessageDeflate: false,
    clientTracking: false,
    handleProtocols: (protocols) =>
      protocols.has(GRAPHQL_WS_PROTOCOL) ? GRAPHQL_WS_PROTOCOL : false,
  });
  const open = new Set<RealtimeConnection>();
  const closedWaiters = new Set<() => void>();
  let upgrading = 0;
  let closing = false;
  let closingDone: Promise<void> | undefined;

  const onUpgrade = (request: http.IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = request.url ?? '/';
    const query = url.indexOf('?');
    const pathname = query < 0 ? url : url.slice(0, query);
    if (pathname !== options.path) {
      if (server.listenerCount('upgrade') === 1) {
        refuse(
          socket,
          404,
          'NotFoundException',
          `No WebSocket endpoint at ${pathname}; the realtime endpoint is ${options.path}.`,
        );
      }
      return;
    }
    if (closing) {
      refuse(socket, 503, 'ServiceUnavailableException', 'The realtime endpoint is shutting down.');
      return;
    }
    if (open.size + upgrading >= maxConnections) {
      refuse(
        socket,
        503,
        'ServiceUnavailableException',
        `Too many realtime connections: the limit is ${maxConnections}.`,
      );
      return;
    }
    const protocols = offeredProtocols(request.headers['sec-websocket-protocol']);
    if (!protocols.includes(GRAPHQL_WS_PROTOCOL)) {
      refuse(
        socket,
        400,
        REALTIME_ERROR_TYPES.badRequest,
        `The WebSocket handshake must offer the ${GRAPHQL_WS_PROTOCOL} subprotocol; received ${protocols.length === 0 ? 'none' : protocols.filter((p) => !p.startsWith('header-')).join(', ') || 'only header-'}.`,
      );
      return;
    }
    // A client that goes away during the credential check must not crash the server.
    const ignore = (): void => undefined;
    socket.on('error', ignore);
    upgrading += 1;
    authenticateConnection(request, protocols, url)
      .then((connectAuth) => {
        upgrading -= 1;
        socket.off('error', ignore);
        if (socket.destroyed) {
          return;
        }
        if (closing) {
          refuse(
            socket,
            503,
            'ServiceUnavailableException',
            'The realtime endpoint is shutting down.',
          );
          return;
        }
        wss.handleUpgrade(request, socket, head, (ws) => {
          const connection: RealtimeConnection = new RealtimeConnection(ws, {
            limits,
            auth: options.auth,
            subscriptions: options.subscriptions,
            connectAuth,
            requestHeaders: visibleHeaders(request.headers),
            forwardedFor: joined(request.headers['x-forwarded-for']),
            host: request.headers.host,
            sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
            log,
            onClosed: () => {
              open.delete(connection);
              if (open.size === 0) {
                for (const resolve of closedWaiters) {
                  resolve();
                }
                closedWaiters.clear();
              }
            },
          });
          open.add(connection);
        });
      })
      .catch((error: unknown) => {
        upgrading -= 1;
        log(
          `realtime: connect-time authentication failed: ${error instanceof Error ? error.message : String(error)}`,
        );
        refuse(
          socket,
          500,
          REALTIME_ERROR_TYPES.internal,
          'The engine failed to check the credentials.',
        );
      });
  };

  /** Checked before the upgrade, answered after it: clients expect a connection_error frame. */
  const authenticateConnection = async (
    request: http.IncomingMessage,
    protocols: readonly string[],
    url: string,
  ): Promise<AuthResult> => {
    const credentials = connectCredentials(protocols, url);
    const forwardedFor = joined(request.headers['x-forwarded-for']);
    const headers = {
      ...(request.headers.host !== undefined ? { host: request.headers.host } : {}),
      ...(credentials.headers ?? {}),
      ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
    };
    const result = await options.auth.authenticate(
      headers,
      request.socket.remoteAddress ?? '127.0.0.1',
      { method: 'POST', url: `${options.graphqlPath}/connect`, body: '{}' },
    );
    if (!result.ok && credentials.headers === null) {
      return { ...result, reason: `${credentials.source}: ${credentials.problem}` };
    }
    return result;
  };

  server.on('upgrade', onUpgrade);

  return {
    connections: () => open.size,
    subscriptions: () =>
      [...open].reduce((sum, connection) => sum + connection.subscriptionCount, 0),
    close: () => {
      closingDone ??= (async () => {
        closing = true;
        server.off('upgrade', onUpgrade);
        if (open.size > 0) {
          const allClosed = new Promise<void>((resolve) => closedWaiters.add(resolve));
          for (const connection of open) {
            connection.shutdown(CLOSE_CODES.goingAway, 'Server shutting down');
          }
          await allClosed;
        }
        await new Promise<void>((resolve) => wss.close(() => resolve()));
      })();
      return closingDone;
    },
  };
}

function joined(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.join(', ');
}

function visibleHeaders(
  headers: http.IncomingHttpHeaders,
): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HIDDEN_HEADERS.test(name)) {
      out[name] = value;
    }
  }
  return out;
}

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  404: 'Not Found',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Answers an upgrade with a plain HTTP error (AppSync's JSON error body) and ends the socket. */
function refuse(socket: Duplex, status: number, errorType: string, message: string): void {
  if (socket.destroyed) {
    return;
  }
  const body = JSON.stringify({ errors: [{ errorType, message }] });
  socket.once('finish', () => socket.destroy());
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\n` +
      'Content-Type: application/json; charset=UTF-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-ErrorType: ${errorType}\r\n` +
      'Connection: close\r\n\r\n' +
      body,
  );
}
