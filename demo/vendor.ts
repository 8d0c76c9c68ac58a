/**
 * A vendor: requests pickups on its store's FIFO queue (group = the vendor, so its parcels go out
 * in order; deduplicationId = the parcel id, so a retried request creates nothing) and hears of
 * deliveries through onQueueEvent(kind: MESSAGE_ACKNOWLEDGED).
 */
import type { Message, QueueEvent, SendMessageBatchResult } from '../generated/graphql';
import { ON_MESSAGE_ACKNOWLEDGED, SEND_MESSAGE, SEND_MESSAGE_BATCH } from './operations';
import { pickupRequest, type ActorContext, type Parcel } from './parcels';
import { openRealtime, type Realtime } from './realtime';

export class Vendor {
  readonly actor: string;
  /** Parcel ids by message id: queue events name messages only. */
  private readonly parcels = new Map<string, string>();
  /** Acknowledgements heard before the send that created the message had answered. */
  private readonly early = new Set<string>();
  private realtime: Realtime | undefined;

  constructor(
    readonly name: string,
    readonly queue: string,
    private readonly context: ActorContext,
  ) {
    this.actor = `vendor ${name}`;
  }

  async watchDeliveries(): Promise<void> {
    const { journal } = this.context;
    this.realtime = await openRealtime(this.context.endpoint, (error) => journal.fail(error));
    await this.realtime.subscribe<{ onQueueEvent: QueueEvent | null }>(
      ON_MESSAGE_ACKNOWLEDGED,
      { queue: this.queue },
      ({ onQueueEvent }) => {
        if (onQueueEvent?.messageId) {
          this.acknowledged(onQueueEvent.messageId);
        }
      },
    );
  }

  /** One pickup request; a repeated one comes back as the original with duplicate: true. */
  async requestPickup(parcel: Parcel): Promise<Message> {
    const at = this.context.clock();
    const { sendMessage } = await this.context.graphql<{ sendMessage: Message }>(
      SEND_MESSAGE,
      { input: { queue: this.queue, ...this.entry(parcel) } },
      this.context.signal,
    );
    this.recordSent(sendMessage, at);
    return sendMessage;
  }

  /** Several pickup requests in one sendMessageBatch call. */
  async requestPickups(parcels: readonly Parcel[]): Promise<Message[]> {
    const at = this.context.clock();
    const { sendMessageBatch } = await this.context.graphql<{
      sendMessageBatch: SendMessageBatchResult;
    }>(
      SEND_MESSAGE_BATCH,
      {
        input: {
          queue: this.queue,
          entries: parcels.map((parcel) => ({ id: parcel.id, ...this.entry(parcel) })),
        },
      },
      this.context.signal,
    );
    const [failed] = sendMessageBatch.failed;
    if (failed) {
      throw new Error(`${this.actor}: batch entry ${failed.id} failed: ${failed.message}`);
    }
    const messages = sendMessageBatch.successful.map((entry) => entry.message);
    for (const message of messages) {
      this.recordSent(message, at);
    }
    return messages;
  }

  async stop(): Promise<void> {
    await this.realtime?.close();
  }

  /** A send's fields apart from the queue, which a batch names once. */
  private entry(parcel: Parcel) {
    return {
      body: pickupRequest(this.name, parcel),
      groupId: this.name,
      deduplicationId: parcel.id,
    };
  }

  private recordSent(message: Message, at: number): void {
    const parcel = message.deduplicationId ?? '?';
    if (message.duplicate) {
      this.context.journal.record({
        kind: 'duplicate',
        actor: this.actor,
        parcel,
        messageId: message.id,
        at,
        line: `${this.actor} re-sends ${parcel}: duplicate: true, message ${message.id}`,
      });
      return;
    }
    this.parcels.set(message.id, parcel);
    this.context.journal.record({
      kind: 'sent',
      actor: this.actor,
      parcel,
      messageId: message.id,
      at,
      line: `${this.actor} requests pickup of ${parcel} (group ${this.name}): message ${message.id}`,
    });
    if (this.early.delete(message.id)) {
      this.acknowledged(message.id);
    }
  }

  private acknowledged(messageId: string): void {
    const parcel = this.parcels.get(messageId);
    if (parcel === undefined) {
      this.early.add(messageId);
      return;
    }
    this.context.journal.record({
      kind: 'notified',
      actor: this.actor,
      parcel,
      messageId,
      at: this.context.clock(),
      line: `${this.actor} notified: parcel ${parcel} delivered`,
    });
  }
}
