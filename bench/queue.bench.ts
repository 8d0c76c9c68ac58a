/**
 * Courier's queues end to end through the local engine, side by side in one run:
 * 1. messages per second from send to acknowledgement, on a standard queue and on a FIFO queue
 *    (messages spread over 32 groups), with 1 and with 8 consumers, batched (sendMessageBatch,
 *    receive up to 10, acknowledgeMessageBatch) and one message per call (sendMessage,
 *    acknowledgeMessage); latency per message from its send's answer to its acknowledgement's;
 * 2. DynamoDB requests per message, by operation, counted by a proxy that every request of the
 *    engine's data sources and of the Lambdas passes through;
 * 3. the baseline: PutItem of a message-sized item straight to the same DynamoDB Local with the AWS
 *    SDK by 1 and by 8 callers, and the same through the proxy (what counting costs).
 * The engine and the proxy run in child processes; clients and load come from this one.
 */
import os from 'node:os';
import { startChildServer } from './support/child-server';
import {
  countsSince,
  readCounts,
  totalRequests,
  type RequestCounts,
} from './support/dynamodb-counter';
import { createQueue, type Endpoint } from './support/queue-client';
import { runFlow, type FlowResult } from './support/queue-flow';
import { rawPutRate, type DynamoDbTarget } from './support/raw-put-item';

// Courier pins its AWS SDK; its notice about future Node versions would only clutter the figures.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/** Messages per batched case; cases of single calls send fewer, as each costs more calls. */
const MESSAGES = Number(process.env['BENCH_MESSAGES'] ?? 300);
const SINGLE_MESSAGES = Number(process.env['BENCH_SINGLE_MESSAGES'] ?? 150);
const RAW_PUTS = Number(process.env['BENCH_RAW_PUTS'] ?? 500);
const WARMUP_MESSAGES = Number(process.env['BENCH_WARMUP_MESSAGES'] ?? 100);
const FIFO_GROUPS = 32;
const BODY_BYTES = 256;
const RECEIVE_MAX = 10;
/** Long polling, as consumers normally receive; a busy queue answers at once anyway. */
const WAIT_SECONDS = 1;
/** Messages outstanding (sent, not yet acknowledged) per consumer, at most. */
const OUTSTANDING_PER_CONSUMER = 2 * RECEIVE_MAX;
const PRODUCERS = 2;
const STALL_MS = 20_000;
const MESSAGES_TABLE = 'messages';

type QueueType = 'STANDARD' | 'FIFO';

interface Case {
  readonly type: QueueType;
  readonly consumers: number;
  readonly batched: boolean;
}

interface CaseResult {
  readonly spec: Case;
  readonly messages: number;
  readonly flow: FlowResult;
  readonly counts: RequestCounts;
}

interface Endpoints {
  readonly url: string;
  readonly apiKey: string;
  readonly adminToken: string;
  readonly dynamodb: DynamoDbTarget;
  readonly counterUrl: string;
}

const CASES: readonly Case[] = (['STANDARD', 'FIFO'] as const).flatMap((type) =>
  [true, false].flatMap((batched) => [1, 8].map((consumers) => ({ type, consumers, batched }))),
);
const CONCURRENCIES = [...new Set(CASES.map((c) => c.consumers))];

const caseName = (c: Case): string =>
  `${c.type === 'FIFO' ? 'FIFO' : 'standard'}, ${c.consumers} consumer${c.consumers === 1 ? '' : 's'}, ` +
  (c.batched ? 'batched' : 'single calls');

function queueName(c: Case, run: string): string {
  const base = `bench-${run}-${c.type.toLowerCase()}-${c.consumers}-${c.batched ? 'batch' : 'single'}`;
  return c.type === 'FIFO' ? `${base}.fifo` : base;
}

