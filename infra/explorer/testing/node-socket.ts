// Node's WebSocket (the `ws` package) behind the realtime client's socket interface, so the
// client's tests run in Node against a real realtime server.
import WebSocket from 'ws';
import type { OpenRealtimeSocket } from '../src/realtime';

/** A socket opener that also lists what it opened, for the tests to inspect and clean up. */
export interface NodeSocketOpener {
  readonly open: OpenRealtimeSocket;
  /** Every socket opened, with the subprotocols it offered. */
  readonly sockets: readonly { readonly ws: WebSocket; readonly protocols: readonly string[] }[];
  /** Terminates every socket still open. */
  terminateAll(): void;
}

/** Opens `ws` sockets; text frames only, as the browser adapter. */
export function nodeSocketOpener(): NodeSocketOpener {
  const sockets: { ws: WebSocket; protocols: readonly string[] }[] = [];
  return {
    sockets,
    open(url, protocols, handlers) {
      const ws = new WebSocket(url, [...protocols]);
      sockets.push({ ws, protocols });
      ws.on('open', () => handlers.open());
      ws.on('message', (data, isBinary) => {
        if (!isBinary)
          handlers.message(Buffer.isBuffer(data) ? data.toString('utf8') : String(data));
      });
      ws.on('close', (code, reason) => handlers.close(code, reason.toString('utf8')));
      ws.on('error', () => handlers.error());
      return {
        send: (text) => ws.send(text),
        close: (code, reason) => ws.close(code, reason),
      };
    },
    terminateAll() {
      for (const { ws } of sockets) ws.terminate();
    },
  };
}
