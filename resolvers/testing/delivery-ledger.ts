/**
 * What a concurrency test saw: every send, every delivery and every acknowledgement attempt, with
 * the server's timestamps, and the checks of the queue's guarantees over that record. Each check
 * returns violations as readable lines (with the message's delivery timeline), empty when it holds.
 */
import type { ReceivedDelivery, SentMessage } from './queue-client';

export interface SendRecord {
  readonly id: string;
  readonly body: string;
  readonly groupId: string | null;
  readonly sequenceNumber: string | null;
  /** The message's place in its group's (or producer's) send order. */
  readonly order: number;
}

export interface DeliveryRecord {
  readonly consumer: number;
  /** Which receive answered it (global count) and where in that answer. */
  readonly batch: number;
  readonly position: number;
  readonly messageId: string;
  readonly body: string;
  readonly groupId: string | null;
  readonly sequenceNumber: string | null;
  readonly receiptHandle: string;
  readonly receiveCount: number;
  readonly firstReceivedAt: number;
  readonly visibleUntil: number;
  /** visibleUntil minus the visibility timeout asked for: when the server claimed the message. */
  readonly claimedAt: number;
}

export type AckOutcome = { readonly acknowledgedAt: number } | { readonly errorType: string };

export interface AckAttempt {
  readonly consumer: number;
  /** Client clock when the request left: the server cannot have deleted anything before it. */
  readonly requestedAt: number;
  readonly messageId: string;
  readonly receiptHandle: string;
  /** `process`: a delivery's own acknowledgement; `probe`: a handle known to be superseded. */
  readonly purpose: 'process' | 'probe';
  readonly outcome: AckOutcome;
}

export interface LedgerSummary {
  readonly sent: number;
  readonly deliveries: number;
  readonly redeliveries: number;
  readonly receives: number;
  readonly emptyReceives: number;
  readonly acknowledged: number;
  readonly abandoned: number;
  /** FIFO: deliveries left after a failed acknowledgement of an earlier one of their group. */
  readonly skippedAfterFailure: number;
  readonly staleAcks: number;
  readonly staleProbes: number;
  readonly maxReceiveCount: number;
}

const ms = (iso: string): number => Date.parse(iso);

export class DeliveryLedger {
  readonly sends = new Map<string, SendRecord>();
  readonly deliveries = new Map<string, DeliveryRecord[]>();
  readonly attempts: AckAttempt[] = [];
  private readonly batches: DeliveryRecord[][] = [];
  /** Successful acknowledgements by message id. */
  private readonly acknowledged = new Map<
    string,
    { receiptHandle: string; acknowledgedAt: number }[]
  >();
  private readonly probed = new Set<string>();
  private readonly attemptsByHandle = new Map<string, AckAttempt>();
  private emptyReceives = 0;
  private abandoned = 0;
  private skippedAfterFailure = 0;

  constructor(readonly visibilityMs: number) {}

  recordSend(sent: SentMessage, body: string, order: number): void {
    this.sends.set(sent.id, {
      id: sent.id,
      body,
      groupId: sent.groupId,
      sequenceNumber: sent.sequenceNumber,
      order,
    });
  }

  /** Records one receive's answer and returns its deliveries in answer order. */
  recordBatch(consumer: number, received: readonly ReceivedDelivery[]): DeliveryRecord[] {
    if (received.length === 0) {
      this.emptyReceives += 1;
    }
    const batch = this.batches.length;
    const records = received.map((delivery, position): DeliveryRecord => {
      const visibleUntil = ms(delivery.visibleUntil);
      return {
        consumer,
        batch,
        position,
        messageId: delivery.message.id,
        body: delivery.message.body,
        groupId: delivery.message.groupId,
        sequenceNumber: delivery.message.sequenceNumber,
        receiptHandle: delivery.receiptHandle,
        receiveCount: delivery.receiveCount,
        firstReceivedAt: ms(delivery.firstReceivedAt),
        visibleUntil,
        claimedAt: visibleUntil - this.visibilityMs,
      };
    });
    this.batches.push(records);
    for (const record of records) {
      const timeline = this.deliveries.get(record.messageId) ?? [];
      timeline.push(record);
      this.deliveries.set(record.messageId, timeline);
    }
    return records;
  }