async function runCase(endpoints: Endpoints, spec: Case, messages: number, run: string) {
  const client: Endpoint = { url: endpoints.url, headers: { 'x-api-key': endpoints.apiKey } };
  const queue = queueName(spec, run);
  await createQueue(
    { url: endpoints.url, headers: { 'x-api-key': '', authorization: endpoints.adminToken } },
    { name: queue, type: spec.type },
  );
  const before = await readCounts(endpoints.counterUrl);
  // Read at the last acknowledgement: consumers' last empty polls are not the messages' cost.
  let after: Promise<RequestCounts> | undefined;
  const flow = await runFlow({
    endpoint: client,
    queue,
    ...(spec.type === 'FIFO' ? { groups: FIFO_GROUPS } : {}),
    messages,
    producers: PRODUCERS,
    consumers: spec.consumers,
    batched: spec.batched,
    receiveMax: RECEIVE_MAX,
    waitTimeSeconds: WAIT_SECONDS,
    outstanding: spec.consumers * OUTSTANDING_PER_CONSUMER,
    bodyBytes: BODY_BYTES,
    stallMs: STALL_MS,
    onAllAcknowledged: () => {
      after = readCounts(endpoints.counterUrl);
    },
  });
  const counts = countsSince(before, await (after ?? readCounts(endpoints.counterUrl)));
  return { spec, messages, flow, counts };
}

/** Raw PutItem rate per concurrency, straight to DynamoDB Local and through the proxy. */
async function rawRates(endpoints: Endpoints, label: string, rounds: number) {
  const direct = new Map<number, number>();
  const proxied = new Map<number, number>();
  const best = (rates: Map<number, number>, concurrency: number, rate: number) =>
    rates.set(concurrency, Math.max(rate, rates.get(concurrency) ?? 0));
  // Alternating rounds, best of each: neither side gets the JVM's later warmth alone.
  for (let round = 0; round < rounds; round += 1) {
    for (const concurrency of CONCURRENCIES) {
      const options = { table: MESSAGES_TABLE, concurrency, puts: RAW_PUTS, bodyBytes: BODY_BYTES };
      const tag = `${label}-${round}-${concurrency}`;
      best(
        direct,
        concurrency,
        await rawPutRate(endpoints.dynamodb, { ...options, label: `${tag}d` }),
      );
      best(
        proxied,
        concurrency,
        await rawPutRate(
          { ...endpoints.dynamodb, endpoint: endpoints.counterUrl },
          { ...options, label: `${tag}p` },
        ),
      );
    }
  }
  return { direct, proxied };
}

/** Every Lambda and resolver started, DynamoDB Local's JVM compiled: nothing below is cold. */
async function warmUp(endpoints: Endpoints): Promise<void> {
  await rawRates(endpoints, 'warmup', 1);
  for (const spec of CASES.filter((c) => c.consumers === Math.max(...CONCURRENCIES))) {
    const messages = spec.batched ? WARMUP_MESSAGES : WARMUP_MESSAGES / 4;
    await runCase(endpoints, spec, messages, 'warmup');
  }
}

const count = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;
const share = (value: number) => {
  if (value > 0 && value < 0.005) {
    return '<0.01';
  }
  return value >= 10 ? value.toFixed(0) : value.toFixed(2).replace(/\.?0+$/, '');
};
const pad = (text: string, width: number) => text.padEnd(width);

/** `4.1 (PutItem 1, Query 0.3, ...)`, largest first; failed answers after a semicolon. */
function perMessage(counts: RequestCounts, messages: number): string {
  const entries = Object.entries(counts).sort(([, a], [, b]) => b.requests - a.requests);
  const parts = entries.map(([name, entry]) => `${name} ${share(entry.requests / messages)}`);
  const failed = entries
    .filter(([, entry]) => entry.failed > 0)
    .map(([name, entry]) => `${name} ${share(entry.failed / messages)}`);
  return (
    `${(totalRequests(counts) / messages).toFixed(1)} (${parts.join(', ')})` +
    (failed.length > 0 ? `; failed conditions/transactions: ${failed.join(', ')}` : '')
  );
}

