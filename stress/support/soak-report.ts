/** The soak's figures: resident memory (start, end, max, slopes), requests, errors. */
import { slope } from './linear-fit';
import type { RssSample } from './rss-sampler';
import type { SoakCounts } from './soak-traffic';

/**
 * Resident memory, reported beside the verdict (heap-report.ts judges live heap). Garbage
 * collection swings the engine's RSS by tens of MiB within a minute, so besides a fit of every
 * sample the figures fit the lowest sample of each whole minute after the first (the level
 * collection comes back to).
 */
/** Whole minutes after the first needed to fit floors; shorter runs fall back to every sample. */
const MIN_FLOORS = 3;

export interface MemoryFigures {
  readonly startMib: number;
  readonly endMib: number;
  readonly maxMib: number;
  /** Least-squares slope over every sample after `fitFromSeconds`, MiB per minute. */
  readonly slopeMibPerMinute: number;
  /** Samples before this were left out of that fit: the first minute (a third of a short run). */
  readonly fitFromSeconds: number;
  /** The lowest sample of each whole minute (the last, partial one left out). */
  readonly minuteFloorsMib: readonly number[];
  /** Slope over the floors of minutes 2, 3, ...; undefined when the run is too short. */
  readonly floorSlopeMibPerMinute: number | undefined;
}

export function memoryFigures(
  samples: readonly RssSample[],
  pick: (s: RssSample) => number | undefined,
): MemoryFigures {
  const points = samples
    .map((s) => ({ x: s.atSeconds / 60, y: pick(s) }))
    .filter((p): p is { x: number; y: number } => p.y !== undefined);
  const ys = points.map((p) => p.y);
  const last = points.at(-1)?.x ?? 0;
  const fitFrom = Math.min(1, last / 3);
  const fitted = slope(points.filter((p) => p.x >= fitFrom));
  const floors = new Map<number, number>();
  for (const p of points.filter((p) => p.x < Math.floor(last))) {
    const minute = Math.floor(p.x);
    floors.set(minute, Math.min(floors.get(minute) ?? Number.POSITIVE_INFINITY, p.y));
  }
  const afterFirst = [...floors.entries()].filter(([minute]) => minute >= 1);
  const floorSlope =
    afterFirst.length >= MIN_FLOORS
      ? slope(afterFirst.map(([minute, floor]) => ({ x: minute, y: floor })))
      : undefined;
  return {
    startMib: ys[0] ?? 0,
    endMib: ys.at(-1) ?? 0,
    maxMib: Math.max(0, ...ys),
    slopeMibPerMinute: fitted,
    fitFromSeconds: Math.round(fitFrom * 60),
    minuteFloorsMib: [...floors.values()],
    floorSlopeMibPerMinute: floorSlope,
  };
}

function percentile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const mib = (n: number) => `${n.toFixed(1)} MiB`;

export function memoryLines(name: string, m: MemoryFigures): string[] {
  const floors = m.minuteFloorsMib.map((f) => f.toFixed(0)).join(', ');
  return [
    `${name}: start ${mib(m.startMib)}, end ${mib(m.endMib)}, max ${mib(m.maxMib)}; ` +
      `slope of all samples after ${m.fitFromSeconds} s ${m.slopeMibPerMinute.toFixed(2)} MiB/min`,
    `  lowest sample of each minute: ${floors || 'n/a'} MiB; their slope from minute 2 on ` +
      `${m.floorSlopeMibPerMinute === undefined ? 'n/a (run too short)' : `${m.floorSlopeMibPerMinute.toFixed(2)} MiB/min`}`,
  ];
}

export function trafficLines(counts: SoakCounts, seconds: number): string[] {
  const errors = [...counts.outcomes.entries()].filter(([kind]) => kind !== 'ok');
  const latency = [...counts.latencies.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([op, ms]) =>
        `${op} ${ms.length} (p50 ${percentile(ms, 0.5).toFixed(0)} ms, p99 ${percentile(ms, 0.99).toFixed(0)} ms)`,
    );
  return [
    `requests: ${counts.requests} in ${seconds.toFixed(0)} s (${(counts.requests / seconds).toFixed(1)}/s); ticks skipped, all connections busy: ${counts.skippedTicks}`,
    `by operation: ${latency.join('; ')}`,
    `messages: ${counts.messagesSent} sent, ${counts.messagesAcknowledged} acknowledged; handles dropped near their timeout: ${counts.handlesExpired}`,
    `errors: ${errors.length === 0 ? 'none' : errors.map(([kind, n]) => `${kind} ${n}`).join(', ')}`,
  ];
}