  recordAttempt(attempt: AckAttempt): void {
    this.attempts.push(attempt);
    if ('acknowledgedAt' in attempt.outcome) {
      this.attemptsByHandle.set(attempt.receiptHandle, attempt);
      const acks = this.acknowledged.get(attempt.messageId) ?? [];
      acks.push({
        receiptHandle: attempt.receiptHandle,
        acknowledgedAt: attempt.outcome.acknowledgedAt,
      });
      this.acknowledged.set(attempt.messageId, acks);
    }
  }

  /** Deliveries not acknowledged: by choice, or because their group's processing stopped. */
  recordAbandoned(count: number, afterFailure: boolean): void {
    this.abandoned += count;
    if (afterFailure) {
      this.skippedAfterFailure += count;
    }
  }

  acknowledgedCount(): number {
    return this.acknowledged.size;
  }

  /**
   * The handles this delivery supersedes (the message's earlier deliveries) that nobody probed
   * yet; each is handed out once, to be acknowledged in vain.
   */
  takeProbes(delivery: DeliveryRecord): string[] {
    const handles = (this.deliveries.get(delivery.messageId) ?? [])
      .filter((earlier) => earlier.receiveCount < delivery.receiveCount)
      .map((earlier) => earlier.receiptHandle)
      .filter((handle) => !this.probed.has(handle));
    handles.forEach((handle) => this.probed.add(handle));
    return handles;
  }

  /**
   * Handles to try once more at the end, when every message should be gone: those never
   * acknowledged nor probed, and the successful handle of every `every`-th message (a second
   * acknowledgement of one delivery).
   */
  finalProbes(every: number): { messageId: string; receiptHandle: string }[] {
    const used = new Set([...this.acknowledged.values()].flat().map((ack) => ack.receiptHandle));
    const unused = [...this.deliveries.values()]
      .flat()
      .filter(({ receiptHandle }) => !used.has(receiptHandle) && !this.probed.has(receiptHandle))
      .map(({ messageId, receiptHandle }) => ({ messageId, receiptHandle }));
    const again = [...this.acknowledged]
      .filter((_, index) => index % every === 0)
      .flatMap(([messageId, acks]) =>
        acks.map(({ receiptHandle }) => ({ messageId, receiptHandle })),
      );
    return [...unused, ...again];
  }

  summary(): LedgerSummary {
    const all = [...this.deliveries.values()].flat();
    const failed = this.attempts.filter((attempt) => 'errorType' in attempt.outcome);
    return {
      sent: this.sends.size,
      deliveries: all.length,
      redeliveries: all.filter((delivery) => delivery.receiveCount > 1).length,
      receives: this.batches.length,
      emptyReceives: this.emptyReceives,
      acknowledged: this.acknowledged.size,
      abandoned: this.abandoned,
      skippedAfterFailure: this.skippedAfterFailure,
      staleAcks: failed.filter((attempt) => attempt.purpose === 'process').length,
      staleProbes: failed.filter((attempt) => attempt.purpose === 'probe').length,
      maxReceiveCount: Math.max(0, ...all.map((delivery) => delivery.receiveCount)),
    };
  }

  /** A message's deliveries and acknowledgement attempts, for violation reports. */
  timeline(messageId: string): string {
    const iso = (at: number) => new Date(at).toISOString();
    const deliveries = (this.deliveries.get(messageId) ?? []).map(
      (d) =>
        `  #${d.receiveCount} consumer ${d.consumer} batch ${d.batch}[${d.position}] claimed ${iso(d.claimedAt)} visibleUntil ${iso(d.visibleUntil)} handle …${d.receiptHandle.slice(-8)}`,
    );
    const attempts = this.attempts
      .filter((attempt) => attempt.messageId === messageId)
      .map(
        (a) =>
          `  ack (${a.purpose}) by consumer ${a.consumer} handle …${a.receiptHandle.slice(-8)} requested ${iso(a.requestedAt)}: ${
            'acknowledgedAt' in a.outcome
              ? `ok at ${iso(a.outcome.acknowledgedAt)}`
              : a.outcome.errorType
          }`,
      );
    const sent = this.sends.get(messageId);
    const head = `message ${messageId} (${sent ? `${sent.body}, seq ${sent.sequenceNumber ?? '-'}` : 'never sent'})`;
    return [head, ...deliveries, ...attempts].join('\n');
  }

