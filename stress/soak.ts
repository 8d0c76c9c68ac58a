/**
 * `npm run soak`: one `courier start` on a persistent data directory (a temporary one), mixed
 * traffic at a steady rate for N minutes (sends standard and FIFO, single and batched; receives;
 * acknowledgements; stats; onMessageSent subscribers, some opened and closed all along). Every
 * 30 s the live heap after a full collection of each engine thread and of the JVM is sampled
 * (heap-sampler.ts), every 10 s their resident memory. Prints memory, requests and errors by type,
 * and whether every message arrived; exits 1 on errors, lost or repeated messages, or a growing
 * live heap (heap-report.ts). Ctrl-C ends early, stopping everything.
 *
 *   npm run soak -- [--minutes N (10)] [--rate R requests/s (25)] [--connections C (8)] [--seed S]
 *
 * The default rate is what the project's 2-core machine holds with few skipped ticks; at 40/s it
 * saturates (a sixth of the ticks skipped, p99 over a second). The engine runs each Lambda
 * function in worker threads, one per concurrent invocation (up to 16 per function, kept once
 * started): resident memory follows the traffic's concurrency and each heap's sizing, which is why
 * the verdict is on live heap and resident memory is only reported.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createQueues } from './support/admin';
import { startCourier, stopCourier, type CourierProcess } from './support/courier-process';
import { killHard } from './support/processes';
import { startHeapSampler } from './support/heap-sampler';
import {
  heapFigures,
  heapLines,
  memoryVerdict,
  objectGrowth,
  objectLines,
} from './support/heap-report';
import { inspectorUrl } from './support/inspector-session';
import { startRssSampler } from './support/rss-sampler';
import { seededRandom } from './support/seeded-random';
import { memoryFigures, memoryLines, trafficLines } from './support/soak-report';
import { startSoakSubscriptions } from './support/soak-subscriptions';
import { startSoakTraffic } from './support/soak-traffic';
import { warmUp, WARM_UP_QUEUES } from './support/warm-up';

const STANDARD = { name: 'soak-standard', fifo: false };
const FIFO = { name: 'soak-ordered.fifo', fifo: true };
const VISIBILITY_SECONDS = 10;
const SAMPLE_EVERY_MS = 10_000;
/** Each heap sample collects garbage in every thread and in the JVM: not too often. */
const HEAP_SAMPLE_EVERY_MS = 30_000;
const CHURN_EVERY_MS = 20_000;

function options(): { minutes: number; rate: number; connections: number; seed: number } {
  const { values } = parseArgs({
    options: {
      minutes: { type: 'string' },
      rate: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
    },
  });
  const connections = Number(values.connections ?? process.env['SOAK_CONNECTIONS'] ?? 8);
  const minutes = Number(values.minutes ?? process.env['SOAK_MINUTES'] ?? 10);
  const rate = Number(values.rate ?? process.env['SOAK_RATE'] ?? 25);
  const seed = Number(values.seed ?? Math.floor(Math.random() * 2 ** 31));
  if (!(minutes > 0) || !(rate > 0) || !Number.isInteger(seed) || !(connections >= 1)) {
    throw new Error(
      '--minutes and --rate take positive numbers, --connections and --seed whole numbers',
    );
  }
  return { minutes, rate, connections: Math.floor(connections), seed };
}

function threadRange(samples: readonly { engineThreads: number | undefined }[]): string {
  const counts = samples.map((s) => s.engineThreads).filter((n): n is number => n !== undefined);
  return `first ${counts[0] ?? '?'}, last ${counts.at(-1) ?? '?'}, max ${Math.max(0, ...counts)}`;
}

/** The size of DynamoDB Local's database files in the data directory, in MiB. */
async function databaseMib(dataDir: string): Promise<number> {
  const dir = path.join(dataDir, 'dynamodb');
  const files = await readdir(dir).catch(() => [] as string[]);
  const sizes = await Promise.all(
    files.map(async (file) => (await stat(path.join(dir, file))).size),
  );
  return sizes.reduce((sum, size) => sum + size, 0) / 2 ** 20;
}

/** Resolves after `ms`, or earlier when interrupted. */
function waitOrInterrupt(ms: number, interrupted: Promise<void>): Promise<void> {
  return Promise.race([new Promise<void>((resolve) => setTimeout(resolve, ms)), interrupted]);
}

