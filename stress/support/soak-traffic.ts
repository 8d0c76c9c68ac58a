/**
 * Mixed queue traffic at a steady rate: one operation every 1000/rate ms, chosen by weight (sends
 * single and batched, standard and FIFO; receives; acknowledgements of what was received; stats),
 * each on a free connection from a fixed pool. When every connection is busy the tick is skipped
 * and counted, so a slow server shows as skipped ticks instead of an ever-growing backlog.
 */
import {
  createGraphqlCaller,
  failureKind,
  type CallOutcome,
  type GraphqlCaller,
} from './graphql-caller';
import {
  acknowledgeMessage,
  acknowledgeMessageBatch,
  queueStats,
  receiveMessages,
  sendMessage,
  sendMessageBatch,
  type SendEntry,
} from './queue-calls';
import type { SeededRandom } from './seeded-random';

export interface SoakQueue {
  readonly name: string;
  readonly fifo: boolean;
}

export type Operation =
  | 'send'
  | 'send-fifo'
  | 'send-batch'
  | 'send-batch-fifo'
  | 'receive'
  | 'receive-fifo'
  | 'acknowledge'
  | 'stats';

/** Weights per second at 40 requests/s: about 23 messages/s in, acknowledged as fast. */
const WEIGHTS: readonly [Operation, number][] = [
  ['send', 8],
  ['send-fifo', 5],
  ['send-batch', 2],
  ['send-batch-fifo', 1],
  ['receive', 8],
  ['receive-fifo', 6],
  ['acknowledge', 9],
  ['stats', 1],
];

const FIFO_GROUPS = 16;
/** Handles this close to their timeout are not acknowledged (they would be stale). */
const HANDLE_MARGIN_MS = 1000;

export interface SoakTrafficOptions {
  readonly url: string;
  readonly apiKey: string;
  readonly standard: SoakQueue;
  readonly fifo: SoakQueue;
  readonly ratePerSecond: number;
  readonly connections: number;
  readonly random: SeededRandom;
}

interface Held {
  readonly handle: string;
  readonly id: string;
  readonly visibleUntilMs: number;
}

export interface SoakCounts {
  readonly requests: number;
  readonly skippedTicks: number;
  /** Request outcomes by kind ("ok", an errorType, "no answer: ..."). */
  readonly outcomes: ReadonlyMap<string, number>;
  readonly latencies: ReadonlyMap<Operation, readonly number[]>;
  readonly messagesSent: number;
  readonly messagesAcknowledged: number;
  readonly handlesExpired: number;
}

