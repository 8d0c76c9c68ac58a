/**
 * Bookkeeping for a fan-out benchmark: which event each subscriber received and when. Every
 * subscriber must receive every event once; what is missing when the run ends is lost.
 */

/** Where one phase's samples go (warm-up events have none). */
export interface PhaseSamples {
  /** Send-to-arrival time of each data frame, milliseconds. */
  readonly latencies: number[];
  /** Send-to-last-arrival time of each event (when every subscriber had it), milliseconds. */
  readonly allDelivered: number[];
  /** Data frames received for this phase's events. */
  frames: number;
  /** performance.now() of the last arrival. */
  lastArrival: number;
}

interface EventRecord {
  readonly sentAt: number;
  readonly seen: Uint8Array;
  received: number;
  readonly samples: PhaseSamples | null;
  done?: () => void;
}

/** Creates an empty PhaseSamples. */
export function phaseSamples(): PhaseSamples {
  return { latencies: [], allDelivered: [], frames: 0, lastArrival: 0 };
}

/** Events sent to `subscribers` subscribers, and what arrived of them. */
export class FanoutLedger {
  private readonly events = new Map<number, EventRecord>();
  /** Frames for an event already received by that subscriber, or for no event sent. */
  duplicates = 0;
  unknown = 0;

  constructor(readonly subscribers: number) {}

  /** Event `n` was sent at `sentAt` (performance.now()). */
  sent(n: number, sentAt: number, samples: PhaseSamples | null): void {
    this.events.set(n, {
      sentAt,
      seen: new Uint8Array(this.subscribers),
      received: 0,
      samples,
    });
  }

  /** A data frame for event `n` reached `subscriber` at `at`. */
  arrive(subscriber: number, n: number, at: number): void {
    const event = this.events.get(n);
    if (!event || subscriber < 0 || subscriber >= this.subscribers) {
      this.unknown += 1;
      return;
    }
    if (event.seen[subscriber] === 1) {
      this.duplicates += 1;
      return;
    }
    event.seen[subscriber] = 1;
    event.received += 1;
    const { samples } = event;
    if (samples) {
      samples.latencies.push(at - event.sentAt);
      samples.frames += 1;
      samples.lastArrival = Math.max(samples.lastArrival, at);
    }
    if (event.received === this.subscribers) {
      samples?.allDelivered.push(at - event.sentAt);
      event.done?.();
    }
  }

  /** Resolves true once every subscriber has event `n`, false after `timeoutMs`. */
  delivered(n: number, timeoutMs: number): Promise<boolean> {
    const event = this.events.get(n);
    if (!event) {
      return Promise.resolve(false);
    }
    if (event.received === this.subscribers) {
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      event.done = () => {
        clearTimeout(timer);
        resolve(true);
      };
    });
  }

  /** Resolves once every event sent so far has reached everyone, or after `timeoutMs`. */
  async settled(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const [n, event] of this.events) {
      if (event.received < this.subscribers) {
        await this.delivered(n, Math.max(0, deadline - Date.now()));
      }
    }
  }

  /** (event, subscriber) pairs that never arrived. */
  lost(): number {
    let missing = 0;
    for (const event of this.events.values()) {
      missing += this.subscribers - event.received;
    }
    return missing;
  }

  /** Events sent. */
  get size(): number {
    return this.events.size;
  }
}
