import { openLocalIssuer } from '../infra/local/auth/local-issuer';
import { dataDirLayout } from '../infra/local/data-dir';
import { useLocalApi } from '../infra/local/testing/local-api';
import {
  checkAcknowledgedExactlyOnce,
  checkDeliveriesMatchSends,
  checkFifoOrder,
  checkNeverInFlightTwice,
  checkStaleHandles,
  DeliveryLedger,
  type LedgerSummary,
} from './testing/delivery-ledger';
import { QueueClient } from './testing/queue-client';
import {
  acknowledge,
  consume,
  fifoSendPlan,
  produce,
  seededRandom,
  standardSendPlan,
  type PlannedSend,
} from './testing/queue-workload';

/**
 * Courier's delivery guarantees under concurrency, on the local engine and DynamoDB Local:
 * producers and consumers each on a keep-alive connection of their own, consumers that abandon
 * some deliveries (seeded, so the choices replay), short visibility timeouts so abandoned
 * messages come back during the run.
 *
 * Timing checks use the server's timestamps (ISO strings with milliseconds, one machine clock):
 * a delivery's claim time is its visibleUntil minus the visibility timeout the receive asked for,
 * since the server sets visibleUntil = claim time + timeout. One client time is used, only as a
 * lower bound: a message cannot have been deleted before its acknowledgement request was sent
 * (acknowledgedAt is stamped after the deletion and the group's release, so it is no upper bound
 * of the deletion to judge another delivery by). See delivery-ledger.ts.
 */
const local = useLocalApi({ api: 'courier' });
let admin: Record<string, string>;
const clients: QueueClient[] = [];

beforeAll(async () => {
  const issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
  admin = { 'x-api-key': '', authorization: issuer.mint({ username: 'root', groups: ['admins'] }) };
});

afterAll(() => clients.forEach((client) => client.close()));

const SEED = 20_261_121;

interface Workload {
  readonly queue: string;
  readonly fifo: boolean;
  readonly plans: readonly (readonly PlannedSend[])[];
  /** One per consumer: its receive size and how often it abandons a delivery. */
  readonly consumers: readonly { readonly maxMessages: number; readonly abandonRate: number }[];
  readonly visibilityTimeoutSeconds: number;
  /** Consumers stop after this long even if messages are left (then the checks fail). */
  readonly budgetMs: number;
}

interface WorkloadRun {
  readonly ledger: DeliveryLedger;
  readonly durationMs: number;
  /** When the last producer was done. */
  readonly producedMs: number;
  /** Every message acknowledged before the budget ran out. */
  readonly finished: boolean;
  readonly consumerPorts: ReadonlySet<number>[];
  readonly finalProbes: number;
}

function openClient(): QueueClient {
  const client = new QueueClient({ url: local.api.url, apiKey: local.api.apiKey });
  clients.push(client);
  return client;
}

async function createQueue(name: string, fifo: boolean, visibilityTimeoutSeconds: number) {
  const answer = await local.graphql(
    'mutation ($input: CreateQueueInput!) { createQueue(input: $input) { name } }',
    { input: { name, type: fifo ? 'FIFO' : 'STANDARD', visibilityTimeoutSeconds } },
    admin,
  );
  expect(answer.body).toEqual({ data: { createQueue: { name } } });
}

/**
 * Producers and consumers at once; then, with every message gone, handles never tried and a
 * sample of used ones are acknowledged once more (all must be refused).
 */
async function runWorkload(workload: Workload): Promise<WorkloadRun> {
  const ledger = new DeliveryLedger(workload.visibilityTimeoutSeconds * 1000);
  const total = workload.plans.reduce((sum, plan) => sum + plan.length, 0);
  const started = Date.now();
  const consumerClients = workload.consumers.map(() => openClient());
  // Even producers send one message per request, odd ones ten per sendMessageBatch.
  let producedMs = 0;
  const producing = workload.plans.map(async (plan, index) => {
    await produce(openClient(), workload.queue, plan, ledger, index % 2 === 0 ? 1 : 10);
    producedMs = Math.max(producedMs, Date.now() - started);
  });
  const consuming = workload.consumers.map(({ maxMessages, abandonRate }, index) =>
    consume(
      consumerClients[index] ?? openClient(),
      {
        index,
        queue: workload.queue,
        fifo: workload.fifo,
        maxMessages,
        visibilityTimeoutSeconds: workload.visibilityTimeoutSeconds,
        abandonRate,
        random: seededRandom(SEED + index),
        idleMs: 250,
        done: () => ledger.sends.size === total && ledger.acknowledgedCount() === total,
        deadline: started + workload.budgetMs,
      },
      ledger,
    ),
  );
  // Settle everything before judging, so no consumer outlives a failed producer.
  const outcomes = await Promise.allSettled([...producing, ...consuming]);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    throw failure.reason;
  }
  const durationMs = Date.now() - started;
  const leftovers = ledger.finalProbes(20).map((handle) => ({
    ...handle,
    purpose: 'probe' as const,
    groupId: null,
  }));
  await acknowledge(consumerClients[0] ?? openClient(), workload.queue, -1, leftovers, ledger);
  return {
    ledger,
    durationMs,
    producedMs,
    finished: ledger.acknowledgedCount() === total,
    consumerPorts: consumerClients.map((client) => client.localPorts),
    finalProbes: leftovers.length,
  };
}

