/**
 * A `globalThis.WebSocket` for client libraries under Node 20, which has none: the `ws` client
 * (what a Node app installs), reporting every socket the library opens and every frame it sends
 * and receives, so tests can see the wire. The library is not modified: it calls
 * `new WebSocket(url, protocols)` as it would in a browser. TLS trust comes from Node's defaults
 * (NODE_EXTRA_CA_CERTS), as for any app.
 */
import WebSocket from 'ws';

/** What happens on a client's sockets, in order. `socket` numbers sockets from 0. */
export type SocketEvent =
  | {
      readonly event: 'socket-open';
      readonly socket: number;
      readonly url: string;
      readonly offered: readonly string[];
    }
  | {
      readonly event: 'frame';
      readonly socket: number;
      readonly direction: 'sent' | 'received';
      readonly frame: unknown;
    }
  | { readonly event: 'socket-close'; readonly socket: number; readonly code: number };

/** Installs the reporting WebSocket as the global one (in a client process, once). */
export function installGlobalWebSocket(report: (event: SocketEvent) => void): void {
  let count = 0;

  class ReportingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols ?? []);
      const socket = count;
      count += 1;
      const offered = typeof protocols === 'string' ? [protocols] : [...(protocols ?? [])];
      report({ event: 'socket-open', socket, url: String(address), offered });
      const send = this.send.bind(this) as (...args: unknown[]) => void;
      this.send = ((data: unknown, ...rest: unknown[]) => {
        report({ event: 'frame', socket, direction: 'sent', frame: parseFrame(data) });
        send(data, ...rest);
      }) as WebSocket['send'];
      this.on('message', (data, isBinary) => {
        if (!isBinary) {
          report({ event: 'frame', socket, direction: 'received', frame: parseFrame(data) });
        }
      });
      this.on('close', (code) => report({ event: 'socket-close', socket, code }));
    }
  }

  Object.defineProperty(globalThis, 'WebSocket', {
    value: ReportingWebSocket,
    writable: true,
    configurable: true,
  });
}

function parseFrame(data: unknown): unknown {
  const text =
    typeof data === 'string'
      ? data
      : Buffer.isBuffer(data)
        ? data.toString('utf8')
        : Buffer.from(data as ArrayBuffer).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { notJson: text };
  }
}
