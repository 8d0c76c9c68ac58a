/**
 * One realtime connection: the message loop of AppSync's `graphql-ws` dialect over an accepted
 * WebSocket. Owns the connection's subscriptions (ended when it closes), its timers (init,
 * keep-alive, liveness, lifetime) and its send buffer cap.
 */
import type { WebSocket, RawData } from 'ws';
import type { AuthResult, EngineAuth } from '../engine/execution/auth';
import type { Caller } from '../engine/engine';
import type {
  SubscriptionEvent,
  SubscriptionService,
  SubscriptionSink,
} from '../engine/subscriptions/types';
import { normalizeHeaderObject, type AuthHeaders } from './connect-auth';
import {
  CONNECTION_UNAUTHORIZED,
  frames,
  parseClientMessage,
  parseStartData,
  realtimeErrors,
  type ClientMessage,
  type RealtimeErrorEntry,
  type ServerFrame,
} from './protocol';

/** Close codes the server uses (RFC 6455 §7.4.1). */
export const CLOSE_CODES = {
  /** Lifetime reached. */
  normal: 1000,
  /** The server is stopping. */
  goingAway: 1001,
  /** Refused credentials, or no `connection_init` in time. */
  policy: 1008,
  /** The client reads too slowly: its send buffer passed the cap. */
  tryAgainLater: 1013,
} as const;

/** Limits and timings, all resolved (see RealtimeOptions for meanings). */
export interface ConnectionLimits {
  readonly graphqlPath: string;
  readonly keepAliveMs: number;
  readonly connectionTimeoutMs: number;
  readonly initTimeoutMs: number;
  readonly maxSubscriptions: number;
  readonly maxBufferedBytes: number;
  readonly maxEventBytes: number;
  readonly maxConnectionLifetimeMs: number;
  readonly closeGraceMs: number;
}

export interface ConnectionContext {
  readonly limits: ConnectionLimits;
  readonly auth: Pick<EngineAuth, 'authenticate'>;
  readonly subscriptions: SubscriptionService;
  /** The result of checking the connect-time credentials (done before the upgrade). */
  readonly connectAuth: AuthResult;
  /** The upgrade request's headers as resolvers may see them (no cookie, no credentials). */
  readonly requestHeaders: Readonly<Record<string, string | readonly string[]>>;
  /** Kept for `x-forwarded-for` (sourceIp) and a missing `host`. */
  readonly forwardedFor: string | undefined;
  readonly host: string | undefined;
  readonly sourceIp: string;
  readonly log: (line: string) => void;
  /** Called once, when the socket has closed and everything is released. */
  readonly onClosed: () => void;
}

/** Events the engine delivers while `start_ack` is not yet sent wait here, up to this many. */
const MAX_EVENTS_BEFORE_ACK = 1000;

interface Entry {
  readonly id: string;
  state: 'pending' | 'active' | 'ended';
  /** Events delivered before the `start_ack` went out. */
  readonly early: SubscriptionEvent[];
  /** The engine completed the subscription before it was acknowledged. */
  completedEarly: boolean;
  unsubscribe?: () => void;
}

/** The connection's message loop; created for each accepted socket. */
export class RealtimeConnection {
  private phase: 'awaiting-init' | 'ready' | 'closing' | 'closed' = 'awaiting-init';
  private readonly entries = new Map<string, Entry>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private initTimer: NodeJS.Timeout | undefined;
  private lastHeardAt = Date.now();

  constructor(
    private readonly ws: WebSocket,
    private readonly context: ConnectionContext,
  ) {
    const { limits } = context;
    this.initTimer = this.after(limits.initTimeoutMs, () => {
      this.shutdown(CLOSE_CODES.policy, `No connection_init within ${limits.initTimeoutMs} ms`);
    });
    this.after(limits.maxConnectionLifetimeMs, () => {
      this.shutdown(CLOSE_CODES.normal, 'Connection lifetime reached');
    });
    ws.on('message', (data, isBinary) => this.onMessage(data, isBinary));
    ws.on('pong', () => {
      this.lastHeardAt = Date.now();
    });
    ws.on('close', () => this.release());
    ws.on('error', (error) => {
      context.log(`realtime: socket error: ${error.message}`);
    });
  }

  /** Subscriptions registered or being registered on this connection. */
  get subscriptionCount(): number {
    return this.entries.size;
  }

