/**
 * Live heap after a full collection, per thread of `courier start` and of its DynamoDB Local JVM.
 * Resident memory cannot tell a leak from heaps settling at their working size (each of the
 * engine's ~40 threads sizes its own heap, and Lambda environments start as concurrency asks);
 * what survives a full collection can.
 *
 * The engine is reached through its inspector (started with `--inspect=127.0.0.1:0`, loopback
 * only): HeapProfiler.collectGarbage and Runtime.getHeapUsage on the main thread and, through the
 * NodeWorker domain, on every worker thread (the Lambda execution environments among them). The
 * JVM is reached with the JDK's `jcmd` (GC.run, then GC.heap_info), when the JDK has it. On
 * demand it also takes heap snapshots of every thread (heap-snapshot.ts), which tell the program's
 * objects from V8's compiled code.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { takeObjectTotals, type ObjectTotals } from './heap-snapshot';
import { InspectorSession } from './inspector-session';

const run = promisify(execFile);
const REQUEST_TIMEOUT_MS = 20_000;

export interface HeapSample {
  /** Seconds since sampling started. */
  readonly atSeconds: number;
  /** The engine's main thread, MiB used after a full collection. */
  readonly mainMib: number;
  /** Each worker thread by inspector worker id, MiB used after a full collection. */
  readonly workersMib: ReadonlyMap<string, number>;
  /** The JVM's heap in use after a full collection, when jcmd is there. */
  readonly jvmMib: number | undefined;
}

async function usedAfterCollection(
  session: InspectorSession,
  workerSession?: string,
): Promise<number> {
  await session.send('HeapProfiler.collectGarbage', {}, workerSession);
  const usage = await session.send('Runtime.getHeapUsage', {}, workerSession);
  return Number(usage['usedSize']) / 2 ** 20;
}

/** `jcmd PID GC.run` then the used figures of GC.heap_info, summed; undefined without jcmd. */
async function jvmUsedAfterCollection(pid: number): Promise<number | undefined> {
  try {
    await run('jcmd', [String(pid), 'GC.run'], { timeout: REQUEST_TIMEOUT_MS });
    const { stdout } = await run('jcmd', [String(pid), 'GC.heap_info'], {
      timeout: REQUEST_TIMEOUT_MS,
    });
    return jvmHeapUsedMib(stdout);
  } catch {
    return undefined;
  }
}

/**
 * The Java heap in use from GC.heap_info's text: the `used NK` of its heap line (G1: "garbage-first
 * heap total 262144K, used 20480K"; other collectors print one line per generation, summed).
 * Metaspace lines are left out: class metadata is not the heap.
 */
export function jvmHeapUsedMib(heapInfo: string): number | undefined {
  const used = heapInfo
    .split('\n')
    .filter((line) => !/Metaspace|class space/i.test(line))
    .flatMap((line) => {
      const match = /\btotal \d+K, used (\d+)K/.exec(line);
      return match ? [Number(match[1])] : [];
    });
  return used.length === 0 ? undefined : used.reduce((a, b) => a + b, 0) / 1024;
}

/** Heap snapshots of every engine thread at one moment, summarized. */
export interface ThreadObjects {
  readonly atSeconds: number;
  readonly main: ObjectTotals;
  readonly workers: ReadonlyMap<string, ObjectTotals>;
}

export interface HeapSampler {
  readonly samples: readonly HeapSample[];
  /** Snapshots of the main thread and of every worker (between samples, never during one). */
  snapshot(): Promise<ThreadObjects>;
  /** Takes a last sample and stops. */
  stop(): Promise<void>;
}

/** Samples every `intervalMs` (each sample collects garbage everywhere: not too often). */
export async function startHeapSampler(
  url: string,
  jvmPid: number | undefined,
  intervalMs: number,
  onSample: (sample: HeapSample) => void,
): Promise<HeapSampler> {
  const session = await InspectorSession.open(url);
  const started = Date.now();
  const samples: HeapSample[] = [];
  const take = async (): Promise<void> => {
    const atSeconds = Math.round((Date.now() - started) / 100) / 10;
    const mainMib = await usedAfterCollection(session);
    const workersMib = new Map<string, number>();
    for (const [worker, workerSession] of [...session.workers]) {
      const used = await usedAfterCollection(session, workerSession).catch(() => undefined);
      if (used !== undefined) {
        workersMib.set(worker, used);
      }
    }
    const jvmMib = jvmPid === undefined ? undefined : await jvmUsedAfterCollection(jvmPid);
    const sample = {
      atSeconds,
      mainMib,
      workersMib,
      jvmMib,
    };
    samples.push(sample);
    onSample(sample);
  };
  let chain = take();
  const timer = setInterval(() => {
    chain = chain.then(take, take);
  }, intervalMs);
  await chain;
  const snapshot = async (): Promise<ThreadObjects> => {
    const atSeconds = Math.round((Date.now() - started) / 100) / 10;
    const main = await takeObjectTotals(session);
    const workers = new Map<string, ObjectTotals>();
    for (const [worker, workerSession] of [...session.workers]) {
      const totals = await takeObjectTotals(session, workerSession).catch(() => undefined);
      if (totals !== undefined) {
        workers.set(worker, totals);
      }
    }
    return { atSeconds, main, workers };
  };
  return {
    samples,
    snapshot: () => {
      const taken = chain.then(snapshot, snapshot);
      chain = taken.then(
        () => undefined,
        () => undefined,
      );
      return taken;
    },
    stop: async () => {
      clearInterval(timer);
      await chain.catch(() => undefined);
      await take();
      session.close();
    },
  };
}
