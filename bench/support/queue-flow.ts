/**
 * One end-to-end case of the queue benchmark: producers send a fixed number of messages while
 * consumers receive (up to 10 at a time) and acknowledge them, each producer and consumer on a
 * kept-alive connection of its own. Producers stop sending while `outstanding` messages are sent
 * but not yet acknowledged, so the queue holds a steady backlog instead of growing for as long as
 * the run lasts (latency then reads as backlog / throughput, not as the run's length). Every
 * message must be acknowledged exactly once; the body carries its number.
 */
import { performance } from 'node:perf_hooks';
import { summarize, type LatencySummary } from './latency-stats';
import { createQueueClient, type Endpoint, type QueueClient, type SendEntry } from './queue-client';

export interface FlowOptions {
  readonly endpoint: Endpoint;
  readonly queue: string;
  /** FIFO messages are spread round-robin over this many groups; standard queues ignore it. */
  readonly groups?: number;
  readonly messages: number;
  readonly producers: number;
  readonly consumers: number;
  /** sendMessageBatch and acknowledgeMessageBatch (10 each), or one message per call. */
  readonly batched: boolean;
  /** receiveMessages' maxMessages. */
  readonly receiveMax: number;
  /** receiveMessages' waitTimeSeconds (long polling). */
  readonly waitTimeSeconds: number;
  /** Messages sent and not yet acknowledged, at most. */
  readonly outstanding: number;
  /** Bytes of each message body. */
  readonly bodyBytes: number;
  /** Without progress for this long, the case fails. */
  readonly stallMs: number;
  /** Called once, when the last message is acknowledged (before consumers' last polls end). */
  readonly onAllAcknowledged?: () => void;
}

export interface FlowResult {
  /** First send to last acknowledgement. */
  readonly seconds: number;
  readonly messagesPerSecond: number;
  /** Send answered → acknowledgement answered, per message. */
  readonly latency: LatencySummary;
  readonly receives: number;
  readonly emptyReceives: number;
  /** Messages delivered again after their first delivery was acknowledged (should be 0). */
  readonly redelivered: number;
  /** Acknowledged before their send's answer arrived (a batch answers after all its entries). */
  readonly acknowledgedBeforeSendAnswer: number;
  /**
   * Sends that first waited for the backlog to shrink: near 1, consumers set the pace; near 0,
   * producers do.
   */
  readonly producersWaited: number;
}

const SEND_BATCH = 10;

