/**
 * The stream a crash interrupts: concurrent senders (single and batch sends, standard and FIFO)
 * and consumers (receives with the queue's visibility timeout or a longer one, acknowledgements
 * single and batched, some deliveries abandoned), each on a connection of its own, every request
 * and its ending recorded in the ledger.
 */
import type { CrashLedger, RequestEnd } from './crash-ledger';
import {
  createGraphqlCaller,
  failureKind,
  type CallOutcome,
  type GraphqlCaller,
} from './graphql-caller';
import {
  acknowledgeMessage,
  acknowledgeMessageBatch,
  receiveMessages,
  sendMessage,
  sendMessageBatch,
  type Delivery,
  type SendEntry,
} from './queue-calls';
import type { SeededRandom } from './seeded-random';

export interface CrashQueues {
  readonly standard: { readonly name: string; readonly visibilitySeconds: number };
  readonly fifo: { readonly name: string; readonly visibilitySeconds: number };
}

export interface TrafficPlan {
  readonly url: string;
  readonly apiKey: string;
  readonly queues: CrashQueues;
  /** A visibility timeout some receives ask for, long enough to outlast a restart. */
  readonly longVisibilitySeconds: number;
  readonly senders: number;
  readonly consumers: number;
  /** Prefix of every body: bodies are unique over the whole run. */
  readonly tag: string;
  readonly random: SeededRandom;
}

export interface Traffic {
  /** No new request after this; the ones in flight end on their own. */
  stop(): void;
  /** Settles when every worker has ended. */
  readonly done: Promise<void>;
  /** Requests by outcome ("ok", an errorType, "no answer: ECONNRESET", ...). */
  readonly outcomes: Map<string, number>;
}

const FIFO_GROUPS = 6;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function endOf(outcome: CallOutcome<unknown>): RequestEnd {
  return outcome.kind === 'ok' ? 'answered' : outcome.kind;
}

export function startCrashTraffic(ledger: CrashLedger, plan: TrafficPlan): Traffic {
  let stopped = false;
  let bodies = 0;
  const outcomes = new Map<string, number>();
  const count = (outcome: CallOutcome<unknown>): void => {
    const kind = failureKind(outcome);
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
  };
  const { random } = plan;
  const caller = (): GraphqlCaller =>
    createGraphqlCaller({
      url: plan.url,
      headers: { 'x-api-key': plan.apiKey },
      timeoutMs: 15_000,
    });

  const sendOnce = async (client: GraphqlCaller): Promise<void> => {
    const fifo = random.chance(0.4);
    const queue = fifo ? plan.queues.fifo.name : plan.queues.standard.name;
    const entries: SendEntry[] = Array.from(
      { length: random.chance(0.3) ? random.int(2, 6) : 1 },
      () => {
        const body = `${plan.tag}-${fifo ? 'f' : 's'}${bodies++}`;
        return fifo
          ? { body, groupId: `g${random.int(0, FIFO_GROUPS - 1)}`, deduplicationId: body }
          : { body };
      },
    );
    entries.forEach((entry) => ledger.sendStarted(queue, entry.body, fifo));
    if (entries.length === 1) {
      const entry = entries[0] as SendEntry;
      const outcome = await sendMessage(client, queue, entry);
      count(outcome);
      ledger.sendEnded(
        entry.body,
        endOf(outcome),
        outcome.kind === 'ok' ? outcome.data.id : undefined,
      );
      return;
    }
    const outcome = await sendMessageBatch(client, queue, entries);
    count(outcome);
    if (outcome.kind !== 'ok') {
      entries.forEach((entry) => ledger.sendEnded(entry.body, endOf(outcome)));
      return;
    }
    for (const done of outcome.data.successful) {
      ledger.sendEnded(entries[Number(done.id)]?.body ?? '', 'answered', done.message.id);
    }
    for (const failed of outcome.data.failed) {
      ledger.sendEnded(entries[Number(failed.id)]?.body ?? '', 'error');
    }
  };

  const acknowledge = async (
    client: GraphqlCaller,
    queue: string,
    deliveries: Delivery[],
  ): Promise<void> => {
    if (deliveries.length >= 2 && random.chance(0.5)) {
      const attempts = deliveries.map((d) => ledger.ackStarted(d.message.body, d.receiptHandle));
      const outcome = await acknowledgeMessageBatch(
        client,
        queue,
        deliveries.map((d) => d.receiptHandle),
      );
      count(outcome);
      if (outcome.kind !== 'ok') {
        attempts.forEach((attempt) => (attempt.end = endOf(outcome)));
        return;
      }
      outcome.data.successful.forEach((done) => {
        const attempt = attempts[Number(done.id)];
        if (attempt) attempt.end = 'answered';
      });
      outcome.data.failed.forEach((failed) => {
        const attempt = attempts[Number(failed.id)];
        if (attempt) attempt.end = failed.errorType === 'StaleReceiptHandle' ? 'stale' : 'error';
      });
      return;
    }
    for (const delivery of deliveries) {
      if (stopped) {
        return;
      }
      const attempt = ledger.ackStarted(delivery.message.body, delivery.receiptHandle);
      const outcome = await acknowledgeMessage(client, queue, delivery.receiptHandle);
      count(outcome);
      attempt.end =
        outcome.kind === 'error' && outcome.errors[0]?.errorType === 'StaleReceiptHandle'
          ? 'stale'
          : endOf(outcome);
    }
  };

  const consumeOnce = async (client: GraphqlCaller): Promise<void> => {
    const fifo = random.chance(0.4);
    const queue = fifo ? plan.queues.fifo : plan.queues.standard;
    const long = random.chance(0.3);
    const visibilitySeconds = long ? plan.longVisibilitySeconds : queue.visibilitySeconds;
    const outcome = await receiveMessages(client, queue.name, {
      maxMessages: random.int(1, 10),
      ...(long ? { visibilityTimeoutSeconds: visibilitySeconds } : {}),
    });
    count(outcome);
    if (outcome.kind !== 'ok' || outcome.data.length === 0) {
      await sleep(50);
      return;
    }
    outcome.data.forEach((delivery) => ledger.delivered(queue.name, delivery, visibilitySeconds));
    // Most deliveries are acknowledged after a little work; some are abandoned to time out.
    const kept = outcome.data.filter(() => random.chance(0.85));
    await sleep(random.int(0, 150));
    if (!stopped && kept.length > 0) {
      await acknowledge(client, queue.name, kept);
    }
  };

  const worker = async (
    step: (client: GraphqlCaller) => Promise<void>,
    pauseMs: number,
  ): Promise<void> => {
    const client = caller();
    try {
      while (!stopped) {
        await step(client);
        await sleep(random.int(0, pauseMs));
      }
    } finally {
      client.close();
    }
  };
  const done = Promise.all([
    ...Array.from({ length: plan.senders }, () => worker(sendOnce, 40)),
    ...Array.from({ length: plan.consumers }, () => worker(consumeOnce, 20)),
  ]).then(() => undefined);
  return {
    stop: () => {
      stopped = true;
    },
    done,
    outcomes,
  };
}