  /** The attempt that acknowledged a message, if any (the first, should there be more). */
  successfulAttempt(messageId: string): AckAttempt | undefined {
    const [first] = this.successfulAcks(messageId);
    return first ? this.attemptsByHandle.get(first.receiptHandle) : undefined;
  }

  successfulAcks(messageId: string): readonly { receiptHandle: string; acknowledgedAt: number }[] {
    return this.acknowledged.get(messageId) ?? [];
  }

  allBatches(): readonly DeliveryRecord[][] {
    return this.batches;
  }
}

/** Every sent message acknowledged successfully exactly once; nothing unknown delivered or acknowledged. */
export function checkAcknowledgedExactlyOnce(ledger: DeliveryLedger): string[] {
  const problems: string[] = [];
  for (const id of ledger.sends.keys()) {
    const count = ledger.successfulAcks(id).length;
    if (count !== 1) {
      problems.push(`acknowledged ${count} times, expected once:\n${ledger.timeline(id)}`);
    }
  }
  const known = (id: string) => ledger.sends.has(id);
  for (const id of ledger.deliveries.keys()) {
    if (!known(id)) {
      problems.push(`delivered but never sent:\n${ledger.timeline(id)}`);
    }
  }
  for (const attempt of ledger.attempts) {
    if (!known(attempt.messageId)) {
      problems.push(`acknowledgement for a message never sent: ${attempt.messageId}`);
    }
  }
  return problems;
}

/** Each delivery carries what was sent; a receive answer never holds one message twice. */
export function checkDeliveriesMatchSends(ledger: DeliveryLedger): string[] {
  const problems: string[] = [];
  for (const [id, deliveries] of ledger.deliveries) {
    const sent = ledger.sends.get(id);
    for (const delivery of deliveries) {
      if (
        sent &&
        (delivery.body !== sent.body ||
          delivery.groupId !== sent.groupId ||
          delivery.sequenceNumber !== sent.sequenceNumber)
      ) {
        problems.push(`delivery differs from the send:\n${ledger.timeline(id)}`);
      }
    }
  }
  for (const batch of ledger.allBatches()) {
    const ids = batch.map((delivery) => delivery.messageId);
    if (new Set(ids).size !== ids.length) {
      problems.push(`batch ${batch[0]?.batch} holds a message twice: ${ids.join(', ')}`);
    }
  }
  return problems;
}

/**
 * Never in flight twice. A delivery's claim time is visibleUntil minus the visibility timeout
 * asked for (the server sets visibleUntil = claim time + timeout, both from its clock; the ISO
 * strings keep milliseconds). Receive counts go 1, 2, 3… with no gap or repeat (a repeat is two
 * claims of one receive); each claim is at or after the previous delivery's visibleUntil; the
 * one successful acknowledgement uses the last delivery's handle, at or after its claim; and
 * firstReceivedAt is the first claim's time on every delivery.
 */
