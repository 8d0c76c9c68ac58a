/**
 * The engine's subscription service, as transports see it: a realtime adapter authenticates a
 * `start`, hands the engine the subscription request and a sink, and gets back either a live
 * subscription or AppSync's errors for the `error` frame. The engine publishes mutation results
 * into sinks and closes them on invalidation; it knows nothing of WebSockets.
 */
import type { Caller, GraphQLRequest } from '../engine';

/** What a subscriber receives for one event: the `data` frame's payload. */
export interface SubscriptionEvent {
  readonly data: unknown;
  readonly errors?: readonly unknown[];
}

/** Where the engine sends a subscription's events. */
export interface SubscriptionSink {
  /** One published event that passed the subscription's filters. */
  deliver(event: SubscriptionEvent): void;
  /** The engine ended the subscription (invalidation): the client gets `complete`. */
  complete(): void;
}

/** An error entry of an `error` frame: AppSync sends errorType when it has one. */
export interface SubscribeError {
  readonly errorType?: string;
  readonly message: string;
  readonly locations?: readonly unknown[];
  readonly path?: readonly (string | number)[] | null;
}

export type SubscribeOutcome =
  | {
      readonly ok: true;
      /** The subscription field, e.g. `onMessageSent`. */
      readonly fieldName: string;
      /** Ends the subscription; no event is delivered after it returns. */
      unsubscribe(): void;
    }
  | { readonly ok: false; readonly errors: readonly SubscribeError[] };

export interface SubscriptionService {
  /**
   * Validates a subscription request for an authenticated caller, authorizes its field, runs its
   * resolver (once, at subscribe time: filters, invalidation filter, refusals) and registers it.
   */
  subscribe(
    request: GraphQLRequest,
    caller: Caller,
    sink: SubscriptionSink,
  ): Promise<SubscribeOutcome>;
}
