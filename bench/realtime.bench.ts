/**
 * Subscriptions through the local engine, in one run: a mutation over HTTP, and the
 * Subscription.onItemPut data frames it fans out to 1, 100 and 1,000 subscribers on raw
 * WebSocket clients (AppSync's realtime protocol). Two triggers, same subscriptions:
 * `putItem` (a DynamoDB Local write, the real path) and `pipelinePut(skipWrite: true)` (the same
 * publication through a 3-function pipeline that returns early: no write), so the fan-out's
 * own cost shows apart from DynamoDB Local's. For each trigger and level:
 * 1. latency: sequential mutations, each timed from sending its HTTP request to the arrival of
 *    every subscriber's data frame (p50, p99), next to the mutation's own HTTP round trip;
 * 2. fan-out throughput: a few concurrent callers for a few seconds, data frames delivered/s;
 * 3. lost events: every subscriber must receive every event (warm-up included).
 * Printed against the references: one subscriber on a local AppSync simulator measured on this
 * machine class, p50 ~0.9 ms and p99 6-10 ms; Courier's goal, p99 under 5 ms with 100
 * subscribers and nothing lost. The server runs in a child process; clients and load come from
 * this one, so both share the machine's cores with DynamoDB Local.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { startChildServer } from './support/child-server';
import { FanoutLedger, phaseSamples, type PhaseSamples } from './support/fanout-ledger';
import { createJsonPoster, type JsonPoster } from './support/json-poster';
import { summarize, type LatencySummary } from './support/latency-stats';
import { openSubscribers } from './support/realtime-subscribers';

// Courier pins its AWS SDK; its notice about future Node versions would only clutter the figures.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const LEVELS = [1, 100, 1000] as const;
const MUTATIONS = Number(process.env['BENCH_MUTATIONS'] ?? 300);
const WARMUP = Number(process.env['BENCH_WARMUP'] ?? 50);
/** Subscriptions per WebSocket connection: many clients with a few subscriptions each. */
const PER_CONNECTION = Number(process.env['BENCH_SUBSCRIPTIONS_PER_CONNECTION'] ?? 10);
const THROUGHPUT_S = Number(process.env['BENCH_SECONDS'] ?? 3);
const THROUGHPUT_CALLERS = 4;
/** Concurrent putItem load before anything is measured: DynamoDB Local's JVM compiles late. */
const GLOBAL_WARMUP_S = Number(process.env['BENCH_WARMUP_SECONDS'] ?? 4);
/** How long one event may take to reach everyone before the run moves on (it may still come). */
const EVENT_TIMEOUT_MS = 2_000;
/** How long, after the last mutation of a level, late frames may still arrive. */
const SETTLE_MS = 5_000;

const REFERENCE_P50_MS = 0.9;
const REFERENCE_P99_MS = [6, 10] as const;
const GOAL_P99_MS = 5;
const GOAL_LEVEL = 100;

/** A mutation that publishes to onItemPut(pk). */
interface Trigger {
  readonly name: string;
  readonly query: (pk: string) => string;
}

const PUT_ITEM: Trigger = {
  name: 'putItem (DynamoDB Local write)',
  query: (pk) =>
    `mutation ($sk: String!) { putItem(pk: ${JSON.stringify(pk)}, sk: $sk, kind: "k") { pk sk } }`,
};
const NO_WRITE: Trigger = {
  name: 'pipelinePut(skipWrite: true) (no write)',
  query: (pk) =>
    `mutation ($sk: String!) { pipelinePut(pk: ${JSON.stringify(pk)}, sk: $sk, kind: "k", skipWrite: true) { pk sk } }`,
};
const SUBSCRIPTION = 'subscription ($pk: String) { onItemPut(pk: $pk) { sk } }';

interface Endpoints {
  readonly url: string;
  readonly realtimeUrl: string;
  readonly apiKey: string;
  readonly dynamodb: {
    readonly endpoint: string;
    readonly region: string;
    readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  };
}

