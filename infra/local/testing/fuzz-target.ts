/**
 * What the fuzz tests of the engine's endpoints share: a queue holding one message before any
 * hostile input arrives, the checks that the input changed nothing and that the engine still
 * serves, the engine process's memory, and a tally of the cases tried.
 */
import { appendFile } from 'node:fs/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import { openLocalIssuer } from '../auth/local-issuer';
import { dataDirLayout } from '../data-dir';
import type { LocalApiForTests } from './local-api';

/** The queue the fuzzers must leave as it was; no generated name can equal it (see `literal`). */
export const FUZZ_QUEUE = 'fuzz-target-queue';
export const FUZZ_MESSAGE = 'kept through the fuzzing';

const STATE_QUERY = `query ($name: String!) {
  queue(name: $name) { name type visibilityTimeoutSeconds stats { available inFlight delayed } }
  queues(limit: 100) { items { name } nextToken }
}`;

export interface FuzzTarget {
  /** The queue's settings and stats and the list of queues, as before the fuzzing. */
  expectUnchanged(): Promise<void>;
  /** A plain query still gets its answer. */
  expectServing(): Promise<void>;
  /** The message sent before the fuzzing is still there to receive (it goes in flight). */
  expectReceivable(): Promise<void>;
  /**
   * The closing checks of a fuzz file: the queue unchanged and its message receivable, this
   * process's memory (the engine runs in it) within bounds of where it was when fuzzing began, more than `minimumCases` cases tried; writes the tally.
   */
  expectIntactAfter(tally: FuzzTally, file: string, minimumCases: number): Promise<void>;
}

/**
 * Creates the queue and its message in beforeAll (admin token from the engine's local issuer)
 * and records the state the fuzzing must not change.
 */
export function useFuzzTarget(local: LocalApiForTests): FuzzTarget {
  let before: unknown;
  let memory: SettledMemory = { rss: 0, heapUsed: 0 };
  const state = async (): Promise<unknown> => {
    const answer = await local.graphql(STATE_QUERY, { name: FUZZ_QUEUE });
    expect(answer.status).toBe(200);
    expect(answer.body['errors']).toBeUndefined();
    return answer.body['data'];
  };
  beforeAll(async () => {
    const issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
    const admin = {
      'x-api-key': '',
      authorization: issuer.mint({ username: 'root', groups: ['admins'] }),
    };
    const created = await local.graphql(
      'mutation ($input: CreateQueueInput!) { createQueue(input: $input) { name } }',
      { input: { name: FUZZ_QUEUE, visibilityTimeoutSeconds: 30 } },
      admin,
    );
    expect(created.body).toEqual({ data: { createQueue: { name: FUZZ_QUEUE } } });
    const sent = await local.graphql(
      'mutation ($input: SendMessageInput!) { sendMessage(input: $input) { body } }',
      { input: { queue: FUZZ_QUEUE, body: FUZZ_MESSAGE } },
    );
    expect(sent.body).toEqual({ data: { sendMessage: { body: FUZZ_MESSAGE } } });
    before = await state();
    expect(before).toMatchObject({ queue: { stats: { available: 1, inFlight: 0, delayed: 0 } } });
    memory = settledMemory();
  });
  const target: FuzzTarget = {
    expectUnchanged: async () => {
      expect(await state()).toEqual(before);
    },
    expectServing: async () => {
      const answer = await local.graphql('query ($name: String!) { queue(name: $name) { name } }', {
        name: FUZZ_QUEUE,
      });
      expect(answer.body).toEqual({ data: { queue: { name: FUZZ_QUEUE } } });
    },
    expectReceivable: async () => {
      const answer = await local.graphql(
        'mutation ($queue: String!) { receiveMessages(queue: $queue, maxMessages: 10) { message { body } } }',
        { queue: FUZZ_QUEUE },
      );
      expect(answer.body).toEqual({
        data: { receiveMessages: [{ message: { body: FUZZ_MESSAGE } }] },
      });
    },
    expectIntactAfter: async (tally, file, minimumCases) => {
      await target.expectUnchanged();
      await target.expectReceivable();
      const after = settledMemory();
      await tally.report(file, memory, after);
      expect(after.rss - memory.rss).toBeLessThan(MEMORY_BOUNDS.rss);
      expect(after.heapUsed - memory.heapUsed).toBeLessThan(MEMORY_BOUNDS.heapUsed);
      expect(tally.total()).toBeGreaterThan(minimumCases);
    },
  };
  return target;
}

