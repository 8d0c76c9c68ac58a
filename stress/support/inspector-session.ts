/**
 * A Chrome DevTools Protocol session with a Node process started with `--inspect` and, through
 * the NodeWorker domain, with each of its worker threads: commands to either, and their events.
 */
import WebSocket from 'ws';

const REQUEST_TIMEOUT_MS = 60_000;

export type EventListener = (
  source: string,
  method: string,
  params: Record<string, unknown>,
) => void;

interface Pending {
  resolve(result: Record<string, unknown>): void;
  reject(error: Error): void;
}

/** The `ws://` address an inspector prints on stderr when it starts listening. */
export function inspectorUrl(stderr: string): string | undefined {
  return /Debugger listening on (ws:\/\/127\.0\.0\.1:\d+\/[\w-]+)/.exec(stderr)?.[1];
}

/** A Chrome DevTools Protocol session with the engine and, through it, with its workers. */
export class InspectorSession {
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  /** Inspector session id by worker id, for workers alive now. */
  readonly workers = new Map<string, string>();
  private readonly listeners = new Set<EventListener>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: WebSocket.RawData) => this.receive(String(data)));
    socket.on('close', () => this.failAll(new Error('the inspector connection closed')));
  }

  static async open(url: string): Promise<InspectorSession> {
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const session = new InspectorSession(socket);
    await session.send('NodeWorker.enable', { waitForDebuggerOnStart: false });
    return session;
  }

  /** A command on the main thread, or on the worker whose session id is given. */
  send(
    method: string,
    params: Record<string, unknown> = {},
    workerSession?: string,
  ): Promise<Record<string, unknown>> {
    const id = this.nextId++;
    const key = workerSession === undefined ? `main:${id}` : `${workerSession}:${id}`;
    const message = JSON.stringify({ id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(key);
        reject(new Error(`${method} got no answer within ${REQUEST_TIMEOUT_MS} ms`));
      }, REQUEST_TIMEOUT_MS);
      this.pending.set(key, {
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.socket.send(
        workerSession === undefined
          ? message
          : JSON.stringify({
              id: this.nextId++,
              method: 'NodeWorker.sendMessageToWorker',
              params: { sessionId: workerSession, message },
            }),
      );
    });
  }

  /** Events of the main thread (source "main") and of workers (their session id). */
  listen(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.socket.close();
  }

  private emit(source: string, method: string, params: Record<string, unknown> | undefined): void {
    for (const listener of this.listeners) {
      listener(source, method, params ?? {});
    }
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as {
      id?: number;
      method?: string;
      params?: Record<string, unknown>;
      result?: Record<string, unknown>;
      error?: { message: string };
    };
    if (message.method === 'NodeWorker.attachedToWorker') {
      const params = message.params as { sessionId: string; workerInfo: { workerId: string } };
      this.workers.set(params.workerInfo.workerId, params.sessionId);
    } else if (message.method === 'NodeWorker.detachedFromWorker') {
      const sessionId = String(message.params?.['sessionId']);
      for (const [worker, session] of this.workers) {
        if (session === sessionId) {
          this.workers.delete(worker);
        }
      }
      this.failSession(sessionId);
    } else if (message.method === 'NodeWorker.receivedMessageFromWorker') {
      const params = message.params as { sessionId: string; message: string };
      const inner = JSON.parse(params.message) as typeof message;
      if (inner.id !== undefined) {
        this.settle(`${params.sessionId}:${inner.id}`, inner);
      } else if (inner.method !== undefined) {
        this.emit(params.sessionId, inner.method, inner.params);
      }
    } else if (message.id !== undefined) {
      this.settle(`main:${message.id}`, message);
    } else if (message.method !== undefined) {
      this.emit('main', message.method, message.params);
    }
  }

  private settle(
    key: string,
    message: { result?: Record<string, unknown>; error?: { message: string } },
  ): void {
    const pending = this.pending.get(key);
    this.pending.delete(key);
    if (message.error) {
      pending?.reject(new Error(message.error.message));
    } else {
      pending?.resolve(message.result ?? {});
    }
  }

  private failSession(sessionId: string): void {
    for (const [key, pending] of this.pending) {
      if (key.startsWith(`${sessionId}:`)) {
        this.pending.delete(key);
        pending.reject(new Error('the worker ended'));
      }
    }
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.values()) {
      pending.reject(error);
    }
    this.pending.clear();
  }
}
