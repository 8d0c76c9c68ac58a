import type { HeapSample } from './heap-sampler';
import { heapFigures, memoryVerdict, objectGrowth } from './heap-report';
import type { ObjectTotals } from './heap-snapshot';
import { jvmHeapUsedMib as parse } from './heap-sampler';

/** Samples every 30 s over `minutes`; each series gives MiB at a second, or undefined (absent). */
function samples(
  minutes: number,
  main: (s: number) => number,
  workers: Record<string, (s: number) => number | undefined>,
  jvm?: (s: number) => number,
): HeapSample[] {
  return Array.from({ length: minutes * 2 + 1 }, (_, i) => {
    const at = i * 30;
    const present = Object.entries(workers).flatMap(([id, f]) => {
      const mib = f(at);
      return mib === undefined ? [] : [[id, mib] as const];
    });
    return { atSeconds: at, mainMib: main(at), workersMib: new Map(present), jvmMib: jvm?.(at) };
  });
}

const level = (mib: number) => () => mib;
const rising = (mib: number, perMinute: number) => (s: number) => mib + (s / 60) * perMinute;

describe('live heap figures of the soak', () => {
  it.each([
    [0, 'every heap level', samples(10, level(44), { a: level(12), b: level(13) }, level(20))],
    [
      0,
      'workers that settle in the first half',
      samples(10, level(44), { a: (s) => Math.min(12 + s / 60, 15), b: level(13) }, level(20)),
    ],
    [
      0,
      'a worker started late, at its size from the start',
      samples(10, level(44), { a: level(12), late: (s) => (s >= 420 ? 12 : undefined) }),
    ],
    [
      1.5,
      'the main thread growing 1.5 MiB a minute',
      samples(10, rising(44, 1.5), { a: level(12) }),
    ],
    [
      2,
      'forty workers each growing 0.05 MiB a minute',
      samples(
        10,
        level(44),
        Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`w${i}`, rising(12, 0.05)])),
      ),
    ],
    [2, 'the JVM growing 2 MiB a minute', samples(10, level(44), {}, rising(20, 2))],
  ])('fits %s MiB a minute over the second half for %s', (perMinute, _name, series) => {
    expect(heapFigures(series).totalSlope).toBeCloseTo(perMinute, 5);
  });

  it('reports ends, worker counts and slopes over the second half', () => {
    const figures = heapFigures(
      samples(10, level(44), { a: rising(10, 0.5), late: (s) => (s >= 450 ? 11 : undefined) }),
    );
    expect(figures).toMatchObject({
      fitFromSeconds: 300,
      main: { startMib: 44, endMib: 44 },
      workers: { startMib: 10, endMib: 26, countStart: 1, countEnd: 2 },
      jvm: undefined,
    });
    expect(figures.workers.slope).toBeCloseTo(0.5, 5);
    expect(figures.workers.steepest).toBeCloseTo(0.5, 5);
  });
});

describe("the JVM's heap from jcmd GC.heap_info", () => {
  it.each([
    [
      'G1',
      ' garbage-first heap   total 262144K, used 20480K [0x00000000f0000000, 0x0000000100000000)\n  region size 1024K, 3 young (3072K), 0 survivors (0K)\n Metaspace       used 12000K, committed 12288K, reserved 1114112K\n  class space    used 1500K, committed 1600K, reserved 1048576K',
      20,
    ],
    [
      'serial (one line per generation)',
      ' def new generation   total 9792K, used 1024K [0x1, 0x2, 0x3)\n tenured generation   total 21888K, used 4096K [0x4, 0x5, 0x6)\n Metaspace       used 8000K, committed 8192K, reserved 1056768K',
      5,
    ],
    ['no heap line', 'nothing here', undefined],
  ])('reads %s', (_name, text, mib) => {
    expect(parse(text)).toBe(mib);
  });
});

/** Totals of one thread: kinds with bytes (counts 1 each). */
const totals = (kinds: Record<string, number>): ObjectTotals => ({
  bytes: Object.values(kinds).reduce((a, b) => a + b, 0),
  byKind: new Map(Object.entries(kinds).map(([kind, bytes]) => [kind, { count: 1, bytes }])),
});
const MIB = 2 ** 20;

describe('program objects between two snapshots', () => {
  it('sums growth over threads in both snapshots, per minute, with the kinds that grew most', () => {
    const growth = objectGrowth(
      {
        atSeconds: 300,
        main: totals({ 'object:Array': 10 * MIB }),
        workers: new Map([
          ['1', totals({ 'string:x': MIB })],
          ['gone', totals({ 'object:Gone': 50 * MIB })],
        ]),
      },
      {
        atSeconds: 600,
        main: totals({ 'object:Array': 13 * MIB }),
        workers: new Map([
          ['1', totals({ 'string:x': 3 * MIB })],
          ['new', totals({ 'object:New': 40 * MIB })],
        ]),
      },
    );
    expect(growth).toMatchObject({ threads: 2, fromSeconds: 300, toSeconds: 600 });
    expect(growth.mibPerMinute).toBeCloseTo(1, 5);
    expect(growth.top.map((k) => k.kind)).toEqual(['object:Array', 'string:x']);
  });

  it.each([
    [true, 'objects and the JVM level', 0.2, 0.1],
    [false, 'objects growing', 1.2, 0.1],
    [false, 'the JVM heap growing', 0.2, 1.5],
  ])('judges memory flat: %s, with %s', (flat, _name, objectsPerMinute, jvmPerMinute) => {
    const heap = heapFigures(samples(10, level(44), {}, rising(20, jvmPerMinute)));
    const objects = {
      fromSeconds: 300,
      toSeconds: 600,
      threads: 1,
      mibPerMinute: objectsPerMinute,
      top: [],
    };
    expect(memoryVerdict(heap, objects).flat).toBe(flat);
  });
});
