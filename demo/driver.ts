/**
 * A driver: hears of new pickups through onMessageSent, then receives one parcel at a time
 * (long polling), delivers it and acknowledges it, until the queue has nothing for them. A driver
 * told to crash drops their connection right after their first pickup and never acknowledges it.
 */
import type { Delivery, Message } from '../generated/graphql';
import { ACKNOWLEDGE_MESSAGE, ON_MESSAGE_SENT, RECEIVE_MESSAGES } from './operations';
import { readPickupRequest, type ActorContext } from './parcels';
import { openRealtime, type Realtime } from './realtime';

/** The first receive after a notification waits this long: long enough to outlast a FIFO group's lock. */
export const LONG_POLL_SECONDS = 5;
/** Later receives wait briefly, so a message that only just became receivable is not missed. */
const DRAIN_POLL_SECONDS = 1;

export interface DriverOptions {
  readonly crashesAfterFirstPickup?: boolean;
}

export class Driver {
  readonly actor: string;
  private realtime: Realtime | undefined;
  private working: Promise<void> | undefined;
  /** A notification came while receiving: look again before going idle. */
  private notifiedAgain = false;
  private crashed = false;
  private heard = 0;
  /** The shift is over: no new receive starts. */
  private ending = false;

  constructor(
    readonly name: string,
    readonly queue: string,
    private readonly context: ActorContext,
    private readonly options: DriverOptions = {},
  ) {
    this.actor = `driver ${name}`;
  }

  async startShift(): Promise<void> {
    const { journal } = this.context;
    this.realtime = await openRealtime(this.context.endpoint, (error) => {
      if (!this.crashed) {
        journal.fail(error);
      }
    });
    await this.realtime.subscribe<{ onMessageSent: Message | null }>(
      ON_MESSAGE_SENT,
      { queue: this.queue },
      () => this.notified(),
    );
  }

  /** onMessageSent notifications received so far. */
  get notifications(): number {
    return this.heard;
  }

  /**
   * Ends the shift once the receive in flight has answered (within its wait time), so no
   * invocation is left for the engine to cut short; the context's signal cuts it short instead.
   */
  async stop(): Promise<void> {
    this.ending = true;
    await this.working;
    await this.realtime?.close();
  }

  private notified(): void {
    this.heard += 1;
    if (this.crashed || this.ending) {
      return;
    }
    if (this.working) {
      this.notifiedAgain = true;
      return;
    }
    this.context.journal.record({
      kind: 'woken',
      actor: this.actor,
      at: this.context.clock(),
      line: `${this.actor} notified of a new pickup on ${this.queue}; receiving (waitTimeSeconds ${LONG_POLL_SECONDS})`,
    });
    this.working = this.work()
      .catch((error: unknown) => {
        if (!this.context.signal.aborted) {
          this.context.journal.fail(error instanceof Error ? error : new Error(String(error)));
        }
      })
      .finally(() => {
        this.working = undefined;
      });
  }

  /** Receives until a receive comes back empty with no notification heard meanwhile. */
  private async work(): Promise<void> {
    for (let wait = LONG_POLL_SECONDS; !this.ending; wait = DRAIN_POLL_SECONDS) {
      this.notifiedAgain = false;
      const delivery = await this.receive(wait);
      if (delivery) {
        await this.handle(delivery);
        if (this.crashed) {
          return;
        }
      } else if (!this.notifiedAgain) {
        return;
      }
    }
  }

  private async receive(waitTimeSeconds: number): Promise<Delivery | undefined> {
    const { receiveMessages } = await this.context.graphql<{ receiveMessages: Delivery[] }>(
      RECEIVE_MESSAGES,
      { queue: this.queue, waitTimeSeconds },
      this.context.signal,
    );
    return receiveMessages[0];
  }

  private async handle(delivery: Delivery): Promise<void> {
    const { journal, clock } = this.context;
    const request = readPickupRequest(delivery.message.body);
    const facts = {
      actor: this.actor,
      parcel: request.parcel,
      messageId: delivery.message.id,
      receiveCount: delivery.receiveCount,
    };
    journal.record({
      kind: 'picked-up',
      ...facts,
      at: clock(),
      line: `${this.actor} picked up ${request.parcel} from ${request.vendor}: message ${delivery.message.id}, receive #${delivery.receiveCount}`,
    });
    if (this.options.crashesAfterFirstPickup) {
      this.crash(request.parcel);
      return;
    }
    journal.record({
      kind: 'delivering',
      ...facts,
      at: clock(),
      line: `${this.actor} delivered ${request.parcel} to ${request.to}; acknowledging`,
    });
    await this.context.graphql(
      ACKNOWLEDGE_MESSAGE,
      { queue: this.queue, receiptHandle: delivery.receiptHandle },
      this.context.signal,
    );
  }

  /** As a crashed app would: the connection drops, the delivery is never acknowledged. */
  private crash(parcel: string): void {
    this.crashed = true;
    this.realtime?.terminate();
    this.context.journal.record({
      kind: 'crashed',
      actor: this.actor,
      parcel,
      at: this.context.clock(),
      line: `${this.actor} crashed before delivering ${parcel}: no acknowledgement`,
    });
  }
}