async function main(): Promise<number> {
  const { minutes, rate, connections, seed } = options();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-soak-'));
  let courier: CourierProcess | undefined;
  let interrupt: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  let signals = 0;
  let firstSignalAt = 0;
  process.on('SIGINT', () => {
    // Under `npm run`, Ctrl-C arrives twice at once (from the terminal and relayed by tsx).
    if (signals > 0 && Date.now() - firstSignalAt < 2000) {
      return;
    }
    signals += 1;
    if (signals === 1) {
      firstSignalAt = Date.now();
      console.log('SIGINT: ending the soak early (again to kill at once)');
      interrupt();
      return;
    }
    courier?.tree().forEach((info) => killHard(info.pid));
    if (courier) killHard(courier.pid);
    void rm(dataDir, { recursive: true, force: true }).then(() => process.exit(130));
  });

  try {
    // The inspector (loopback, a free port) is how the heap sampler reaches every thread.
    courier = await startCourier({ dataDir, nodeArgs: ['--inspect=127.0.0.1:0'] });
    const engine = courier;
    console.log(
      `soak: ${minutes} min at ${rate} requests/s over ${connections} connections, seed ${seed}; courier start ready in ${engine.readyMs} ms (pid ${engine.pid}, JVM ${engine.jvmPid() ?? '?'})`,
    );
    await createQueues(engine.url, dataDir, [
      ...WARM_UP_QUEUES,
      { name: STANDARD.name, type: 'STANDARD', visibilityTimeoutSeconds: VISIBILITY_SECONDS },
      { name: FIFO.name, type: 'FIFO', visibilityTimeoutSeconds: VISIBILITY_SECONDS },
    ]);
    await warmUp(engine.url, engine.apiKey, connections);
    const subscriptions = await startSoakSubscriptions(
      engine,
      [STANDARD.name, FIFO.name],
      STANDARD.name,
      CHURN_EVERY_MS,
    );
    const jvm = engine.jvmPid();
    const traffic = startSoakTraffic({
      url: engine.url,
      apiKey: engine.apiKey,
      standard: STANDARD,
      fifo: FIFO,
      ratePerSecond: rate,
      connections,
      random: seededRandom(seed),
    });
    const started = Date.now();
    const inspector = inspectorUrl(engine.stderrTail());
    if (inspector === undefined) {
      throw new Error(`courier start printed no inspector address: ${engine.stderrTail()}`);
    }
    const heap = await startHeapSampler(inspector, jvm, HEAP_SAMPLE_EVERY_MS, (sample) => {
      const workers = [...sample.workersMib.values()].reduce((a, b) => a + b, 0);
      console.log(
        `t=${sample.atSeconds.toFixed(0)}s live heap: main ${sample.mainMib.toFixed(1)} MiB, ${sample.workersMib.size} workers ${workers.toFixed(1)} MiB, JVM ${sample.jvmMib?.toFixed(1) ?? '?'} MiB`,
      );
    });
    const sampler = startRssSampler(
      () => ({ engine: engine.pid, jvm }),
      SAMPLE_EVERY_MS,
      (sample) => {
        const c = traffic.counts();
        const errors = c.requests - (c.outcomes.get('ok') ?? 0);
        console.log(
          `t=${sample.atSeconds.toFixed(0)}s engine ${sample.engineMib?.toFixed(1) ?? '?'} MiB (${sample.engineThreads ?? '?'} threads), JVM ${sample.jvmMib?.toFixed(1) ?? '?'} MiB; ` +
            `requests ${c.requests}, errors ${errors}, skipped ${c.skippedTicks}, sent ${c.messagesSent}, acknowledged ${c.messagesAcknowledged}`,
        );
      },
    );
    // Snapshots of every thread at half time and at the end, traffic still running.
    await waitOrInterrupt((minutes * 60_000) / 2, interrupted);
    const halfway = signals === 0 ? await heap.snapshot() : undefined;
    await waitOrInterrupt(started + minutes * 60_000 - Date.now(), interrupted);
    const end = halfway === undefined || signals > 0 ? undefined : await heap.snapshot();
    const seconds = (Date.now() - started) / 1000;
    sampler.stop();
    await heap.stop();
    await traffic.stop();
    const drained = signals === 0 ? await traffic.drain(60_000) : false;
    await new Promise((resolve) => setTimeout(resolve, 2000)); // the last events on their way
    await subscriptions.close();

    const counts = traffic.counts();
    const missingAcks = [...traffic.sent.values()]
      .flatMap((ids) => [...ids])
      .filter((id) => !traffic.acknowledged.has(id)).length;
    const subscriberLines = subscriptions.permanent.map((received) => {
      const sent = traffic.sent.get(received.queue) ?? new Set<string>();
      const missing = received.ids.map((ids) => [...sent].filter((id) => !ids.has(id)).length);
      const extra = received.ids.map((ids) => [...ids].filter((id) => !sent.has(id)).length);
      return { queue: received.queue, missing, extra, repeats: received.repeats };
    });
    const churn = subscriptions.churn();
    const unexpected = subscriptions.unexpected();
    const engineMemory = memoryFigures(sampler.samples, (s) => s.engineMib);
    const jvmMemory = memoryFigures(sampler.samples, (s) => s.jvmMib);
    const liveHeap = heapFigures(heap.samples);
    const objects =
      halfway !== undefined && end !== undefined ? objectGrowth(halfway, end) : undefined;
    const memory = objects === undefined ? undefined : memoryVerdict(liveHeap, objects);

    const stopped = await stopCourier(engine);
    const dbMib = await databaseMib(dataDir);
    courier = undefined;
    const errors = counts.requests - (counts.outcomes.get('ok') ?? 0);
    const subscriptionProblems = subscriberLines.reduce(
      (sum, s) =>
        sum + s.missing.reduce((a, b) => a + b, 0) + s.extra.reduce((a, b) => a + b, 0) + s.repeats,
      0,
    );
    console.log(
      [
        '',
        `soak of ${(seconds / 60).toFixed(1)} min at ${rate}/s, seed ${seed}${signals > 0 ? ' (interrupted)' : ''}; load average at the end ${os
          .loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')} on ${os.cpus().length} CPUs`,
        `engine threads: ${threadRange(sampler.samples)}`,
        ...heapLines(liveHeap),
        ...(objects !== undefined && memory !== undefined
          ? objectLines(objects, memory)
          : ['heap snapshots: not taken (interrupted)']),
        ...memoryLines('engine (courier start) RSS, reported, not judged', engineMemory),
        ...memoryLines('DynamoDB Local JVM RSS, reported, not judged', jvmMemory),
        `DynamoDB Local database files at the end: ${dbMib.toFixed(1)} MiB (deduplication and group records outlive the drained messages)`,
        ...trafficLines(counts, seconds),
        signals > 0
          ? `interrupted: no drain, so messages still in the queues are not checked; delivered again after an acknowledgement: ${traffic.redeliveredAfterAck()}`
          : `drained to empty at the end: ${drained ? 'yes' : 'no'}; sent but never acknowledged: ${missingAcks}; delivered again after an acknowledgement: ${traffic.redeliveredAfterAck()}`,
        ...subscriberLines.map(
          (s) =>
            `onMessageSent on ${s.queue}: missing ${s.missing.join('/')}, not sent ${s.extra.join('/')}, repeated ${s.repeats} (2 subscribers for the whole run)`,
        ),
        `short-lived subscriber sets: ${churn.opened} opened and closed (${churn.events} events), ${churn.failures} failed to open; unexpected frames: ${unexpected.length}${unexpected.length > 0 ? ` e.g. ${unexpected[0]}` : ''}`,
        `stopped: ${stopped.forced ? 'SIGTERM ignored, SIGKILL' : `SIGTERM, exit ${stopped.exit.code ?? stopped.exit.signal}`}, processes left over: ${stopped.leftovers.length}`,
      ].join('\n'),
    );
    const ok =
      signals === 0 &&
      errors === 0 &&
      drained &&
      missingAcks === 0 &&
      traffic.redeliveredAfterAck() === 0 &&
      subscriptionProblems === 0 &&
      unexpected.length === 0 &&
      churn.failures === 0 &&
      memory?.flat === true &&
      !stopped.forced &&
      stopped.leftovers.length === 0;
    console.log(
      signals > 0
        ? 'VERDICT: none (interrupted)'
        : ok
          ? 'VERDICT: flat memory (program objects of every engine thread, JVM heap), no errors'
          : `VERDICT: FAILED: memory ${memory?.flat === true ? 'flat' : 'growing'}, ${errors} errors (see above)`,
    );
    return ok ? 0 : 1;
  } finally {
    if (courier !== undefined) {
      await stopCourier(courier).catch(() => undefined);
    }
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => {
    process.exitCode = code;
    // The SIGINT listener would otherwise keep nothing alive; exit promptly either way.
    process.exit(code);
  },
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