export function checkNeverInFlightTwice(ledger: DeliveryLedger): string[] {
  const problems: string[] = [];
  for (const [id, unordered] of ledger.deliveries) {
    const deliveries = [...unordered].sort((a, b) => a.receiveCount - b.receiveCount);
    const fail = (why: string) => problems.push(`${why}:\n${ledger.timeline(id)}`);
    deliveries.forEach((delivery, index) => {
      if (delivery.receiveCount !== index + 1) {
        fail(`receive counts are not 1..${deliveries.length}`);
      }
      if (delivery.firstReceivedAt !== deliveries[0]?.claimedAt) {
        fail(`delivery #${delivery.receiveCount} firstReceivedAt is not the first claim time`);
      }
      const previous = deliveries[index - 1];
      if (previous && delivery.claimedAt < previous.visibleUntil) {
        fail(
          `delivery #${delivery.receiveCount} claimed while #${previous.receiveCount} was in flight`,
        );
      }
    });
    const last = deliveries[deliveries.length - 1];
    for (const ack of ledger.successfulAcks(id)) {
      if (!last || ack.receiptHandle !== last.receiptHandle) {
        fail('acknowledged with a handle that is not the last delivery’s');
      } else if (ack.acknowledgedAt < last.claimedAt) {
        fail('acknowledged before its delivery was claimed');
      }
    }
  }
  return problems;
}

/**
 * A failed acknowledgement is StaleReceiptHandle and only for a handle that was superseded by a
 * later delivery or already used; an acknowledgement with a superseded handle never succeeds.
 */
export function checkStaleHandles(ledger: DeliveryLedger): string[] {
  const problems: string[] = [];
  const lastHandle = new Map<string, string>();
  for (const [id, deliveries] of ledger.deliveries) {
    const last = [...deliveries].sort((a, b) => b.receiveCount - a.receiveCount)[0];
    if (last) {
      lastHandle.set(id, last.receiptHandle);
    }
  }
  const usedBefore = new Set<string>();
  for (const attempt of ledger.attempts) {
    const superseded = lastHandle.get(attempt.messageId) !== attempt.receiptHandle;
    const stale = superseded || usedBefore.has(attempt.receiptHandle);
    if ('acknowledgedAt' in attempt.outcome) {
      usedBefore.add(attempt.receiptHandle);
      if (stale) {
        problems.push(`a stale handle was accepted:\n${ledger.timeline(attempt.messageId)}`);
      }
    } else if (attempt.outcome.errorType !== 'StaleReceiptHandle' || !stale) {
      problems.push(
        `acknowledgement refused with ${attempt.outcome.errorType} for a ${stale ? 'stale' : 'current'} handle:\n${ledger.timeline(attempt.messageId)}`,
      );
    }
  }
  return problems;
}

/** A group's messages (or all of a standard queue's), in send order. */
function groups(ledger: DeliveryLedger): Map<string, SendRecord[]> {
  const byGroup = new Map<string, SendRecord[]>();
  for (const sent of ledger.sends.values()) {
    const list = byGroup.get(sent.groupId ?? '') ?? [];
    list.push(sent);
    byGroup.set(sent.groupId ?? '', list);
  }
  for (const list of byGroup.values()) {
    list.sort((a, b) => a.order - b.order);
  }
  return byGroup;
}

/**
 * FIFO order, per group. Server timestamps bound what happened: a message's deletion commits
 * after its acknowledgement request left the client (requestedAt, same machine clock) and before
 * the server stamps acknowledgedAt, which it does only after releasing the group, so a later
 * message's claim may legitimately precede the earlier one's acknowledgedAt. Each rule below
 * therefore flags only what certainly happened:
 * - sequence numbers strictly increase in send order, and inside one receive answer a group's
 *   messages come in sequence order;
 * - first deliveries follow sequence order (equal claim times only ahead in one answer);
 * - no earlier message is in flight when a later one is claimed, except ahead in the same answer:
 *   no delivery that was never acknowledged spans the claim time, and the earlier message was not
 *   still stored (its acknowledgement requested after the claim); this is stricter than "not in
 *   flight": an earlier message whose visibility ran out must come back first, never be overtaken;
 * - acknowledgements follow sequence order: no message was acknowledged before the request that
 *   acknowledged its predecessor.
 */
