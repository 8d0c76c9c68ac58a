/**
 * The client's record of one kill point: what was asked, what was answered, what was delivered,
 * before the kill and after the restart. Only answered successes count as the server's promises;
 * a request in flight at the kill is "unconfirmed" and may or may not have taken effect.
 */

/** Before the kill (the engine that died) or after the restart (the one that drains). */
export type Phase = 'before' | 'after';

/** How a request ended: an answered success, an answered error, or no answer at all. */
export type RequestEnd = 'answered' | 'error' | 'no-answer';

export interface DeliverySeen {
  readonly messageId: string;
  readonly queue: string;
  readonly receiptHandle: string;
  readonly receiveCount: number;
  readonly visibleUntilMs: number;
  /** When the server claimed it: visibleUntil minus the visibility timeout asked for. */
  readonly claimedAtMs: number;
  readonly groupId: string | null;
  readonly sequenceNumber: string | null;
  readonly phase: Phase;
  /** Order in which the ledger saw it (a per-ledger counter). */
  readonly seen: number;
}

export interface AckAttempt {
  readonly receiptHandle: string;
  readonly phase: Phase;
  /** `stale`: answered StaleReceiptHandle (the delivery had timed out and was taken again). */
  end: RequestEnd | 'stale' | 'pending';
}

export interface MessageEntry {
  readonly body: string;
  readonly queue: string;
  readonly fifo: boolean;
  send: RequestEnd | 'pending';
  /** Epoch ms when the send ended (answered or failed). */
  sendEndedAtMs: number | undefined;
  id: string | undefined;
  readonly deliveries: DeliverySeen[];
  readonly acks: AckAttempt[];
}

/** A delivery whose body this round never sent: left over from, or resurrected from, earlier. */
export interface StrayDelivery {
  readonly body: string;
  readonly delivery: DeliverySeen;
}

export class CrashLedger {
  readonly entries = new Map<string, MessageEntry>();
  readonly strays: StrayDelivery[] = [];
  phase: Phase = 'before';
  /** Epoch ms of the kill (the first process killed). */
  killAtMs: number | undefined;
  /** Epoch ms when the restarted engine was ready. */
  restartedAtMs: number | undefined;
  private counter = 0;

  sendStarted(queue: string, body: string, fifo: boolean): void {
    this.entries.set(body, {
      body,
      queue,
      fifo,
      send: 'pending',
      sendEndedAtMs: undefined,
      id: undefined,
      deliveries: [],
      acks: [],
    });
  }

  sendEnded(body: string, end: RequestEnd, id?: string, atMs: number = Date.now()): void {
    const entry = this.entries.get(body);
    if (entry !== undefined) {
      entry.send = end;
      entry.sendEndedAtMs = atMs;
      entry.id = id ?? entry.id;
    }
  }

  delivered(
    queue: string,
    delivery: {
      readonly receiptHandle: string;
      readonly receiveCount: number;
      readonly visibleUntil: string;
      readonly message: {
        id: string;
        body: string;
        groupId: string | null;
        sequenceNumber: string | null;
      };
    },
    visibilitySeconds: number,
  ): void {
    const visibleUntilMs = Date.parse(delivery.visibleUntil);
    const seen: DeliverySeen = {
      messageId: delivery.message.id,
      queue,
      receiptHandle: delivery.receiptHandle,
      receiveCount: delivery.receiveCount,
      visibleUntilMs,
      claimedAtMs: visibleUntilMs - visibilitySeconds * 1000,
      groupId: delivery.message.groupId,
      sequenceNumber: delivery.message.sequenceNumber,
      phase: this.phase,
      seen: this.counter++,
    };
    const entry = this.entries.get(delivery.message.body);
    if (entry === undefined) {
      this.strays.push({ body: delivery.message.body, delivery: seen });
      return;
    }
    entry.id ??= seen.messageId;
    entry.deliveries.push(seen);
  }

  /** Records an acknowledgement about to be sent; set `end` on the result when it ends. */
  ackStarted(body: string, receiptHandle: string): AckAttempt {
    const attempt: AckAttempt = { receiptHandle, phase: this.phase, end: 'pending' };
    this.entries.get(body)?.acks.push(attempt);
    return attempt;
  }

  /** Requests that never ended count as unanswered. */
  settlePending(): void {
    for (const entry of this.entries.values()) {
      if (entry.send === 'pending') {
        entry.send = 'no-answer';
      }
      for (const ack of entry.acks) {
        if (ack.end === 'pending') {
          ack.end = 'no-answer';
        }
      }
    }
  }
}