interface LevelResult {
  readonly subscribers: number;
  readonly connections: number;
  readonly latency: LatencySummary;
  readonly allDelivered: LatencySummary;
  readonly roundTrip: LatencySummary;
  readonly mutationsPerSecond: number;
  readonly framesPerSecond: number;
  readonly events: number;
  readonly lost: number;
  readonly duplicates: number;
  readonly unexpected: readonly string[];
}

/** The event number a data frame carries (the put item's sk), if it carries one. */
function eventOf(payload: unknown): number | undefined {
  const data = (payload as { data?: { onItemPut?: { sk?: unknown } | null } } | null)?.data;
  const sk = data?.onItemPut?.sk;
  return typeof sk === 'string' ? Number(sk) : undefined;
}

async function checked(poster: JsonPoster, body: string): Promise<void> {
  const answer = await poster.post(body);
  if (answer.status !== 200 || answer.text.includes('"errors"')) {
    throw new Error(`The mutation answered ${answer.status}: ${answer.text}`);
  }
}

async function runLevel(
  endpoints: Endpoints,
  poster: JsonPoster,
  trigger: Trigger,
  subscribers: number,
): Promise<LevelResult> {
  // A pk per run: subscriptions of an earlier level can never match.
  const pk = `realtime-bench-${trigger === PUT_ITEM ? 'put' : 'nowrite'}-${subscribers}`;
  const ledger = new FanoutLedger(subscribers);
  const group = await openSubscribers({
    realtimeUrl: endpoints.realtimeUrl,
    host: new URL(endpoints.url).host,
    apiKey: endpoints.apiKey,
    count: subscribers,
    perConnection: PER_CONNECTION,
    query: SUBSCRIPTION,
    variables: { pk },
    onData: (subscriber, payload, at) => {
      const n = eventOf(payload);
      if (n === undefined) {
        ledger.unknown += 1;
      } else {
        ledger.arrive(subscriber, n, at);
      }
    },
  });
  const query = trigger.query(pk);
  let next = 0;
  const send = async (samples: PhaseSamples | null, roundTrips?: number[]): Promise<number> => {
    const n = next;
    next += 1;
    const body = JSON.stringify({ query, variables: { sk: String(n) } });
    const sentAt = performance.now();
    ledger.sent(n, sentAt, samples);
    await checked(poster, body);
    roundTrips?.push(performance.now() - sentAt);
    return n;
  };

  try {
    for (let i = 0; i < WARMUP; i += 1) {
      await ledger.delivered(await send(null), EVENT_TIMEOUT_MS);
    }

    const sequential = phaseSamples();
    const roundTrips: number[] = [];
    for (let i = 0; i < MUTATIONS; i += 1) {
      await ledger.delivered(await send(sequential, roundTrips), EVENT_TIMEOUT_MS);
    }

    const throughput = phaseSamples();
    const startedAt = performance.now();
    const deadline = startedAt + THROUGHPUT_S * 1000;
    let mutations = 0;
    await Promise.all(
      Array.from({ length: THROUGHPUT_CALLERS }, async () => {
        while (performance.now() < deadline) {
          await send(throughput);
          mutations += 1;
        }
      }),
    );
    const sentFor = (performance.now() - startedAt) / 1000;
    await ledger.settled(SETTLE_MS);
    const deliveredFor = (throughput.lastArrival - startedAt) / 1000;

    return {
      subscribers,
      connections: group.connections,
      latency: summarize(sequential.latencies),
      allDelivered: summarize(sequential.allDelivered),
      roundTrip: summarize(roundTrips),
      mutationsPerSecond: mutations / sentFor,
      framesPerSecond: throughput.frames / Math.max(deliveredFor, sentFor),
      events: ledger.size,
      lost: ledger.lost(),
      duplicates: ledger.duplicates + ledger.unknown,
      unexpected: group.unexpected,
    };
  } finally {
    await group.close();
  }
}