export function checkFifoOrder(ledger: DeliveryLedger): string[] {
  const problems: string[] = [];
  for (const batch of ledger.allBatches()) {
    const lastSeq = new Map<string, string>();
    for (const delivery of batch) {
      const previous = lastSeq.get(delivery.groupId ?? '');
      if (previous !== undefined && (delivery.sequenceNumber ?? '') <= previous) {
        problems.push(`batch ${delivery.batch} has group ${delivery.groupId} out of order`);
      }
      lastSeq.set(delivery.groupId ?? '', delivery.sequenceNumber ?? '');
    }
  }
  for (const [groupId, messages] of groups(ledger)) {
    problems.push(...checkGroupSequence(ledger, groupId, messages));
    problems.push(...checkGroupExclusion(ledger, groupId, messages));
  }
  return problems;
}

/** The first delivery of a message: the lowest receive count. */
function firstDelivery(ledger: DeliveryLedger, id: string): DeliveryRecord | undefined {
  return [...(ledger.deliveries.get(id) ?? [])].sort((a, b) => a.receiveCount - b.receiveCount)[0];
}

function pairTimeline(ledger: DeliveryLedger, earlier: SendRecord, later: SendRecord): string {
  return `\n${ledger.timeline(earlier.id)}\n${ledger.timeline(later.id)}`;
}

/** Sequence numbers, first deliveries and acknowledgements, pair by pair in send order. */
function checkGroupSequence(
  ledger: DeliveryLedger,
  groupId: string,
  messages: readonly SendRecord[],
): string[] {
  const problems: string[] = [];
  messages.forEach((message, index) => {
    const earlier = messages[index - 1];
    if (!earlier) {
      return;
    }
    const fail = (why: string) =>
      problems.push(`group ${groupId}: ${why}${pairTimeline(ledger, earlier, message)}`);
    if ((message.sequenceNumber ?? '') <= (earlier.sequenceNumber ?? '')) {
      fail('sequence numbers do not increase in send order');
    }
    const [first, before] = [firstDelivery(ledger, message.id), firstDelivery(ledger, earlier.id)];
    if (first && before) {
      const aheadInAnswer = first.batch === before.batch && before.position < first.position;
      if (
        first.claimedAt < before.claimedAt ||
        (first.claimedAt === before.claimedAt && !aheadInAnswer)
      ) {
        fail('first delivered ahead of the message before it');
      }
    }
    const [acked] = ledger.successfulAcks(message.id);
    const predecessor = ledger.successfulAttempt(earlier.id);
    if (acked && predecessor && acked.acknowledgedAt < predecessor.requestedAt) {
      fail('acknowledged before the message before it was even asked to be');
    }
  });
  return problems;
}

/** No delivery of a message while an earlier message of its group was still there to deliver. */
function checkGroupExclusion(
  ledger: DeliveryLedger,
  groupId: string,
  messages: readonly SendRecord[],
): string[] {
  const problems: string[] = [];
  const batches = ledger.allBatches();
  for (const [index, message] of messages.entries()) {
    for (const delivery of ledger.deliveries.get(message.id) ?? []) {
      const answer = batches[delivery.batch] ?? [];
      for (const earlier of messages.slice(0, index)) {
        const aheadInAnswer = answer.some(
          (other) => other.messageId === earlier.id && other.position < delivery.position,
        );
        if (aheadInAnswer) {
          continue;
        }
        const acknowledged = ledger.successfulAttempt(earlier.id);
        const inFlight = (ledger.deliveries.get(earlier.id) ?? []).find(
          (other) =>
            other.receiptHandle !== acknowledged?.receiptHandle &&
            other.claimedAt <= delivery.claimedAt &&
            delivery.claimedAt < other.visibleUntil,
        );
        const stillStored = !acknowledged || acknowledged.requestedAt > delivery.claimedAt;
        if (inFlight || stillStored) {
          problems.push(
            `group ${groupId}: delivery #${delivery.receiveCount} of ${message.id} claimed while an earlier message ${
              inFlight ? `was in flight (#${inFlight.receiveCount})` : 'was still stored'
            }${pairTimeline(ledger, earlier, message)}`,
          );
        }
      }
    }
  }
  return problems;
}