function print(results: readonly CaseResult[], raw: Awaited<ReturnType<typeof rawRates>>): void {
  console.log(
    `${MESSAGES} messages per batched case, ${SINGLE_MESSAGES} per single-call case; ${BODY_BYTES}-byte ` +
      `bodies; FIFO spread over ${FIFO_GROUPS} groups; ${PRODUCERS} producers; receive up to ` +
      `${RECEIVE_MAX}, waitTimeSeconds ${WAIT_SECONDS}; at most ${OUTSTANDING_PER_CONSUMER} messages ` +
      'outstanding per consumer',
  );
  console.log(
    "Latency: from the send's answer to the acknowledgement's answer, per message; " +
      '2 cores shared by clients, engine, proxy and DynamoDB Local',
  );
  console.log(
    'Sends waited: share of sends held back because the backlog was full (near 100%: consumers ' +
      'set the pace; near 0%: they kept up, or the machine, not the consumers, was the limit)',
  );
  console.log('');
  console.log(`Raw PutItem of a message-sized item (${RAW_PUTS} puts, AWS SDK from Node)`);
  for (const concurrency of CONCURRENCIES) {
    const direct = raw.direct.get(concurrency) ?? Number.NaN;
    const proxied = raw.proxied.get(concurrency) ?? Number.NaN;
    console.log(
      `  ${concurrency} caller${concurrency === 1 ? ' ' : 's'}  straight ${pad(`${count(direct)}/s`, 9)}` +
        `through the counting proxy ${count(proxied)}/s (${(proxied / direct).toFixed(2)})`,
    );
  }
  console.log('');
  console.log(
    `  ${pad('case', 37)}${pad('msgs/s', 8)}${pad('p50', 9)}${pad('p99', 9)}${pad('max', 9)}` +
      `${pad('receives (empty)', 18)}${pad('sends waited', 14)}${pad('/ raw put', 10)}requests/msg`,
  );
  for (const r of results) {
    const rawRate = raw.direct.get(r.spec.consumers) ?? Number.NaN;
    console.log(
      `  ${pad(caseName(r.spec), 37)}${pad(count(r.flow.messagesPerSecond), 8)}` +
        `${pad(ms(r.flow.latency.p50), 9)}${pad(ms(r.flow.latency.p99), 9)}` +
        `${pad(ms(r.flow.latency.max), 9)}` +
        `${pad(`${r.flow.receives} (${r.flow.emptyReceives})`, 18)}` +
        `${pad(`${Math.round(r.flow.producersWaited * 100)}%`, 14)}` +
        `${pad((r.flow.messagesPerSecond / rawRate).toFixed(2), 10)}` +
        `${(totalRequests(r.counts) / r.messages).toFixed(1)}`,
    );
    if (r.flow.redelivered > 0 || r.flow.acknowledgedBeforeSendAnswer > 0) {
      console.log(
        `    redelivered after acknowledgement: ${r.flow.redelivered}; acknowledged before the ` +
          `send's answer arrived: ${r.flow.acknowledgedBeforeSendAnswer}`,
      );
    }
  }
  console.log('');
  console.log('DynamoDB requests per message, by operation (raw rate: same number of callers)');
  for (const r of results) {
    const rawRate = raw.direct.get(r.spec.consumers) ?? Number.NaN;
    console.log(
      `  ${caseName(r.spec)}: ${count(r.flow.messagesPerSecond)} msgs/s = ` +
        `${(r.flow.messagesPerSecond / rawRate).toFixed(2)} of raw PutItem rate; ` +
        `requests/message: ${perMessage(r.counts, r.messages)}`,
    );
  }
}

async function main(): Promise<void> {
  const startLoad = os.loadavg()[0] ?? Number.NaN;
  const server = await startChildServer('serve-queue-engine.ts');
  const endpoints = server.info as unknown as Endpoints;
  try {
    await warmUp(endpoints);
    const raw = await rawRates(endpoints, 'measured', 2);
    const results: CaseResult[] = [];
    for (const spec of CASES) {
      results.push(
        await runCase(endpoints, spec, spec.batched ? MESSAGES : SINGLE_MESSAGES, 'measured'),
      );
    }
    print(results, raw);
    console.log('');
    const endLoad = os.loadavg()[0] ?? Number.NaN;
    const cores = os.availableParallelism();
    console.log(
      `Load average (1 min) at start ${startLoad.toFixed(1)}, at end ${endLoad.toFixed(1)} on ` +
        `${cores} cores` +
        (Math.max(startLoad, endLoad) > cores ? ': other work shared the machine.' : '.'),
    );
  } finally {
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
