/**
 * The soak's memory figures and verdict.
 *
 * Live heap after full collections (heap-sampler.ts), fitted over the second half of the run (the
 * first is warm-up: Lambda environments start as concurrency asks, each heap settles), each
 * thread by its own samples so that a worker started late adds its growth, not its size. That
 * figure still includes V8's compiled code, which keeps growing for a while as functions are
 * optimized; so the engine's verdict compares heap snapshots of every thread taken at half time
 * and at the end, counting only the program's objects (heap-snapshot.ts). The JVM's is its heap
 * in use after a full collection (jcmd).
 *
 * Flat means growing by less than 1 MiB a minute: a leak at that rate would take a working day
 * (8 h) to add what the engine lives on at rest (~500 MiB).
 */
import type { HeapSample } from './heap-sampler';
import { growth, type Growth } from './heap-snapshot';
import type { ThreadObjects } from './heap-sampler';
import { slope } from './linear-fit';

export const HEAP_FLAT_MIB_PER_MINUTE = 1;
/** A thread needs this many samples in the second half to have a slope of its own. */
const MIN_SAMPLES = 3;

export interface HeapFigures {
  /** When the fitted window starts: half of the run. */
  readonly fitFromSeconds: number;
  readonly main: { readonly startMib: number; readonly endMib: number; readonly slope: number };
  /** Sum over workers alive at each end; the slope sums each worker's own. */
  readonly workers: {
    readonly startMib: number;
    readonly endMib: number;
    readonly countStart: number;
    readonly countEnd: number;
    readonly slope: number;
    /** The worker that grew most in the window, MiB per minute. */
    readonly steepest: number;
  };
  readonly jvm:
    { readonly startMib: number; readonly endMib: number; readonly slope: number } | undefined;
  /** main + workers + JVM, MiB per minute over the second half. */
  readonly totalSlope: number;
}

const sum = (values: Iterable<number>): number => [...values].reduce((a, b) => a + b, 0);

export function heapFigures(samples: readonly HeapSample[]): HeapFigures {
  const first = samples[0];
  const last = samples.at(-1);
  if (first === undefined || last === undefined) {
    throw new Error('No heap samples were taken.');
  }
  const fitFrom = last.atSeconds / 2;
  const window = samples.filter((s) => s.atSeconds >= fitFrom);
  const perMinute = (points: { x: number; y: number }[]): number => slope(points);
  const mainSlope = perMinute(window.map((s) => ({ x: s.atSeconds / 60, y: s.mainMib })));
  const workerIds = new Set(window.flatMap((s) => [...s.workersMib.keys()]));
  const workerSlopes = [...workerIds].flatMap((id) => {
    const points = window.flatMap((s) => {
      const mib = s.workersMib.get(id);
      return mib === undefined ? [] : [{ x: s.atSeconds / 60, y: mib }];
    });
    return points.length >= MIN_SAMPLES ? [perMinute(points)] : [];
  });
  const jvmPoints = window.flatMap((s) =>
    s.jvmMib === undefined ? [] : [{ x: s.atSeconds / 60, y: s.jvmMib }],
  );
  const jvm =
    first.jvmMib !== undefined && last.jvmMib !== undefined
      ? { startMib: first.jvmMib, endMib: last.jvmMib, slope: perMinute(jvmPoints) }
      : undefined;
  const workersSlope = sum(workerSlopes);
  const totalSlope = mainSlope + workersSlope + (jvm?.slope ?? 0);
  return {
    fitFromSeconds: Math.round(fitFrom),
    main: { startMib: first.mainMib, endMib: last.mainMib, slope: mainSlope },
    workers: {
      startMib: sum(first.workersMib.values()),
      endMib: sum(last.workersMib.values()),
      countStart: first.workersMib.size,
      countEnd: last.workersMib.size,
      slope: workersSlope,
      steepest: Math.max(0, ...workerSlopes),
    },
    jvm,
    totalSlope,
  };
}

const mib = (n: number): string => `${n.toFixed(1)} MiB`;
const rate = (n: number): string => `${n >= 0 ? '+' : ''}${n.toFixed(2)} MiB/min`;