  /** Ends every subscription and closes the socket (terminated if the close stalls). */
  shutdown(code: number, reason: string): void {
    if (this.phase === 'closing' || this.phase === 'closed') {
      return;
    }
    this.phase = 'closing';
    this.endSubscriptions();
    this.clearTimers();
    this.ws.close(code, reason);
    // A client that stopped reading never answers the close frame.
    this.after(this.context.limits.closeGraceMs, () => this.ws.terminate());
  }

  private onMessage(data: RawData, isBinary: boolean): void {
    if (this.phase === 'closing' || this.phase === 'closed') {
      return;
    }
    this.lastHeardAt = Date.now();
    if (!this.context.connectAuth.ok) {
      // Credentials were refused at the upgrade; the first message gets the answer real clients
      // wait for after connection_init (aws-amplify/amplify-js#6938).
      this.context.log(`realtime: connection refused (${this.context.connectAuth.reason})`);
      this.send(frames.connectionError([CONNECTION_UNAUTHORIZED]));
      this.shutdown(CLOSE_CODES.policy, 'Unauthorized');
      return;
    }
    const message: ClientMessage = isBinary
      ? { kind: 'unsupported', type: 'unknown' }
      : parseClientMessage(rawText(data));
    switch (message.kind) {
      case 'connection_init':
        this.markReady();
        this.send(frames.connectionAck(this.context.limits.connectionTimeoutMs));
        return;
      case 'start':
        // connection_init is optional (AWS guide): a start opens the connection as well.
        this.markReady();
        this.start(message);
        return;
      case 'stop':
        this.stop(message.id);
        return;
      case 'malformed':
        this.send(frames.error(undefined, [realtimeErrors.badRequest(message.message)]));
        return;
      case 'unsupported':
        this.send(frames.error(undefined, [realtimeErrors.unsupported(message.type)]));
        return;
    }
  }

  private markReady(): void {
    if (this.phase !== 'awaiting-init') {
      return;
    }
    this.phase = 'ready';
    this.clearTimer(this.initTimer);
    this.initTimer = undefined;
    this.timers.add(setInterval(() => this.tick(), this.context.limits.keepAliveMs));
  }

  /** `ka` for the client; a ping, and closing a peer that has not answered for the timeout. */
  private tick(): void {
    if (Date.now() - this.lastHeardAt > this.context.limits.connectionTimeoutMs) {
      // No message and no pong: the peer is gone, and a close frame would not reach it.
      this.context.log(
        `realtime: dropping a connection silent for more than ${this.context.limits.connectionTimeoutMs} ms`,
      );
      this.phase = 'closing';
      this.endSubscriptions();
      this.clearTimers();
      this.ws.terminate();
      return;
    }
    if (this.send(frames.keepAlive())) {
      this.ws.ping();
    }
  }

  private start(message: Extract<ClientMessage, { kind: 'start' }>): void {
    const { id } = message;
    if (this.entries.has(id)) {
      this.send(frames.error(id, [realtimeErrors.duplicated(id)]));
      return;
    }
    const { limits } = this.context;
    if (this.entries.size >= limits.maxSubscriptions) {
      this.send(frames.error(id, [realtimeErrors.maxSubscriptions(limits.maxSubscriptions)]));
      return;
    }
    const entry: Entry = { id, state: 'pending', early: [], completedEarly: false };
    this.entries.set(id, entry);
    this.register(entry, message).catch((error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      this.context.log(`realtime: start ${id} failed: ${detail}`);
      this.fail(entry, [realtimeErrors.internal(detail)]);
    });
  }

  /** Authenticates a start, asks the engine for the subscription and acknowledges it. */
  private async register(
    entry: Entry,
    message: Extract<ClientMessage, { kind: 'start' }>,
  ): Promise<void> {
    const { context } = this;
    const headers = this.withConnectionHeaders(normalizeHeaderObject(message.authorization) ?? {});
    const authentication = await context.auth.authenticate(headers, context.sourceIp, {
      method: 'POST',
      url: context.limits.graphqlPath,
      body: typeof message.data === 'string' ? message.data : '',
    });
    if (entry.state !== 'pending') {
      return;
    }
    if (!authentication.ok) {
      context.log(`realtime: start ${entry.id} refused (${authentication.reason})`);
      this.fail(entry, authentication.body.errors);
      return;
    }
    const request = parseStartData(message.data);
    if (typeof request === 'string') {
      this.fail(entry, [realtimeErrors.badRequest(request)]);
      return;
    }
    const caller: Caller = {
      principal: authentication.principal,
      identity: authentication.identity,
      authType: authentication.authType,
      headers: { ...context.requestHeaders, ...headers },
    };
    const outcome = await context.subscriptions.subscribe(request, caller, this.sinkFor(entry));
    if (!outcome.ok) {
      this.fail(entry, outcome.errors);
      return;
    }
    if (entry.state !== 'pending') {
      // Stopped, or the connection closed, while the engine was registering it.
      outcome.unsubscribe();
      return;
    }
    entry.state = 'active';
    entry.unsubscribe = outcome.unsubscribe;
    this.send(frames.startAck(entry.id));
    for (const event of entry.early.splice(0)) {
      this.sendData(entry, event);
    }
    if (entry.completedEarly) {
      this.completeFromEngine(entry);
    }
  }

