/**
 * A SubscriptionService for the realtime tests, before (and besides) the engine's: records what
 * it is asked, registers sinks, and lets a test publish, complete and hold registrations.
 */
import type { Caller, GraphQLRequest } from '../../engine/engine';
import type {
  SubscribeOutcome,
  SubscriptionEvent,
  SubscriptionService,
  SubscriptionSink,
} from '../../engine/subscriptions/types';

interface Registered {
  readonly fieldName: string;
  readonly sink: SubscriptionSink;
  readonly request: GraphQLRequest;
  readonly caller: Caller;
}

/**
 * Query conventions: a field named `onRefused` is refused with a validation error, `onThrows`
 * makes subscribe throw, `onEager` delivers an event inside subscribe (before the ack).
 */
export class FakeSubscriptions implements SubscriptionService {
  readonly calls: { request: GraphQLRequest; caller: Caller }[] = [];
  readonly active = new Map<number, Registered>();
  unsubscribed = 0;
  private sequence = 0;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  /** Holds every subscribe until release() is called. */
  hold(): void {
    this.gate = new Promise((resolve) => {
      this.openGate = resolve;
    });
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  async subscribe(
    request: GraphQLRequest,
    caller: Caller,
    sink: SubscriptionSink,
  ): Promise<SubscribeOutcome> {
    this.calls.push({ request, caller });
    if (this.gate) {
      await this.gate;
    }
    const fieldName = /\{\s*(\w+)/.exec(request.query)?.[1] ?? 'unknown';
    if (fieldName === 'onThrows') {
      throw new Error('the fake service failed');
    }
    if (fieldName === 'onRefused') {
      return {
        ok: false,
        errors: [
          {
            message:
              "Validation error of type FieldUndefined: Field 'onRefused' in type 'Subscription' is undefined @ 'onRefused'",
          },
        ],
      };
    }
    this.sequence += 1;
    const key = this.sequence;
    this.active.set(key, { fieldName, sink, request, caller });
    if (fieldName === 'onEager') {
      sink.deliver({ data: { onEager: { early: true } } });
    }
    return {
      ok: true,
      fieldName,
      unsubscribe: () => {
        if (this.active.delete(key)) {
          this.unsubscribed += 1;
        }
      },
    };
  }

  /** Delivers `event` to every subscription of `fieldName`; returns how many got it. */
  publish(fieldName: string, event: SubscriptionEvent): number {
    let count = 0;
    for (const registered of [...this.active.values()]) {
      if (registered.fieldName === fieldName) {
        registered.sink.deliver(event);
        count += 1;
      }
    }
    return count;
  }

  /** Ends every subscription of `fieldName` from the engine's side. */
  complete(fieldName: string): void {
    for (const [key, registered] of [...this.active.entries()]) {
      if (registered.fieldName === fieldName) {
        this.active.delete(key);
        registered.sink.complete();
      }
    }
  }
}
