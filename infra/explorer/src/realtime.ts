// Subscriptions for the explorer over AppSync's realtime protocol: one WebSocket per subscription
// (an explorer runs one at a time, and closing the socket is the surest cleanup). DOM-free: the
// page supplies the browser's WebSocket (browser-socket.ts), tests supply Node's.
import type { FormattedExecutionResult } from 'graphql';
import type { GraphQLRequest, SubscriptionTransport } from './fetcher';
import {
  clientFrames,
  DEFAULT_CONNECTION_TIMEOUT_MS,
  headerProtocol,
  parseServerFrame,
  realtimeAuthorization,
  REALTIME_PROTOCOL,
  type ClientFrame,
} from './realtime-protocol';

/** AppSync's clients wait this long for connection_ack and for start_ack. */
export const DEFAULT_ACK_TIMEOUT_MS = 15_000;

/** After `stop`, how long to wait for `complete` before closing the socket anyway. */
export const DEFAULT_STOP_GRACE_MS = 1_000;

/** What a socket reports; browsers give no detail on errors (the close that follows does). */
export interface RealtimeSocketHandlers {
  open(): void;
  message(text: string): void;
  close(code: number, reason: string): void;
  error(): void;
}

/** The little of a WebSocket the session uses. */
export interface RealtimeSocket {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

/**
 * Opens a WebSocket offering `protocols`, reporting to `handlers` (never synchronously). The page
 * passes the browser's WebSocket, tests Node's.
 */
export type OpenRealtimeSocket = (
  url: string,
  protocols: readonly string[],
  handlers: RealtimeSocketHandlers,
) => RealtimeSocket;

/** Everything the realtime transport depends on. */
export interface RealtimeTransportOptions {
  /** `ws(s)://…/graphql/realtime`. */
  readonly realtimeUrl: string;
  /** The GraphQL HTTP endpoint: its host goes into the auth object. */
  readonly graphqlUrl: string;
  readonly openSocket: OpenRealtimeSocket;
  readonly now?: () => Date;
  /** Subscription ids; unique per socket is enough. */
  readonly newId?: () => string;
  /** Wait for connection_ack and for start_ack ({@link DEFAULT_ACK_TIMEOUT_MS}). */
  readonly ackTimeoutMs?: number;
  /** Wait for complete after stop ({@link DEFAULT_STOP_GRACE_MS}). */
  readonly stopGraceMs?: number;
}

type Phase = 'connecting' | 'initializing' | 'starting' | 'live' | 'stopping' | 'done';

type Timer = ReturnType<typeof setTimeout>;

const normalClosure = 1000;

function failure(message: string): FormattedExecutionResult {
  return { errors: [{ message }] };
}

function describeClose(code: number, reason: string): string {
  return `code ${code}${reason === '' ? '' : `: ${reason}`}`;
}

/**
 * One subscription over its own socket, as an async iterator GraphiQL consumes: each `data`
 * payload is a result; `error`/`connection_error` frames and lost connections end it with a
 * result that has errors. `return()` (GraphiQL's stop) sends `stop` at once and ends iteration
 * without waiting for the server, so a pending `next()` resolves immediately.
 */
class RealtimeSubscription implements AsyncIterableIterator<FormattedExecutionResult> {
  private phase: Phase = 'connecting';
  private readonly queue: FormattedExecutionResult[] = [];
  private readonly waiters: ((result: IteratorResult<FormattedExecutionResult>) => void)[] = [];
  private socket: RealtimeSocket | undefined;
  private ackTimer: Timer | undefined;
  private watchdog: Timer | undefined;
  private graceTimer: Timer | undefined;
  private connectionTimeoutMs = DEFAULT_CONNECTION_TIMEOUT_MS;
  private readonly id: string;
  private readonly authorization: Record<string, string>;