/** THROUGHPUT_CALLERS callers sending putItem through the engine (no subscriber) for `seconds`. */
async function warmUp(poster: JsonPoster, seconds: number): Promise<void> {
  const query = PUT_ITEM.query('realtime-bench-warmup');
  const deadline = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: THROUGHPUT_CALLERS }, async () => {
      while (performance.now() < deadline) {
        n += 1;
        await checked(poster, JSON.stringify({ query, variables: { sk: String(n) } }));
      }
    }),
  );
}

/** Sequential PutItems straight to the same DynamoDB Local: the write's own cost. */
async function directPutItem(endpoints: Endpoints): Promise<LatencySummary> {
  const client = new DynamoDBClient({
    endpoint: endpoints.dynamodb.endpoint,
    region: endpoints.dynamodb.region,
    credentials: { ...endpoints.dynamodb.credentials },
  });
  const put = (n: number) =>
    client.send(
      new PutItemCommand({
        TableName: 'items',
        Item: { pk: { S: 'realtime-bench-direct' }, sk: { S: String(n) }, kind: { S: 'k' } },
      }),
    );
  try {
    for (let i = 0; i < WARMUP; i += 1) {
      await put(i);
    }
    const samples: number[] = [];
    for (let i = 0; i < MUTATIONS; i += 1) {
      const startedAt = performance.now();
      await put(i);
      samples.push(performance.now() - startedAt);
    }
    return summarize(samples);
  } finally {
    client.destroy();
  }
}

const ms = (value: number) => `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms`;
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const ratio = (value: number) => value.toFixed(2);
const pad = (text: string, width: number) => text.padEnd(width);
const percent = (part: number, whole: number) => `${Math.round((part / whole) * 100)}%`;

function printTable(trigger: Trigger, results: readonly LevelResult[]): void {
  console.log(trigger.name);
  console.log(
    `  ${pad('subscribers', 13)}${pad('conns', 7)}${pad('p50', 10)}${pad('p99', 10)}` +
      `${pad('max', 10)}${pad('all-got p99', 13)}${pad('mutation RT p50', 17)}` +
      `${pad('fan-out', 18)}${pad('mutations/s', 13)}lost`,
  );
  for (const r of results) {
    console.log(
      `  ${pad(count(r.subscribers), 13)}${pad(String(r.connections), 7)}` +
        `${pad(ms(r.latency.p50), 10)}${pad(ms(r.latency.p99), 10)}${pad(ms(r.latency.max), 10)}` +
        `${pad(ms(r.allDelivered.p99), 13)}${pad(ms(r.roundTrip.p50), 17)}` +
        `${pad(`${count(r.framesPerSecond)} events/s`, 18)}${pad(count(r.mutationsPerSecond), 13)}` +
        `lost: ${r.lost} of ${count(r.events * r.subscribers)}`,
    );
    if (r.duplicates > 0 || r.unexpected.length > 0) {
      console.log(
        `    ${r.duplicates} duplicate or unknown frames; unexpected: ` +
          `${r.unexpected.slice(0, 3).join('; ') || 'none'}`,
      );
    }
  }
}

function printRatios(label: string, results: readonly LevelResult[]): void {
  const one = results.find((r) => r.subscribers === 1);
  const goal = results.find((r) => r.subscribers === GOAL_LEVEL);
  console.log(label);
  if (one) {
    const [low, high] = REFERENCE_P99_MS;
    console.log(
      `  1 subscriber    p50 / 0.9 ms:        ${ratio(one.latency.p50 / REFERENCE_P50_MS)}` +
        `   p99 / 6-10 ms: ${ratio(one.latency.p99 / low)}-${ratio(one.latency.p99 / high)}` +
        '   (simulator measured here; lower is faster)',
    );
  }
  if (goal) {
    console.log(
      `  ${GOAL_LEVEL} subscribers p99 / 5 ms:          ${ratio(goal.latency.p99 / GOAL_P99_MS)}` +
        `   lost: ${goal.lost}   (goal: < 1.00, lost 0)`,
    );
  }
}