export function heapLines(h: HeapFigures): string[] {
  return [
    `live heap after full collections (slopes over the second half, from ${h.fitFromSeconds} s):`,
    `  engine main thread: ${mib(h.main.startMib)} -> ${mib(h.main.endMib)}, ${rate(h.main.slope)}`,
    `  engine worker threads: ${h.workers.countStart} holding ${mib(h.workers.startMib)} -> ${h.workers.countEnd} holding ${mib(h.workers.endMib)}, ` +
      `${rate(h.workers.slope)} summed over workers (steepest ${rate(h.workers.steepest)})`,
    h.jvm === undefined
      ? '  DynamoDB Local JVM: not measured (no jcmd: install a JDK for it)'
      : `  DynamoDB Local JVM heap: ${mib(h.jvm.startMib)} -> ${mib(h.jvm.endMib)}, ${rate(h.jvm.slope)}`,
    `  together ${rate(h.totalSlope)} (V8's compiled code included)`,
  ];
}

export interface ObjectGrowth {
  readonly fromSeconds: number;
  readonly toSeconds: number;
  /** Threads in both snapshots. */
  readonly threads: number;
  readonly mibPerMinute: number;
  /** Kinds that grew most, summed over threads. */
  readonly top: Growth['top'];
}

/** The program's objects, summed over every thread in both snapshots. */
export function objectGrowth(before: ThreadObjects, after: ThreadObjects): ObjectGrowth {
  const pairs = [
    [before.main, after.main] as const,
    ...[...after.workers].flatMap(([id, totals]) => {
      const earlier = before.workers.get(id);
      return earlier === undefined ? [] : [[earlier, totals] as const];
    }),
  ];
  const grown = pairs.map(([a, b]) => growth(a, b, 20));
  const byKind = new Map<string, { count: number; bytes: number }>();
  for (const entry of grown.flatMap((g) => g.top)) {
    const total = byKind.get(entry.kind) ?? { count: 0, bytes: 0 };
    total.count += entry.count;
    total.bytes += entry.bytes;
    byKind.set(entry.kind, total);
  }
  const minutes = Math.max((after.atSeconds - before.atSeconds) / 60, 1 / 60);
  return {
    fromSeconds: before.atSeconds,
    toSeconds: after.atSeconds,
    threads: pairs.length,
    mibPerMinute: sum(grown.map((g) => g.bytes)) / 2 ** 20 / minutes,
    top: [...byKind]
      .map(([kind, total]) => ({ kind, ...total }))
      .sort((a, b) => b.bytes - a.bytes)
      .slice(0, 5),
  };
}

export interface MemoryVerdict {
  readonly engineFlat: boolean;
  /** Undefined when the JVM's heap could not be measured (no jcmd). */
  readonly jvmFlat: boolean | undefined;
  readonly flat: boolean;
}

export function memoryVerdict(heap: HeapFigures, objects: ObjectGrowth): MemoryVerdict {
  const engineFlat = objects.mibPerMinute < HEAP_FLAT_MIB_PER_MINUTE;
  const jvmFlat = heap.jvm === undefined ? undefined : heap.jvm.slope < HEAP_FLAT_MIB_PER_MINUTE;
  return { engineFlat, jvmFlat, flat: engineFlat && jvmFlat !== false };
}

export function objectLines(o: ObjectGrowth, verdict: MemoryVerdict): string[] {
  const kinds = o.top.map(
    (k) => `${k.kind} ${k.count >= 0 ? '+' : ''}${k.count} (${(k.bytes / 1024).toFixed(0)} KiB)`,
  );
  return [
    `program objects in heap snapshots of ${o.threads} engine threads, ${o.fromSeconds.toFixed(0)} s -> ${o.toSeconds.toFixed(0)} s: ` +
      `${rate(o.mibPerMinute)} -> ${verdict.engineFlat ? 'flat' : 'GROWING'} (threshold ${HEAP_FLAT_MIB_PER_MINUTE} MiB/min)`,
    `  grew most: ${kinds.join(', ') || 'nothing'}`,
    `DynamoDB Local JVM heap: ${verdict.jvmFlat === undefined ? 'not judged (no jcmd)' : verdict.jvmFlat ? 'flat' : 'GROWING'} (threshold ${HEAP_FLAT_MIB_PER_MINUTE} MiB/min)`,
  ];
}