  constructor(
    private readonly options: Required<Omit<RealtimeTransportOptions, 'newId' | 'now'>>,
    private readonly request: GraphQLRequest,
    headers: Readonly<Record<string, string>>,
    now: Date,
    id: string,
  ) {
    this.id = id;
    let authorization: Record<string, string>;
    try {
      authorization = realtimeAuthorization(options.graphqlUrl, headers, now);
    } catch (error) {
      this.authorization = {};
      this.finish(
        failure(`The GraphQL endpoint ${options.graphqlUrl} is not a URL: ${String(error)}`),
      );
      return;
    }
    this.authorization = authorization;
    try {
      this.socket = options.openSocket(
        options.realtimeUrl,
        [REALTIME_PROTOCOL, headerProtocol(authorization)],
        {
          open: () => this.onOpen(),
          message: (text) => this.onMessage(text),
          close: (code, reason) => this.onClose(code, reason),
          error: () => undefined, // the close event that follows says how it ended
        },
      );
    } catch (error) {
      this.finish(failure(`Could not open ${options.realtimeUrl}: ${String(error)}`));
    }
  }

  [Symbol.asyncIterator](): this {
    return this; // GraphiQL asks again to call return(): it must reach this same iterator
  }

  next(): Promise<IteratorResult<FormattedExecutionResult>> {
    const value = this.queue.shift();
    if (value !== undefined) return Promise.resolve({ value, done: false });
    if (this.phase === 'done' || this.phase === 'stopping') {
      return Promise.resolve({ value: undefined, done: true });
    }
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  return(): Promise<IteratorResult<FormattedExecutionResult>> {
    this.stop();
    return Promise.resolve({ value: undefined, done: true });
  }

  /** GraphiQL stopped the subscription: tell the server, then close once it confirms. */
  private stop(): void {
    this.queue.length = 0;
    if (this.phase === 'starting' || this.phase === 'live') {
      this.send(clientFrames.stop(this.id));
      this.phase = 'stopping';
      this.clearTimers();
      this.graceTimer = setTimeout(() => this.closeSocket(), this.options.stopGraceMs);
    } else if (this.phase !== 'stopping') {
      this.phase = 'done';
      this.clearTimers();
      this.closeSocket();
    }
    this.endWaiters();
  }

  private onOpen(): void {
    if (this.phase !== 'connecting') return;
    this.phase = 'initializing';
    this.send(clientFrames.connectionInit());
    this.armAckTimer('connection_ack');
  }

  private onMessage(text: string): void {
    if (this.phase === 'done') return;
    const frame = parseServerFrame(text);
    this.armWatchdog(); // any frame shows the connection is alive, as ka does
    switch (frame.type) {
      case 'connection_ack':
        if (this.phase !== 'initializing') return;
        this.connectionTimeoutMs = frame.connectionTimeoutMs;
        this.phase = 'starting';
        this.armWatchdog();
        this.send(clientFrames.start(this.id, this.request, this.authorization));
        this.armAckTimer('start_ack');
        return;
      case 'connection_error':
        this.finish({ errors: frame.errors });
        return;
      case 'ka':
      case 'unknown': // a newer server may send more; nothing here depends on it
        return;
      case 'start_ack':
        if (this.phase === 'starting' && this.isOurs(frame.id)) {
          this.phase = 'live';
          this.clearAckTimer();
        }
        return;
      case 'data':
        if ((this.phase === 'live' || this.phase === 'starting') && this.isOurs(frame.id)) {
          this.push(frame.result);
        }
        return;
      case 'error':
        // Without an id it concerns the connection, which carries only this subscription.
        if (this.phase !== 'stopping' && this.isOurs(frame.id))
          this.finish({ errors: frame.errors });
        return;
      case 'complete':
        if (!this.isOurs(frame.id)) return;
        if (this.phase === 'stopping') {
          this.phase = 'done';
          this.clearTimers();
          this.closeSocket();
        } else {
          this.finish(); // the server ended it (e.g. invalidated): the last event stays shown
        }
        return;
      case 'unreadable':
        this.finish(
          failure(`The realtime endpoint sent a frame that is not a JSON message: ${frame.text}`),
        );
        return;
    }
  }

  private onClose(code: number, reason: string): void {
    this.socket = undefined;
    if (this.phase === 'stopping') {
      this.phase = 'done';
      this.clearTimers();
      return;
    }
    if (this.phase === 'done') return;
    const how = describeClose(code, reason);
    this.finish(
      failure(
        this.phase === 'connecting' || this.phase === 'initializing'
          ? `Could not connect to ${this.options.realtimeUrl} (the connection closed, ${how}).`
          : `The realtime connection closed (${how}); the subscription has ended.`,
      ),
    );
  }

  private isOurs(id: string | undefined): boolean {
    return id === undefined || id === this.id;
  }

  private send(frame: ClientFrame): void {
    try {
      this.socket?.send(JSON.stringify(frame));
    } catch {
      // The socket is closing; its close event ends the subscription.
    }
  }

  private push(result: FormattedExecutionResult): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter({ value: result, done: false });
    else this.queue.push(result);
  }

