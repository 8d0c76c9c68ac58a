/**
 * What the actors report, for the narrator. Actors work concurrently (a vendor's delivery
 * notification and the driver's next pickup race by milliseconds), so they record events here and
 * the story tells them in its own order: the output is the same on every run, and an event that
 * never comes fails the story instead of going unnoticed.
 */

export type StoryEventKind =
  'sent' | 'duplicate' | 'woken' | 'picked-up' | 'delivering' | 'crashed' | 'notified';

export interface StoryEvent {
  readonly kind: StoryEventKind;
  /** `driver ana`, `vendor bakery`. */
  readonly actor: string;
  readonly parcel?: string;
  readonly messageId?: string;
  readonly receiveCount?: number;
  /** Milliseconds since the story began. */
  readonly at: number;
  /** What the actor says about it. */
  readonly line: string;
}

export type EventPattern = Partial<Omit<StoryEvent, 'at' | 'line'>>;

/** How long the story waits for any one event before calling the run a failure. */
const STEP_TIMEOUT_MS = 10_000;

interface Waiter {
  readonly pattern: EventPattern;
  readonly resolve: (event: StoryEvent) => void;
  readonly reject: (error: Error) => void;
}

function matches(event: StoryEvent, pattern: EventPattern): boolean {
  return Object.entries(pattern).every(
    ([key, value]) => event[key as keyof EventPattern] === value,
  );
}

function describe(pattern: EventPattern): string {
  return JSON.stringify(pattern);
}

export class Journal {
  private readonly events: StoryEvent[] = [];
  private readonly told = new Set<StoryEvent>();
  private readonly waiters = new Set<Waiter>();
  private failure: Error | undefined;

  /** Every event so far, in the order recorded. */
  get all(): readonly StoryEvent[] {
    return this.events;
  }

  record(event: StoryEvent): void {
    this.events.push(event);
    for (const waiter of this.waiters) {
      if (!this.told.has(event) && matches(event, waiter.pattern)) {
        this.told.add(event);
        this.waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  }

  /** An actor failed: the story cannot go on, so every wait (now or later) rejects with `error`. */
  fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiters) {
      waiter.reject(error);
    }
    this.waiters.clear();
  }

  /**
   * The first event matching `pattern` not yet handed out, recorded already or still to come.
   * Rejects after STEP_TIMEOUT_MS, on `signal`, or when an actor failed.
   */
  next(pattern: EventPattern, signal: AbortSignal): Promise<StoryEvent> {
    if (this.failure) {
      return Promise.reject(this.failure);
    }
    const found = this.events.find((event) => !this.told.has(event) && matches(event, pattern));
    if (found) {
      this.told.add(found);
      return Promise.resolve(found);
    }
    return new Promise<StoryEvent>((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
      };
      const waiter: Waiter = {
        pattern,
        resolve: (event) => {
          settle();
          resolve(event);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      const onAbort = (): void => waiter.reject(signal.reason as Error);
      const timer = setTimeout(
        () =>
          waiter.reject(
            new Error(`The story waited ${STEP_TIMEOUT_MS} ms for ${describe(pattern)} in vain`),
          ),
        STEP_TIMEOUT_MS,
      );
      if (signal.aborted) {
        onAbort();
        return;
      }
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(waiter);
    });
  }
}