/** Batches of generated cases: how many ran, the process's memory after each, the figures. */
export class FuzzTally {
  private readonly counts = new Map<string, number>();
  private readonly outcomes = new Map<string, Map<string, number>>();
  private readonly rssAfter = new Map<string, number>();
  private peakRss = 0;
  private current = '';

  /**
   * Runs `check` on values of `arbitrary`, at most `numRuns` times and for at most `seconds`
   * (fast-check reports the seed and the shrunk value of a failure).
   */
  async run<T>(
    batch: string,
    arbitrary: fc.Arbitrary<T>,
    bounds: { readonly numRuns: number; readonly seconds: number },
    check: (value: T) => Promise<void>,
  ): Promise<void> {
    this.current = batch;
    try {
      await fc.assert(
        fc.asyncProperty(arbitrary, async (value) => {
          this.counts.set(batch, (this.counts.get(batch) ?? 0) + 1);
          await check(value);
        }),
        {
          numRuns: bounds.numRuns,
          interruptAfterTimeLimit: bounds.seconds * 1000,
          markInterruptAsFailure: false,
        },
      );
    } finally {
      this.current = '';
    }
    const rss = process.memoryUsage().rss;
    this.peakRss = Math.max(this.peakRss, rss);
    this.rssAfter.set(batch, rss);
  }

  /** Counts what the server made of a case of the running batch (`400 MalformedHttpRequestException`). */
  note(outcome: string): void {
    if (this.current === '') {
      return; // Outside a batch: a check of the tests' own, not a generated case.
    }
    const counts = this.outcomes.get(this.current) ?? new Map<string, number>();
    counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
    this.outcomes.set(this.current, counts);
  }

  total(): number {
    return [...this.counts.values()].reduce((sum, count) => sum + count, 0);
  }

  /**
   * Appends one JSON line of figures to the file named by FUZZ_REPORT, when set (the numbers
   * docs/reliability.md quotes); silent otherwise.
   */
  async report(file: string, before: SettledMemory, after: SettledMemory): Promise<void> {
    const target = process.env['FUZZ_REPORT'];
    if (!target) {
      return;
    }
    const mib = (bytes: number) => Math.round(bytes / MIB);
    const line = {
      file,
      cases: Object.fromEntries(this.counts),
      total: this.total(),
      outcomes: Object.fromEntries(
        [...this.outcomes].map(([batch, counts]) => [batch, Object.fromEntries(counts)]),
      ),
      rssBeforeMiB: mib(before.rss),
      rssAfterBatchMiB: Object.fromEntries(
        [...this.rssAfter].map(([batch, rss]) => [batch, mib(rss)]),
      ),
      rssPeakMiB: mib(this.peakRss),
      rssAfterMiB: mib(after.rss),
      heapBeforeMiB: mib(before.heapUsed),
      heapAfterMiB: mib(after.heapUsed),
    };
    await appendFile(target, `${JSON.stringify(line)}\n`);
  }
}

export const MIB = 1024 * 1024;

/** How far the engine's memory may move over a fuzz file, after settling. */
const MEMORY_BOUNDS = { rss: 200 * MIB, heapUsed: 64 * MIB } as const;

/** The process's memory after a full garbage collection: what is still held, not what was used. */
export interface SettledMemory {
  readonly rss: number;
  readonly heapUsed: number;
}

export function settledMemory(): SettledMemory {
  // Jest runs without --expose-gc; the flag can still be set now and gc() taken from a new context.
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
  const { rss, heapUsed } = process.memoryUsage();
  return { rss, heapUsed };
}