  private sinkFor(entry: Entry): SubscriptionSink {
    return {
      deliver: (event) => {
        if (entry.state === 'active') {
          this.sendData(entry, event);
        } else if (entry.state === 'pending') {
          if (entry.early.length < MAX_EVENTS_BEFORE_ACK) {
            entry.early.push(event);
          } else {
            this.context.log(`realtime: dropped an event for ${entry.id} before its start_ack`);
          }
        }
      },
      complete: () => {
        if (entry.state === 'active') {
          this.completeFromEngine(entry);
        } else if (entry.state === 'pending') {
          entry.completedEarly = true;
        }
      },
    };
  }

  private completeFromEngine(entry: Entry): void {
    entry.state = 'ended';
    this.forget(entry);
    this.send(frames.complete(entry.id));
  }

  private sendData(entry: Entry, event: SubscriptionEvent): void {
    const text = JSON.stringify(frames.data(entry.id, event));
    const size = Buffer.byteLength(text);
    if (size > this.context.limits.maxEventBytes) {
      // AppSync drops a message over its payload limit without telling the subscriber.
      this.context.log(
        `realtime: dropped an event of ${size} bytes for ${entry.id}; the limit is ${this.context.limits.maxEventBytes} bytes`,
      );
      return;
    }
    this.sendText(text);
  }

  private stop(id: string): void {
    const entry = this.entries.get(id);
    if (entry) {
      // A pending one is unsubscribed by register() once the engine answers.
      entry.state = 'ended';
      this.forget(entry);
      entry.unsubscribe?.();
    }
    this.send(frames.complete(id));
  }

  private fail(entry: Entry, errors: readonly RealtimeErrorEntry[]): void {
    if (entry.state !== 'pending') {
      return;
    }
    entry.state = 'ended';
    this.forget(entry);
    this.send(frames.error(entry.id, errors));
  }

  private forget(entry: Entry): void {
    if (this.entries.get(entry.id) === entry) {
      this.entries.delete(entry.id);
    }
  }

  /** A start's header object, completed from the connection for what it lacks. */
  private withConnectionHeaders(headers: AuthHeaders): Record<string, string> {
    const { forwardedFor, host } = this.context;
    return {
      ...(host !== undefined ? { host } : {}),
      ...headers,
      ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
    };
  }

  private send(frame: ServerFrame): boolean {
    return this.sendText(JSON.stringify(frame));
  }

  private sendText(text: string): boolean {
    if (
      this.phase === 'closing' ||
      this.phase === 'closed' ||
      this.ws.readyState !== this.ws.OPEN
    ) {
      return false;
    }
    this.ws.send(text);
    if (this.ws.bufferedAmount > this.context.limits.maxBufferedBytes) {
      this.context.log(
        `realtime: closing a connection with ${this.ws.bufferedAmount} bytes unsent; the limit is ${this.context.limits.maxBufferedBytes} bytes`,
      );
      this.shutdown(CLOSE_CODES.tryAgainLater, 'Send buffer full: the client reads too slowly');
      return false;
    }
    return true;
  }

  private endSubscriptions(): void {
    const entries = [...this.entries.values()];
    this.entries.clear();
    for (const entry of entries) {
      entry.state = 'ended';
      try {
        entry.unsubscribe?.();
      } catch (error) {
        this.context.log(
          `realtime: unsubscribing ${entry.id} failed: ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
  }

  private release(): void {
    if (this.phase === 'closed') {
      return;
    }
    this.phase = 'closed';
    this.endSubscriptions();
    this.clearTimers();
    this.context.onClosed();
  }

  private after(ms: number, action: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      action();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private clearTimer(timer: NodeJS.Timeout | undefined): void {
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(timer);
    }
  }

  private clearTimers(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) {
    return Buffer.concat(data).toString('utf8');
  }
  return Buffer.from(data instanceof ArrayBuffer ? new Uint8Array(data) : data).toString('utf8');
}
