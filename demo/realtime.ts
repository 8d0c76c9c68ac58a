/**
 * A small AppSync realtime client (subprotocol `graphql-ws`): the API key travels in the
 * `header-` subprotocol at connect time and in every start, as AppSync's own clients send it.
 * One instance is one WebSocket connection, which may carry several subscriptions.
 */
import WebSocket from 'ws';

export interface RealtimeEndpoint {
  /** `ws://127.0.0.1:PORT/graphql/realtime`. */
  readonly realtimeUrl: string;
  /** The GraphQL endpoint, whose host every header object names. */
  readonly graphqlUrl: string;
  readonly apiKey: string;
}

export interface Realtime {
  /** Starts a subscription and resolves once the server acknowledged it (start_ack). */
  subscribe<T>(
    query: string,
    variables: Readonly<Record<string, unknown>>,
    onData: (data: T) => void,
  ): Promise<void>;
  /** Closes the connection politely and resolves once it is closed. */
  close(): Promise<void>;
  /** Drops the connection at once, as a client that crashed would. */
  terminate(): void;
}

interface Frame {
  readonly type: string;
  readonly id?: string;
  readonly payload?: { readonly data?: unknown; readonly errors?: unknown };
}

/** For connection_ack and for each start_ack. */
const HANDSHAKE_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 2_000;

/**
 * Connects and completes connection_init. `onFailure` hears whatever goes wrong afterwards: an
 * error frame for a started subscription, or the connection closing without close() being called.
 */
export async function openRealtime(
  endpoint: RealtimeEndpoint,
  onFailure: (error: Error) => void,
): Promise<Realtime> {
  const authorization = { host: new URL(endpoint.graphqlUrl).host, 'x-api-key': endpoint.apiKey };
  const header = Buffer.from(JSON.stringify(authorization)).toString('base64url');
  const ws = new WebSocket(endpoint.realtimeUrl, ['graphql-ws', `header-${header}`]);
  const handlers = new Map<string, (data: unknown) => void>();
  const starting = new Map<string, { resolve: () => void; reject: (error: Error) => void }>();
  let connected = false;
  let closing = false;
  let nextId = 1;

  const onFrame = (frame: Frame): void => {
    const id = frame.id ?? '';
    if (frame.type === 'start_ack') {
      starting.get(id)?.resolve();
      starting.delete(id);
    } else if (frame.type === 'data') {
      handlers.get(id)?.(frame.payload?.data);
    } else if (frame.type === 'error') {
      const error = new Error(`Subscription ${id} failed: ${JSON.stringify(frame.payload)}`);
      const pending = starting.get(id);
      starting.delete(id);
      if (pending) {
        pending.reject(error);
      } else {
        onFailure(error);
      }
    }
    // `ka` (keep-alive) and `complete` need no answer.
  };

  const acknowledged = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`No connection_ack from ${endpoint.realtimeUrl} in time`));
    }, HANDSHAKE_TIMEOUT_MS);
    ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
    // Kept for the connection's life: an 'error' event without a listener would crash.
    ws.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    ws.once('close', () => {
      clearTimeout(timer);
      reject(new Error(`${endpoint.realtimeUrl} closed the connection during the handshake`));
    });
    ws.on('message', (raw: Buffer) => {
      const frame = JSON.parse(raw.toString('utf8')) as Frame;
      if (frame.type === 'connection_ack') {
        clearTimeout(timer);
        resolve();
      } else if (frame.type === 'connection_error') {
        clearTimeout(timer);
        reject(new Error(`Connection refused: ${JSON.stringify(frame.payload)}`));
      } else {
        onFrame(frame);
      }
    });
  });

  ws.on('close', (code, reason) => {
    const error = new Error(`Realtime connection closed: ${code} ${reason.toString('utf8')}`);
    for (const pending of starting.values()) {
      pending.reject(error);
    }
    starting.clear();
    if (connected && !closing) {
      onFailure(error);
    }
  });

  await acknowledged;
  connected = true;

  return {
    subscribe<T>(
      query: string,
      variables: Readonly<Record<string, unknown>>,
      onData: (data: T) => void,
    ): Promise<void> {
      const id = String(nextId++);
      handlers.set(id, onData as (data: unknown) => void);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          starting.delete(id);
          reject(new Error(`No start_ack for subscription ${id} in time`));
        }, HANDSHAKE_TIMEOUT_MS);
        starting.set(id, {
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        ws.send(
          JSON.stringify({
            id,
            type: 'start',
            payload: {
              data: JSON.stringify({ query, variables }),
              extensions: { authorization },
            },
          }),
        );
      });
    },
    close(): Promise<void> {
      closing = true;
      if (ws.readyState === WebSocket.CLOSED) {
        return Promise.resolve();
      }
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS);
        ws.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        ws.close(1000);
      });
    },
    terminate(): void {
      closing = true;
      ws.terminate();
    },
  };
}
