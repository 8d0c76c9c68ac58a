/**
 * A raw WebSocket client for the realtime tests: every frame the server sends, in order, with
 * awaitable reads; no protocol logic, so tests see exactly what goes over the wire.
 */
import WebSocket from 'ws';

/** A JSON frame from the server. */
export type Frame = Record<string, unknown>;

export interface RawClient {
  readonly ws: WebSocket;
  /** Every frame received so far. */
  readonly frames: readonly Frame[];
  /** The next frame not yet read (waits up to `timeoutMs`). */
  next(timeoutMs?: number): Promise<Frame>;
  /** Reads frames until one of `type` (the others are skipped); returns it. */
  nextOfType(type: string, timeoutMs?: number): Promise<Frame>;
  /** Frames received and not yet read. */
  unread(): Frame[];
  send(message: unknown): void;
  /** Resolves when the socket has closed, with the close code and reason. */
  readonly closed: Promise<{ readonly code: number; readonly reason: string }>;
}

/** How a refused handshake was answered. */
export interface RefusedHandshake {
  readonly status: number;
  readonly body: string;
}

/** Opens a socket; resolves once open, rejects with RefusedHandshake if the server refuses. */
export function openClient(
  url: string,
  protocols: readonly string[],
  options: WebSocket.ClientOptions = {},
): Promise<RawClient> {
  const ws = new WebSocket(url, [...protocols], options);
  const frames: Frame[] = [];
  let cursor = 0;
  let wake: (() => void) | undefined;
  ws.on('message', (data, isBinary) => {
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    frames.push(isBinary ? { binary: text } : (JSON.parse(text) as Frame));
    wake?.();
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString('utf8') });
      wake?.();
    });
  });
  const next = async (timeoutMs = 2000): Promise<Frame> => {
    const deadline = Date.now() + timeoutMs;
    while (cursor >= frames.length) {
      if (ws.readyState === WebSocket.CLOSED || Date.now() > deadline) {
        throw new Error(
          `No frame within ${timeoutMs} ms (socket ${ws.readyState === WebSocket.CLOSED ? 'closed' : 'open'}); read so far: ${JSON.stringify(frames)}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.max(1, deadline - Date.now()));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
    const frame = frames[cursor] as Frame;
    cursor += 1;
    return frame;
  };
  const client: RawClient = {
    ws,
    frames,
    next,
    async nextOfType(type, timeoutMs = 2000) {
      for (;;) {
        const frame = await next(timeoutMs);
        if (frame['type'] === type) {
          return frame;
        }
      }
    },
    unread: () => frames.slice(cursor),
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    closed,
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_request, response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const refused: RefusedHandshake = {
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        reject(Object.assign(new Error(`Handshake refused: ${refused.status}`), refused));
      });
    });
    ws.once('error', reject);
  });
}

/** The base64url `header-` subprotocol current clients send. */
export function headerProtocol(headers: Record<string, string>): string {
  return `header-${Buffer.from(JSON.stringify(headers)).toString('base64url')}`;
}

/** The legacy query string, with standard base64 left unencoded as old clients sent it. */
export function legacyQuery(headers: Record<string, string>): string {
  return `?header=${Buffer.from(JSON.stringify(headers)).toString('base64')}&payload=e30=`;
}

/** A `start` message as Amplify and the Apollo link send it. */
export function startMessage(
  id: string,
  query: string,
  authorization: unknown,
  variables: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    type: 'start',
    payload: {
      data: JSON.stringify({ query, variables }),
      extensions: { authorization },
    },
  };
}

/** What a connection with the API key needs of a running engine. */
export interface ApiKeyEndpoint {
  readonly url: string;
  readonly realtimeUrl: string;
  readonly apiKey: string;
}

/** The authorization of a realtime message with the API key: host and x-api-key. */
export function apiKeyAuth(api: ApiKeyEndpoint): Record<string, string> {
  return { host: new URL(api.url).host, 'x-api-key': api.apiKey };
}

/**
 * A connection authorized with the API key (header protocol) and acknowledged after
 * connection_init; added to `opened` so the test can close it afterwards.
 */
export async function connectWithApiKey(
  api: ApiKeyEndpoint,
  opened: RawClient[],
): Promise<RawClient> {
  const client = await openClient(api.realtimeUrl, ['graphql-ws', headerProtocol(apiKeyAuth(api))]);
  opened.push(client);
  client.send({ type: 'connection_init' });
  expect(await client.next()).toEqual({
    type: 'connection_ack',
    payload: { connectionTimeoutMs: 300_000 },
  });
  return client;
}