/** Violations, shown a few at a time with their timelines. */
function expectNone(check: string, problems: readonly string[]) {
  expect({ check, violations: problems.length, first: problems.slice(0, 3) }).toEqual({
    check,
    violations: 0,
    first: [],
  });
}

/** Nothing left: stats all zero and a receive finds nothing. */
async function expectDrained(queue: string) {
  const client = openClient();
  expect(await client.queueStats(queue)).toEqual({
    available: 0,
    inFlight: 0,
    delayed: 0,
    oldestMessageSentAt: null,
  });
  expect(
    await client.receiveMessages(queue, { maxMessages: 10, visibilityTimeoutSeconds: 1 }),
  ).toEqual([]);
}

/** Each consumer kept exactly one connection, and no two shared one. */
function expectSeparateConnections(ports: readonly ReadonlySet<number>[]) {
  expect(ports.map((used) => used.size)).toEqual(ports.map(() => 1));
  expect(new Set(ports.flatMap((used) => [...used])).size).toBe(ports.length);
}

function report(name: string, run: WorkloadRun, summary: LedgerSummary) {
  console.log(
    `${name}: ${JSON.stringify({ durationMs: run.durationMs, producedMs: run.producedMs, finalProbes: run.finalProbes, ...summary })}`,
  );
}

/** Four consumers: two abandon about one delivery in ten; receive sizes vary up to 10. */
const CONSUMERS = [
  { maxMessages: 10, abandonRate: 0.1 },
  { maxMessages: 5, abandonRate: 0 },
  { maxMessages: 10, abandonRate: 0.1 },
  { maxMessages: 3, abandonRate: 0 },
];

/** The checks both queue types must pass, and the run's counts for the log. */
async function expectDelivered(name: string, workload: Workload, run: WorkloadRun, sent: number) {
  const { ledger } = run;
  const summary = ledger.summary();
  report(name, run, summary);
  expect({ sent: summary.sent, finishedInBudget: run.finished }).toEqual({
    sent,
    finishedInBudget: true,
  });
  expectNone('acknowledged exactly once', checkAcknowledgedExactlyOnce(ledger));
  expectNone('deliveries match sends', checkDeliveriesMatchSends(ledger));
  expectNone('never in flight twice', checkNeverInFlightTwice(ledger));
  expectNone('stale handles refused', checkStaleHandles(ledger));
  // Abandoned deliveries came back, and every handle a redelivery superseded was tried once
  // (during the run or at the end) and refused, as were second acknowledgements.
  expect(summary.redeliveries).toBeGreaterThan(0);
  expect(summary.staleProbes).toBeGreaterThanOrEqual(summary.redeliveries);
  expectSeparateConnections(run.consumerPorts);
  await expectDrained(workload.queue);
}

/**
 * `npm test` runs a few hundred messages; `npm run test:queues-at-scale` sets QUEUE_SCALE=12
 * (1,920 FIFO messages in 16 groups, 4,800 standard ones; several minutes on two cores).
 */
const SCALE = Math.max(1, Number(process.env['QUEUE_SCALE'] ?? '1') || 1);
const FIFO_PER_GROUP = 10 * SCALE;
const STANDARD_MESSAGES = 400 * SCALE;

describe('message delivery under concurrent producers and consumers', () => {
  it(
    'FIFO: acknowledges every message once, in group order, never in flight twice',
    async () => {
      const workload: Workload = {
        queue: 'parcels.fifo',
        fifo: true,
        // 16 groups of FIFO_PER_GROUP, dealt to 4 producers that go round their groups.
        plans: fifoSendPlan(16, FIFO_PER_GROUP, 4),
        consumers: CONSUMERS,
        visibilityTimeoutSeconds: 2,
        budgetMs: 46_000 * SCALE,
      };
      await createQueue(workload.queue, true, workload.visibilityTimeoutSeconds);
      const run = await runWorkload(workload);
      await expectDelivered('FIFO', workload, run, 16 * FIFO_PER_GROUP);
      expectNone('group order', checkFifoOrder(run.ledger));
    },
    52_000 * SCALE,
  );

  it(
    'STANDARD: acknowledges every message once, never in flight to two consumers at once',
    async () => {
      const workload: Workload = {
        queue: 'parcels',
        fifo: false,
        plans: standardSendPlan(STANDARD_MESSAGES, 4),
        consumers: CONSUMERS,
        visibilityTimeoutSeconds: 2,
        budgetMs: 30_000 * SCALE,
      };
      await createQueue(workload.queue, false, workload.visibilityTimeoutSeconds);
      const run = await runWorkload(workload);
      await expectDelivered('STANDARD', workload, run, STANDARD_MESSAGES);
    },
    35_000 * SCALE,
  );
});
