/**
 * Many AppSync realtime subscribers in the bench process, over raw `ws` clients: the protocol
 * by hand (header- subprotocol, connection_init, start per subscription), so the figures hold
 * no client library's cost. Each data frame is timestamped on arrival, before it is parsed.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export interface SubscriberOptions {
  /** `ws://127.0.0.1:PORT/graphql/realtime`. */
  readonly realtimeUrl: string;
  /** The GraphQL endpoint's host, which AppSync clients put into every header object. */
  readonly host: string;
  readonly apiKey: string;
  /** Subscriptions in all. */
  readonly count: number;
  /** Subscriptions per WebSocket connection (AppSync accepts up to 100). */
  readonly perConnection: number;
  readonly query: string;
  readonly variables: Readonly<Record<string, unknown>>;
  /** Every data frame: the subscriber's index (0..count-1), the frame's payload, arrival time. */
  readonly onData: (subscriber: number, payload: unknown, at: number) => void;
}

export interface Subscribers {
  readonly connections: number;
  /** Frames that should not come while measuring (error, complete, early close), as text. */
  readonly unexpected: readonly string[];
  /** Closes every connection and resolves once all are closed. */
  close(): Promise<void>;
}

/** Connections opened at once while subscribing: enough to be quick, few enough to be gentle. */
const OPEN_BATCH = 20;
const HANDSHAKE_TIMEOUT_MS = 10_000;
const CLOSE_TIMEOUT_MS = 2_000;

/** Opens the connections, starts every subscription, resolves once all are acknowledged. */
export async function openSubscribers(options: SubscriberOptions): Promise<Subscribers> {
  const authorization = { host: options.host, 'x-api-key': options.apiKey };
  const protocols = [
    'graphql-ws',
    `header-${Buffer.from(JSON.stringify(authorization)).toString('base64url')}`,
  ];
  const data = JSON.stringify({ query: options.query, variables: options.variables });
  const unexpected: string[] = [];
  const sockets: WebSocket[] = [];
  let closing = false;

  const connect = (first: number, size: number): Promise<WebSocket> =>
    new Promise((resolve, reject) => {
      const ws = new WebSocket(options.realtimeUrl, protocols, { perMessageDeflate: false });
      sockets.push(ws);
      let waiting = size;
      const timer = setTimeout(
        () => reject(new Error(`Subscriptions ${first}..${first + size - 1}: no answer in time`)),
        HANDSHAKE_TIMEOUT_MS,
      );
      ws.on('message', (raw: Buffer) => {
        const at = performance.now();
        const frame = JSON.parse(raw.toString('utf8')) as {
          type: string;
          id?: string;
          payload?: unknown;
        };
        switch (frame.type) {
          case 'data':
            options.onData(Number(frame.id), frame.payload, at);
            return;
          case 'ka':
            return;
          case 'connection_ack':
            for (let i = 0; i < size; i += 1) {
              ws.send(
                JSON.stringify({
                  id: String(first + i),
                  type: 'start',
                  payload: { data, extensions: { authorization } },
                }),
              );
            }
            return;
          case 'start_ack':
            waiting -= 1;
            if (waiting === 0) {
              clearTimeout(timer);
              resolve(ws);
            }
            return;
          default:
            if (waiting > 0) {
              clearTimeout(timer);
              reject(new Error(`While subscribing, the server sent ${JSON.stringify(frame)}`));
            } else {
              unexpected.push(JSON.stringify(frame));
            }
        }
      });
      ws.once('open', () => ws.send(JSON.stringify({ type: 'connection_init' })));
      ws.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      ws.once('close', (code, reason) => {
        if (!closing) {
          unexpected.push(`connection closed early: ${code} ${reason.toString('utf8')}`);
        }
      });
    });

  const close = async (): Promise<void> => {
    closing = true;
    await Promise.all(
      sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) {
              resolve();
              return;
            }
            const timer = setTimeout(() => ws.terminate(), CLOSE_TIMEOUT_MS);
            ws.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            ws.close(1000);
          }),
      ),
    );
  };

  const groups: { first: number; size: number }[] = [];
  for (let first = 0; first < options.count; first += options.perConnection) {
    groups.push({ first, size: Math.min(options.perConnection, options.count - first) });
  }
  try {
    for (let i = 0; i < groups.length; i += OPEN_BATCH) {
      await Promise.all(groups.slice(i, i + OPEN_BATCH).map((g) => connect(g.first, g.size)));
    }
  } catch (error) {
    await close();
    throw error;
  }
  return { connections: groups.length, unexpected, close };
}