export interface SoakTraffic {
  /** Stops ticking and waits for the requests in flight. */
  stop(): Promise<void>;
  counts(): SoakCounts;
  /** Ids answered by non-duplicate sends, per queue name. */
  readonly sent: ReadonlyMap<string, ReadonlySet<string>>;
  /** Ids acknowledged with an answer. */
  readonly acknowledged: ReadonlySet<string>;
  /** Deliveries of ids already acknowledged (must stay 0). */
  redeliveredAfterAck(): number;
  /**
   * After stop(): acknowledges what is held, then receives and acknowledges until both queues
   * are empty by Queue.stats (waiting out visibility timeouts); false if not empty in time.
   */
  drain(timeoutMs: number): Promise<boolean>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function startSoakTraffic(options: SoakTrafficOptions): SoakTraffic {
  const { random } = options;
  const idle: GraphqlCaller[] = Array.from({ length: options.connections }, () =>
    createGraphqlCaller({
      url: options.url,
      headers: { 'x-api-key': options.apiKey },
      timeoutMs: 30_000,
    }),
  );
  const all = [...idle];
  const held = new Map<string, Held[]>([
    [options.standard.name, []],
    [options.fifo.name, []],
  ]);
  const sent = new Map<string, Set<string>>([
    [options.standard.name, new Set()],
    [options.fifo.name, new Set()],
  ]);
  const acknowledged = new Set<string>();
  const outcomes = new Map<string, number>();
  const latencies = new Map<Operation, number[]>();
  let requests = 0;
  let skippedTicks = 0;
  let handlesExpired = 0;
  let redelivered = 0;
  let bodies = 0;
  const inFlight = new Set<Promise<void>>();

  const record = (operation: Operation, outcome: CallOutcome<unknown>, ms: number): void => {
    requests += 1;
    const kind = failureKind(outcome);
    outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
    const list = latencies.get(operation) ?? [];
    list.push(ms);
    latencies.set(operation, list);
  };
  const entry = (queue: SoakQueue): SendEntry => {
    const body = `soak-${bodies++}`;
    return queue.fifo
      ? { body, groupId: `g${random.int(0, FIFO_GROUPS - 1)}`, deduplicationId: body }
      : { body };
  };
  const noteSent = (queue: string, message: { id: string; duplicate: boolean }): void => {
    if (!message.duplicate) {
      sent.get(queue)?.add(message.id);
    }
  };

  const send = async (
    client: GraphqlCaller,
    queue: SoakQueue,
    batch: boolean,
  ): Promise<CallOutcome<unknown>> => {
    if (!batch) {
      const outcome = await sendMessage(client, queue.name, entry(queue));
      if (outcome.kind === 'ok') noteSent(queue.name, outcome.data);
      return outcome;
    }
    const entries = Array.from({ length: random.int(2, 5) }, () => entry(queue));
    const outcome = await sendMessageBatch(client, queue.name, entries);
    if (outcome.kind === 'ok') {
      outcome.data.successful.forEach((done) => noteSent(queue.name, done.message));
      outcome.data.failed.forEach((failed) => {
        const kind = `batch entry: ${failed.errorType}`;
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
      });
    }
    return outcome;
  };

  const receive = async (
    client: GraphqlCaller,
    queue: SoakQueue,
  ): Promise<CallOutcome<unknown>> => {
    const outcome = await receiveMessages(client, queue.name, {
      maxMessages: random.int(1, 10),
      waitTimeSeconds: random.chance(0.1) ? 1 : 0,
    });
    if (outcome.kind === 'ok') {
      for (const delivery of outcome.data) {
        if (acknowledged.has(delivery.message.id)) {
          redelivered += 1;
        }
        held.get(queue.name)?.push({
          handle: delivery.receiptHandle,
          id: delivery.message.id,
          visibleUntilMs: Date.parse(delivery.visibleUntil),
        });
      }
    }
    return outcome;
  };

  /** Up to 10 handles of the queue holding most, the ones about to time out dropped. */
  const takeHandles = (): { queue: string; handles: Held[] } | undefined => {
    const [queue, list] = [...held.entries()].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
    if (queue === undefined || list === undefined || list.length === 0) {
      return undefined;
    }
    const taken = list.splice(0, random.int(1, 10));
    const fresh = taken.filter((h) => h.visibleUntilMs - Date.now() > HANDLE_MARGIN_MS);
    handlesExpired += taken.length - fresh.length;
    return fresh.length === 0 ? undefined : { queue, handles: fresh };
  };

  const acknowledge = async (client: GraphqlCaller): Promise<CallOutcome<unknown> | undefined> => {
    const taken = takeHandles();
    if (taken === undefined) {
      return undefined;
    }
    if (taken.handles.length === 1) {
      const only = taken.handles[0] as Held;
      const outcome = await acknowledgeMessage(client, taken.queue, only.handle);
      if (outcome.kind === 'ok') acknowledged.add(only.id);
      return outcome;
    }
    const outcome = await acknowledgeMessageBatch(
      client,
      taken.queue,
      taken.handles.map((h) => h.handle),
    );
    if (outcome.kind === 'ok') {
      outcome.data.successful.forEach((done) => {
        const h = taken.handles[Number(done.id)];
        if (h) acknowledged.add(h.id);
      });
      outcome.data.failed.forEach((failed) => {
        const kind = `acknowledge entry: ${failed.errorType}`;
        outcomes.set(kind, (outcomes.get(kind) ?? 0) + 1);
      });
    }
    return outcome;
  };

  const run = async (operation: Operation, client: GraphqlCaller): Promise<void> => {
    const started = performance.now();
    let outcome: CallOutcome<unknown> | undefined;
    let done: Operation = operation;
    switch (operation) {
      case 'send':
      case 'send-batch':
        outcome = await send(client, options.standard, operation === 'send-batch');
        break;
      case 'send-fifo':
      case 'send-batch-fifo':
        outcome = await send(client, options.fifo, operation === 'send-batch-fifo');
        break;
      case 'receive':
        outcome = await receive(client, options.standard);
        break;
      case 'receive-fifo':
        outcome = await receive(client, options.fifo);
        break;
      case 'acknowledge':
        outcome = await acknowledge(client);
        if (outcome === undefined) {
          // Nothing held: a receive keeps the rate steady.
          done = random.chance(0.5) ? 'receive' : 'receive-fifo';
          outcome = await receive(client, done === 'receive' ? options.standard : options.fifo);
        }
        break;
      case 'stats':
        outcome = await queueStats(
          client,
          random.chance(0.5) ? options.standard.name : options.fifo.name,
        );
        break;
    }
    record(done, outcome, performance.now() - started);
  };

  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const pick = (): Operation => {
    let at = random.next() * total;
    for (const [operation, weight] of WEIGHTS) {
      at -= weight;
      if (at < 0) return operation;
    }
    return 'stats';
  };

  let stopped = false;
  const ticker = (async () => {
    const interval = 1000 / options.ratePerSecond;
    const start = performance.now();
    for (let tick = 0; !stopped; tick += 1) {
      const wait = start + tick * interval - performance.now();
      if (wait > 0) {
        await sleep(wait);
      }
      if (stopped) break;
      const client = idle.pop();
      if (client === undefined) {
        skippedTicks += 1;
        continue;
      }
      const request: Promise<void> = run(pick(), client).finally(() => {
        idle.push(client);
        inFlight.delete(request);
      });
      inFlight.add(request);
    }
  })();

  const drain = async (timeoutMs: number): Promise<boolean> => {
    const client = createGraphqlCaller({
      url: options.url,
      headers: { 'x-api-key': options.apiKey },
    });
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        while ((await acknowledge(client)) !== undefined) {
          // acknowledging what is held, 1..10 at a time
        }
        let got = 0;
        for (const queue of [options.standard, options.fifo]) {
          const before = held.get(queue.name)?.length ?? 0;
          await receive(client, queue);
          got += (held.get(queue.name)?.length ?? 0) - before;
        }
        if (got > 0) {
          continue;
        }
        let left = 0;
        for (const queue of [options.standard, options.fifo]) {
          const stats = await queueStats(client, queue.name);
          left +=
            stats.kind === 'ok'
              ? stats.data.available + stats.data.inFlight + stats.data.delayed
              : 1;
        }
        if (left === 0) {
          return true;
        }
        if (Date.now() > deadline) {
          return false;
        }
        await sleep(500);
      }
    } finally {
      client.close();
    }
  };

  return {
    drain,
    stop: async () => {
      stopped = true;
      await ticker;
      await Promise.allSettled([...inFlight]);
      all.forEach((client) => client.close());
    },
    counts: () => ({
      requests,
      skippedTicks,
      outcomes,
      latencies,
      messagesSent: [...sent.values()].reduce((sum, ids) => sum + ids.size, 0),
      messagesAcknowledged: acknowledged.size,
      handlesExpired,
    }),
    sent,
    acknowledged,
    redeliveredAfterAck: () => redelivered,
  };
}