  /** Ends the subscription, after showing `result` if given. */
  private finish(result?: FormattedExecutionResult): void {
    if (this.phase === 'done') return;
    this.phase = 'done';
    if (result !== undefined) this.push(result);
    this.clearTimers();
    this.closeSocket();
    this.endWaiters();
  }

  private endWaiters(): void {
    for (const waiter of this.waiters.splice(0)) waiter({ value: undefined, done: true });
  }

  private closeSocket(): void {
    const socket = this.socket;
    this.socket = undefined;
    try {
      socket?.close(normalClosure);
    } catch {
      // Already closed.
    }
  }

  private armAckTimer(awaited: 'connection_ack' | 'start_ack'): void {
    this.clearAckTimer();
    const ms = this.options.ackTimeoutMs;
    this.ackTimer = setTimeout(
      () => this.finish(failure(`No ${awaited} from ${this.options.realtimeUrl} within ${ms} ms.`)),
      ms,
    );
  }

  private clearAckTimer(): void {
    if (this.ackTimer !== undefined) clearTimeout(this.ackTimer);
    this.ackTimer = undefined;
  }

  /** No frame (`ka` or other) for connectionTimeoutMs: the connection is lost. */
  private armWatchdog(): void {
    if (this.phase === 'connecting' || this.phase === 'initializing') return;
    if (this.watchdog !== undefined) clearTimeout(this.watchdog);
    const ms = this.connectionTimeoutMs;
    this.watchdog = setTimeout(
      () =>
        this.finish(
          failure(
            `No keep-alive from ${this.options.realtimeUrl} for ${ms} ms; the subscription has ended.`,
          ),
        ),
      ms,
    );
  }

  private clearTimers(): void {
    this.clearAckTimer();
    for (const timer of [this.watchdog, this.graceTimer]) {
      if (timer !== undefined) clearTimeout(timer);
    }
    this.watchdog = undefined;
    this.graceTimer = undefined;
  }
}

let sequence = 0;

function defaultId(): string {
  sequence += 1;
  return `explorer-${Date.now().toString(36)}-${sequence}`;
}

/**
 * Runs subscriptions over AppSync's realtime protocol for the fetcher: each call opens a socket
 * with the credentials of that moment and yields the events until GraphiQL stops it.
 */
export function createRealtimeTransport(options: RealtimeTransportOptions): SubscriptionTransport {
  const settings = {
    realtimeUrl: options.realtimeUrl,
    graphqlUrl: options.graphqlUrl,
    openSocket: options.openSocket,
    ackTimeoutMs: options.ackTimeoutMs ?? DEFAULT_ACK_TIMEOUT_MS,
    stopGraceMs: options.stopGraceMs ?? DEFAULT_STOP_GRACE_MS,
  };
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? defaultId;
  return (request, headers) => new RealtimeSubscription(settings, request, headers, now(), newId());
}
