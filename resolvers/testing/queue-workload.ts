/**
 * Producers and consumers for concurrency tests: each runs on its own QueueClient (its own
 * connection) and writes what it saw into a DeliveryLedger. Consumers abandon some deliveries
 * (never acknowledge them) at random, from a seeded generator so a run's choices can be replayed.
 */
import type { DeliveryLedger, DeliveryRecord } from './delivery-ledger';
import type { QueueClient } from './queue-client';

/** mulberry32: a small seeded generator of numbers in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** What one producer sends: its messages, in the order it must send them. */
export interface PlannedSend {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  /** Place in the group's (or producer's) order, for the ledger. */
  readonly order: number;
}

/**
 * FIFO sends: `groups` groups of `perGroup` messages, dealt to `producers` producers by group;
 * each producer goes round its groups, one message of each at a time, so several groups are sent
 * in parallel while each group's sends stay in order on one connection.
 */
export function fifoSendPlan(groups: number, perGroup: number, producers: number): PlannedSend[][] {
  const plans: PlannedSend[][] = Array.from({ length: producers }, () => []);
  for (let order = 0; order < perGroup; order += 1) {
    for (let group = 0; group < groups; group += 1) {
      const groupId = `g${String(group).padStart(2, '0')}`;
      plans[group % producers]?.push({
        body: `${groupId}:${order}`,
        groupId,
        deduplicationId: `${groupId}-${order}`,
        order,
      });
    }
  }
  return plans;
}

/** Standard sends: `total` messages split evenly between `producers`. */
export function standardSendPlan(total: number, producers: number): PlannedSend[][] {
  return Array.from({ length: producers }, (_, producer) =>
    Array.from({ length: Math.ceil((total - producer) / producers) }, (_, order) => ({
      body: `p${producer}:${order}`,
      order,
    })),
  );
}

/**
 * Sends a plan in order on one client, recording each message: one sendMessage at a time, or
 * sendMessageBatch with `batchSize` consecutive entries (sent by the server in entry order).
 */
export async function produce(
  client: QueueClient,
  queue: string,
  plan: readonly PlannedSend[],
  ledger: DeliveryLedger,
  batchSize = 1,
): Promise<void> {
  for (let start = 0; start < plan.length; start += batchSize) {
    const chunk = plan.slice(start, start + batchSize);
    if (batchSize === 1) {
      await sendOne(client, queue, chunk, ledger);
    } else {
      await sendBatch(client, queue, chunk, ledger);
    }
  }
}

async function sendOne(
  client: QueueClient,
  queue: string,
  chunk: readonly PlannedSend[],
  ledger: DeliveryLedger,
): Promise<void> {
  for (const { body, order, ...options } of chunk) {
    ledger.recordSend(await client.sendMessage(queue, body, options), body, order);
  }
}

async function sendBatch(
  client: QueueClient,
  queue: string,
  chunk: readonly PlannedSend[],
  ledger: DeliveryLedger,
): Promise<void> {
  const result = await client.sendMessageBatch(
    queue,
    chunk.map(({ order: _order, ...entry }, index) => ({ id: String(index), ...entry })),
  );
  if (result.failed.length > 0) {
    throw new Error(`sendMessageBatch refused entries: ${JSON.stringify(result.failed)}`);
  }
  for (const { id, message } of result.successful) {
    const planned = chunk[Number(id)];
    if (planned) {
      ledger.recordSend(message, planned.body, planned.order);
    }
  }
}

export interface ConsumerOptions {
  readonly index: number;
  readonly queue: string;
  readonly fifo: boolean;
  readonly maxMessages: number;
  readonly visibilityTimeoutSeconds: number;
  /** Chance that a delivery is abandoned (never acknowledged). */
  readonly abandonRate: number;
  readonly random: () => number;
  readonly idleMs: number;
  /** Stop when this says the work is done, or at the deadline (epoch ms). */
  readonly done: () => boolean;
  readonly deadline: number;
}

/**
 * Which deliveries of one answer to acknowledge, in rounds: a FIFO consumer processes a group's
 * messages in order and stops at the first it abandons, so round r holds the r-th kept delivery of
 * every group and a round starts only when the one before it is acknowledged. A standard
 * consumer acknowledges everything it keeps in one round.
 */