/** Lets producers through while fewer than `limit` messages are outstanding. */
class Backlog {
  private outstanding = 0;
  private closed = false;
  private waiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Resolves once `count` more fit, or at once when closed; true when it had to wait. */
  async acquire(count: number): Promise<boolean> {
    let waited = false;
    while (!this.closed && this.outstanding + count > this.limit) {
      waited = true;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.outstanding += count;
    return waited;
  }

  release(count: number): void {
    this.outstanding -= count;
    this.wakeAll();
  }

  /** Lets every producer through from now on (the case is over or failed). */
  close(): void {
    this.closed = true;
    this.wakeAll();
  }

  private wakeAll(): void {
    for (const wake of this.waiters.splice(0)) {
      wake();
    }
  }
}

function body(n: number, bytes: number): string {
  const head = `${n} `;
  return head + 'x'.repeat(Math.max(0, bytes - head.length));
}

function entry(options: FlowOptions, n: number): SendEntry {
  const text = body(n, options.bodyBytes);
  return options.groups === undefined
    ? { body: text }
    : { body: text, groupId: `g${n % options.groups}`, deduplicationId: `m${n}` };
}

/** Runs the case; rejects on any failed call (a stale receipt handle included) or a stall. */
export async function runFlow(options: FlowOptions): Promise<FlowResult> {
  const total = options.messages;
  const sendAnswered = new Float64Array(total).fill(Number.NaN);
  const ackAnswered = new Float64Array(total).fill(Number.NaN);
  const backlog = new Backlog(options.outstanding);
  let nextToSend = 0;
  let acknowledged = 0;
  let receives = 0;
  let emptyReceives = 0;
  let redelivered = 0;
  let sends = 0;
  let sendsThatWaited = 0;
  let lastAck = 0;
  let lastProgress = performance.now();
  let failure: Error | undefined;
  const finished = (): boolean => acknowledged >= total || failure !== undefined;

  const produce = async (client: QueueClient): Promise<void> => {
    const size = options.batched ? SEND_BATCH : 1;
    while (nextToSend < total && !finished()) {
      const first = nextToSend;
      const count = Math.min(size, total - first);
      nextToSend += count;
      sends += 1;
      if (await backlog.acquire(count)) {
        sendsThatWaited += 1;
      }
      if (finished()) {
        return;
      }
      const numbers = Array.from({ length: count }, (_, i) => first + i);
      if (options.batched) {
        await client.sendMessageBatch(
          options.queue,
          numbers.map((n) => entry(options, n)),
        );
      } else {
        await client.sendMessage(options.queue, entry(options, first));
      }
      const at = performance.now();
      numbers.forEach((n) => (sendAnswered[n] = at));
    }
  };

  const settle = (numbers: readonly number[]): void => {
    const at = performance.now();
    for (const n of numbers) {
      if (!Number.isInteger(n) || n < 0 || n >= total) {
        throw new Error(`Received a message that this case never sent: number ${n}`);
      }
      if (!Number.isNaN(ackAnswered[n] ?? Number.NaN)) {
        redelivered += 1;
        continue;
      }
      ackAnswered[n] = at;
      acknowledged += 1;
      backlog.release(1);
    }
    lastAck = at;
    lastProgress = at;
    if (acknowledged === total) {
      options.onAllAcknowledged?.();
    }
  };

  const consume = async (client: QueueClient): Promise<void> => {
    while (!finished()) {
      const got = await client.receiveMessages(
        options.queue,
        options.receiveMax,
        options.waitTimeSeconds,
      );
      receives += 1;
      if (got.length === 0) {
        emptyReceives += 1;
        continue;
      }
      const numbers = got.map((d) => Number.parseInt(d.body, 10));
      if (options.batched) {
        await client.acknowledgeMessageBatch(
          options.queue,
          got.map((d) => d.receiptHandle),
        );
        settle(numbers);
      } else {
        for (const [i, d] of got.entries()) {
          await client.acknowledgeMessage(options.queue, d.receiptHandle);
          settle([numbers[i] ?? -1]);
        }
      }
    }
  };

  const guard = <T>(work: Promise<T>): Promise<void> =>
    work.then(
      () => undefined,
      (error: unknown) => {
        failure ??= error instanceof Error ? error : new Error(String(error));
        backlog.close(); // blocked producers must see the failure
      },
    );

  const clients = Array.from({ length: options.producers + options.consumers }, () =>
    createQueueClient(options.endpoint),
  );
  const watchdog = setInterval(() => {
    if (performance.now() - lastProgress > options.stallMs) {
      failure ??= new Error(
        `No acknowledgement for ${options.stallMs} ms: ${acknowledged} of ${total} acknowledged, ` +
          `${nextToSend} sent`,
      );
      backlog.close();
    }
  }, 250);
  const startedAt = performance.now();
  try {
    await Promise.all(
      clients.map((client, i) => guard(i < options.producers ? produce(client) : consume(client))),
    );
  } finally {
    clearInterval(watchdog);
    clients.forEach((client) => client.close());
  }
  if (failure) {
    throw failure;
  }
  const latencies = Array.from(ackAnswered, (ack, n) => ack - (sendAnswered[n] ?? Number.NaN));
  const seconds = (lastAck - startedAt) / 1000;
  return {
    seconds,
    messagesPerSecond: total / seconds,
    latency: summarize(latencies),
    receives,
    emptyReceives,
    redelivered,
    acknowledgedBeforeSendAnswer: latencies.filter((ms) => ms < 0).length,
    producersWaited: sends === 0 ? 0 : sendsThatWaited / sends,
  };
}
