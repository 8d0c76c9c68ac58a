/**
 * Reading what a client process reported about its sockets (see global-websocket.ts): the frames
 * of one test, the auth header a client put in its subprotocol, and waiting for sockets to close.
 */
import type { ClientEvent, ClientProcess } from './client-process';

/** One socket as a test sees it: what was offered, sent and received, and how it closed. */
export interface SocketView {
  readonly url: string;
  readonly offered: readonly string[];
  readonly sent: readonly Record<string, unknown>[];
  readonly received: readonly Record<string, unknown>[];
  /** Undefined while open. */
  readonly closeCode: number | undefined;
}

/** The sockets opened from event index `from` on, with their frames (`ka` frames left out). */
export function socketsSince(client: ClientProcess, from: number): SocketView[] {
  interface Building {
    url: string;
    offered: readonly string[];
    sent: Record<string, unknown>[];
    received: Record<string, unknown>[];
    closeCode: number | undefined;
  }
  const sockets = new Map<number, Building>();
  for (const event of client.events.slice(from)) {
    const index = Number(event['socket']);
    if (event['event'] === 'socket-open') {
      sockets.set(index, {
        url: String(event['url']),
        offered: event['offered'] as string[],
        sent: [],
        received: [],
        closeCode: undefined,
      });
    }
    const socket = sockets.get(index);
    if (!socket) {
      continue;
    }
    if (event['event'] === 'frame') {
      const frame = event['frame'] as Record<string, unknown>;
      if (frame['type'] !== 'ka') {
        (event['direction'] === 'sent' ? socket.sent : socket.received).push(frame);
      }
    } else if (event['event'] === 'socket-close') {
      socket.closeCode = Number(event['code']);
    }
  }
  return [...sockets.values()];
}

/** Frame types, for a compact picture of a conversation. */
export function types(frames: readonly Record<string, unknown>[]): unknown[] {
  return frames.map((frame) => frame['type']);
}

/** The auth header object inside the `header-<base64url>` subprotocol a client offered. */
export function headerFromProtocols(offered: readonly string[]): unknown {
  const protocol = offered.find((value) => value.startsWith('header-'));
  if (protocol === undefined) {
    throw new Error(`No header- subprotocol among ${JSON.stringify(offered)}`);
  }
  return JSON.parse(Buffer.from(protocol.slice('header-'.length), 'base64url').toString('utf8'));
}

/** Waits until every socket opened from event index `from` on has closed. */
export async function socketsClosed(
  client: ClientProcess,
  from: number,
  timeoutMs = 5000,
): Promise<void> {
  const opened = client.events
    .slice(from)
    .filter((event) => event['event'] === 'socket-open')
    .map((event) => event['socket']);
  for (const socket of opened) {
    await client.waitFor(
      (event: ClientEvent) => event['event'] === 'socket-close' && event['socket'] === socket,
      { from, timeoutMs },
    );
  }
}

/** The first frame a client received from index `from` on that has this `type`. */
export function receivedFrame(
  client: ClientProcess,
  type: string,
  from: number,
  timeoutMs?: number,
): Promise<ClientEvent> {
  return client.waitFor(
    (event) =>
      event['event'] === 'frame' &&
      event['direction'] === 'received' &&
      (event['frame'] as Record<string, unknown>)['type'] === type,
    { from, ...(timeoutMs === undefined ? {} : { timeoutMs }) },
  );
}