export function acknowledgementRounds(
  batch: readonly DeliveryRecord[],
  options: Pick<ConsumerOptions, 'fifo' | 'abandonRate' | 'random'>,
): { rounds: DeliveryRecord[][]; abandoned: number } {
  const stopped = new Set<string>();
  const perGroup = new Map<string, DeliveryRecord[]>();
  let abandoned = 0;
  for (const delivery of batch) {
    const group = options.fifo ? (delivery.groupId ?? '') : '';
    // Draw for every delivery, so the stream of choices does not depend on earlier ones.
    const drop = options.random() < options.abandonRate;
    if (stopped.has(group) || drop) {
      abandoned += 1;
      if (options.fifo) {
        stopped.add(group);
      }
      continue;
    }
    perGroup.set(group, [...(perGroup.get(group) ?? []), delivery]);
  }
  const rounds: DeliveryRecord[][] = [];
  for (const kept of perGroup.values()) {
    kept.forEach((delivery, round) => (rounds[round] ??= []).push(delivery));
  }
  return { rounds: options.fifo ? rounds : [rounds.flat()], abandoned };
}

/** One handle to acknowledge, and why. */
export interface AckEntry {
  readonly messageId: string;
  readonly receiptHandle: string;
  readonly purpose: 'process' | 'probe';
  readonly groupId: string | null;
}

/** Acknowledges entries ten at a time, recording each outcome; returns the groups that failed. */
export async function acknowledge(
  client: QueueClient,
  queue: string,
  consumer: number,
  entries: readonly AckEntry[],
  ledger: DeliveryLedger,
): Promise<Set<string>> {
  const failedGroups = new Set<string>();
  for (let start = 0; start < entries.length; start += 10) {
    const chunk = entries.slice(start, start + 10);
    const requestedAt = Date.now();
    const result = await client.acknowledgeMessageBatch(
      queue,
      chunk.map((entry, index) => ({ id: String(index), receiptHandle: entry.receiptHandle })),
    );
    const outcomes = new Map<string, { acknowledgedAt: number } | { errorType: string }>([
      ...result.successful.map(
        ({ id, acknowledgement }) =>
          [id, { acknowledgedAt: Date.parse(acknowledgement.acknowledgedAt) }] as const,
      ),
      ...result.failed.map(({ id, errorType }) => [id, { errorType }] as const),
    ]);
    chunk.forEach((entry, index) => {
      const outcome = outcomes.get(String(index)) ?? { errorType: 'NoResultForEntry' };
      ledger.recordAttempt({ consumer, requestedAt, ...entry, outcome });
      if ('errorType' in outcome && entry.purpose === 'process') {
        failedGroups.add(entry.groupId ?? '');
      }
    });
  }
  return failedGroups;
}

/** Handles this answer supersedes and nobody probed yet: acknowledging them must fail. */
function probesFor(batch: readonly DeliveryRecord[], ledger: DeliveryLedger): AckEntry[] {
  return batch.flatMap((delivery) =>
    ledger.takeProbes(delivery).map((receiptHandle) => ({
      messageId: delivery.messageId,
      receiptHandle,
      purpose: 'probe' as const,
      groupId: delivery.groupId,
    })),
  );
}

/**
 * Processes one answer: probes the handles it supersedes, then acknowledges round by round. A
 * delivery is acknowledged even when its visibility may have run out (a slow consumer): that
 * either succeeds, nobody having received the message since, or fails as stale. A FIFO consumer
 * skips the rest of a group after a failed acknowledgement, as it would stop processing it.
 */
async function processBatch(
  client: QueueClient,
  options: ConsumerOptions,
  batch: readonly DeliveryRecord[],
  ledger: DeliveryLedger,
): Promise<void> {
  const { rounds, abandoned } = acknowledgementRounds(batch, options);
  ledger.recordAbandoned(abandoned, false);
  let probes = probesFor(batch, ledger);
  const stopped = new Set<string>();
  for (const round of rounds) {
    const due = round.filter((delivery) => !stopped.has(delivery.groupId ?? ''));
    ledger.recordAbandoned(round.length - due.length, true);
    const entries: AckEntry[] = [
      ...probes,
      ...due.map(({ messageId, receiptHandle, groupId }) => ({
        messageId,
        receiptHandle,
        groupId,
        purpose: 'process' as const,
      })),
    ];
    probes = [];
    const failed = await acknowledge(client, options.queue, options.index, entries, ledger);
    if (options.fifo) {
      failed.forEach((group) => stopped.add(group));
    }
  }
  if (probes.length > 0) {
    await acknowledge(client, options.queue, options.index, probes, ledger);
  }
}

/** Receives and processes until the work is done or the deadline passes. */
export async function consume(
  client: QueueClient,
  options: ConsumerOptions,
  ledger: DeliveryLedger,
): Promise<void> {
  while (!options.done() && Date.now() < options.deadline) {
    const received = await client.receiveMessages(options.queue, {
      maxMessages: options.maxMessages,
      visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    });
    const batch = ledger.recordBatch(options.index, received);
    if (batch.length === 0) {
      await sleep(options.idleMs);
      continue;
    }
    await processBatch(client, options, batch, ledger);
  }
}