function print(
  put: readonly LevelResult[],
  noWrite: readonly LevelResult[],
  direct: LatencySummary,
): void {
  console.log(
    `${GLOBAL_WARMUP_S} s of putItem load first; per level ${WARMUP} warm-up then ${MUTATIONS} ` +
      `sequential mutations; ${PER_CONNECTION} subscriptions per WebSocket connection; ` +
      `throughput: ${THROUGHPUT_CALLERS} concurrent callers for ${THROUGHPUT_S} s`,
  );
  console.log(
    'Latency: from sending the mutation over HTTP to each data frame arriving ' +
      "(all-got: to the last subscriber's); 2 cores shared by clients, engine and DynamoDB Local",
  );
  console.log('');
  printTable(PUT_ITEM, put);
  console.log('');
  printTable(NO_WRITE, noWrite);
  console.log('');
  console.log(
    `DynamoDB Local PutItem alone (direct from Node, sequential): p50 ${ms(direct.p50)}  ` +
      `p99 ${ms(direct.p99)}`,
  );
  console.log('');
  printRatios('Ratios, putItem (the real path)', put);
  printRatios('Ratios, no write (fan-out through the engine alone)', noWrite);
  const lost = [...put, ...noWrite].reduce((sum, r) => sum + r.lost, 0);
  console.log(
    `Lost over all runs: ${lost} (each subscriber must receive every event, warm-up included)`,
  );

  // Subscribers hear of a mutation before its caller does, so the write is on every path.
  const one = put.find((r) => r.subscribers === 1);
  const largest = put[put.length - 1];
  if (one) {
    const write = direct.p50 / one.latency.p50;
    console.log('');
    console.log(
      write >= 0.5
        ? `The server-side mutation through DynamoDB dominates with 1 subscriber: the DynamoDB ` +
            `Local write alone (${ms(direct.p50)}) is ${percent(direct.p50, one.latency.p50)} of ` +
            `p50 ${ms(one.latency.p50)}.`
        : `With 1 subscriber the DynamoDB Local write (${ms(direct.p50)}) is ` +
            `${percent(direct.p50, one.latency.p50)} of p50 ${ms(one.latency.p50)}; engine, ` +
            'fan-out and WebSocket take the rest.',
    );
  }
  if (largest && largest !== one) {
    const write = direct.p50 / largest.latency.p50;
    console.log(
      write >= 0.5
        ? `At ${count(largest.subscribers)} subscribers the write still dominates: ` +
            `${percent(direct.p50, largest.latency.p50)} of p50 ${ms(largest.latency.p50)}.`
        : `At ${count(largest.subscribers)} subscribers the fan-out dominates: the write is ` +
            `${percent(direct.p50, largest.latency.p50)} of p50 ${ms(largest.latency.p50)}; the ` +
            `mutation's round trip (${ms(largest.roundTrip.p50)}) includes the whole fan-out, ` +
            "as subscribers are served before the caller's response.",
    );
  }
}

async function main(): Promise<void> {
  const server = await startChildServer('serve-engine.ts');
  const endpoints = server.info as unknown as Endpoints;
  const poster = createJsonPoster(
    endpoints.url,
    { 'x-api-key': endpoints.apiKey },
    THROUGHPUT_CALLERS,
  );
  try {
    await warmUp(poster, GLOBAL_WARMUP_S);
    const direct = await directPutItem(endpoints);
    const put: LevelResult[] = [];
    const noWrite: LevelResult[] = [];
    for (const level of LEVELS) {
      put.push(await runLevel(endpoints, poster, PUT_ITEM, level));
      noWrite.push(await runLevel(endpoints, poster, NO_WRITE, level));
    }
    print(put, noWrite, direct);
  } finally {
    poster.close();
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
