/**
 * After the restart: receive and acknowledge everything, from the first moment the engine
 * answers (so a delivery that comes back before its timeout would be caught) until every
 * visibility timeout that could have been running at the kill has passed and both queues are
 * empty, by receive and by Queue.stats.
 */
import type { CrashLedger } from './crash-ledger';
import { createGraphqlCaller, failureKind } from './graphql-caller';
import { acknowledgeMessageBatch, queueStats, receiveMessages } from './queue-calls';
import type { CrashQueues } from './crash-traffic';

/** Long enough that nothing times out while the drain acknowledges it. */
const DRAIN_VISIBILITY_SECONDS = 10;
const POLL_MS = 200;
const DRAIN_DEADLINE_MS = 60_000;

export interface DrainResult {
  /** Both queues empty, stats all zero, before the deadline. */
  readonly drained: boolean;
  readonly receives: number;
  /** Failed drain requests by kind (none expected: the engine is up). */
  readonly failures: ReadonlyMap<string, number>;
  readonly ms: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Drains both queues; `waitUntilMs` is when every timeout possibly running at the kill has passed. */
export async function drainQueues(
  url: string,
  apiKey: string,
  queues: CrashQueues,
  ledger: CrashLedger,
  waitUntilMs: number,
): Promise<DrainResult> {
  const started = Date.now();
  const deadline = Math.max(waitUntilMs, started) + DRAIN_DEADLINE_MS;
  const client = createGraphqlCaller({ url, headers: { 'x-api-key': apiKey } });
  const failures = new Map<string, number>();
  const fail = (kind: string): void => {
    failures.set(kind, (failures.get(kind) ?? 0) + 1);
  };
  let receives = 0;
  try {
    for (;;) {
      let got = 0;
      for (const queue of [queues.standard.name, queues.fifo.name]) {
        receives += 1;
        const outcome = await receiveMessages(client, queue, {
          maxMessages: 10,
          visibilityTimeoutSeconds: DRAIN_VISIBILITY_SECONDS,
        });
        if (outcome.kind !== 'ok') {
          fail(failureKind(outcome));
          continue;
        }
        got += outcome.data.length;
        if (outcome.data.length === 0) {
          continue;
        }
        outcome.data.forEach((delivery) =>
          ledger.delivered(queue, delivery, DRAIN_VISIBILITY_SECONDS),
        );
        const attempts = outcome.data.map((d) =>
          ledger.ackStarted(d.message.body, d.receiptHandle),
        );
        const acked = await acknowledgeMessageBatch(
          client,
          queue,
          outcome.data.map((d) => d.receiptHandle),
        );
        if (acked.kind !== 'ok') {
          fail(failureKind(acked));
          attempts.forEach(
            (attempt) => (attempt.end = acked.kind === 'error' ? 'error' : 'no-answer'),
          );
          continue;
        }
        acked.data.successful.forEach((done) => {
          const attempt = attempts[Number(done.id)];
          if (attempt) attempt.end = 'answered';
        });
        acked.data.failed.forEach((failed) => {
          fail(`acknowledge: ${failed.errorType}`);
          const attempt = attempts[Number(failed.id)];
          if (attempt) attempt.end = failed.errorType === 'StaleReceiptHandle' ? 'stale' : 'error';
        });
      }
      if (got > 0) {
        continue;
      }
      if (Date.now() >= waitUntilMs && (await bothEmpty(client, queues))) {
        return { drained: true, receives, failures, ms: Date.now() - started };
      }
      if (Date.now() >= deadline) {
        return { drained: false, receives, failures, ms: Date.now() - started };
      }
      await sleep(POLL_MS);
    }
  } finally {
    client.close();
  }
}

async function bothEmpty(
  client: ReturnType<typeof createGraphqlCaller>,
  queues: CrashQueues,
): Promise<boolean> {
  for (const queue of [queues.standard.name, queues.fifo.name]) {
    const stats = await queueStats(client, queue);
    if (
      stats.kind !== 'ok' ||
      stats.data.available + stats.data.inFlight + stats.data.delayed > 0
    ) {
      return false;
    }
  }
  return true;
}
