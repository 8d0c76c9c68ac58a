/**
 * Kill points in a row on ONE data directory, carried across rounds: each restart reopens the files
 * the previous crash left, so damage from any crash shows in every later round, and ids
 * acknowledged in any round are checked against every later restart. Each round drains both
 * queues to empty, so rounds do not mix their messages.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createQueues } from './admin';
import { startCourier, stopCourier, type CourierProcess } from './courier-process';
import { runRound, type KillMode, type RoundResult, type RoundSettings } from './crash-round';
import type { CrashQueues } from './crash-traffic';
import { addCounts, ZERO_COUNTS, type RoundCounts } from './crash-verdict';
import { killHard } from './processes';
import { seededRandom } from './seeded-random';
import { WARM_UP_QUEUES, warmUp } from './warm-up';

export interface CrashRunOptions {
  readonly modes: readonly KillMode[];
  readonly seed: number;
  readonly trafficMs?: readonly [number, number];
  readonly longVisibilitySeconds?: number;
  readonly keepDataDir?: boolean;
  /** Progress lines; silent when omitted. */
  readonly log?: (line: string) => void;
}

export interface CrashRunResult {
  readonly seed: number;
  readonly dataDir: string;
  readonly firstStartMs: number;
  readonly rounds: readonly RoundResult[];
  readonly totals: RoundCounts;
  /** How the last engine stopped at the end (SIGTERM, exit 0 expected). */
  readonly finalStop: string;
}

export const CRASH_QUEUES: CrashQueues = {
  standard: { name: 'crash-standard', visibilitySeconds: 2 },
  fifo: { name: 'crash-ordered.fifo', visibilitySeconds: 3 },
};

export interface CrashRun {
  run(): Promise<CrashRunResult>;
  /** Kills whatever engine is running now (and its tree) and removes the data directory. */
  abort(): Promise<void>;
}

export function createCrashRun(options: CrashRunOptions): CrashRun {
  const log = options.log ?? (() => undefined);
  let current: CourierProcess | undefined;
  let dataDir: string | undefined;
  const removeDataDir = async (): Promise<void> => {
    if (dataDir !== undefined && !options.keepDataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  };

  const run = async (): Promise<CrashRunResult> => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-crash-'));
    const settings: RoundSettings = {
      dataDir,
      queues: CRASH_QUEUES,
      longVisibilitySeconds: options.longVisibilitySeconds ?? 8,
      trafficMs: options.trafficMs ?? [400, 4000],
      jvmOnlyMs: 500,
      senders: 3,
      consumers: 3,
    };
    const random = seededRandom(options.seed);
    const acknowledged = new Set<string>();
    const rounds: RoundResult[] = [];
    let finalStop = 'not stopped';
    try {
      current = await startCourier({ dataDir });
      const firstStartMs = current.readyMs;
      log(`courier start on ${dataDir}: ready in ${firstStartMs} ms (pid ${current.pid})`);
      await createQueues(current.url, dataDir, [
        ...WARM_UP_QUEUES,
        {
          name: CRASH_QUEUES.standard.name,
          type: 'STANDARD',
          visibilityTimeoutSeconds: CRASH_QUEUES.standard.visibilitySeconds,
        },
        {
          name: CRASH_QUEUES.fifo.name,
          type: 'FIFO',
          visibilityTimeoutSeconds: CRASH_QUEUES.fifo.visibilitySeconds,
        },
      ]);
      for (const [i, mode] of options.modes.entries()) {
        await warmUp(current.url, current.apiKey, settings.consumers);
        const { result, courier } = await runRound(
          current,
          i + 1,
          mode,
          settings,
          random,
          acknowledged,
          (restarted) => {
            current = restarted;
          },
        );
        current = courier;
        rounds.push(result);
        const c = result.counts;
        log(
          `kill ${i + 1}/${options.modes.length} (${mode} after ${result.killAfterMs} ms): sends ${c.sendsAnswered} answered, ` +
            `acks ${c.acksAnswered}, in flight ${c.inFlightAtKill} (back ${c.inFlightCameBack}), lost ${c.lost}, ` +
            `resurrected ${c.resurrected}, early ${c.early}; gone in ${result.goneMs} ms, restart ${result.restartMs} ms` +
            (result.drain.drained ? '' : ', NOT DRAINED'),
        );
        result.violations.slice(0, 5).forEach((line) => log(`  ! ${line}`));
        if (process.env['CRASH_DEBUG'] === '1') {
          result.notes.forEach((line) => log(`  note: ${line}`));
          log(`  outcomes: ${JSON.stringify(Object.fromEntries(result.requestOutcomes))}`);
        }
      }
      const stopped = await stopCourier(current);
      current = undefined;
      finalStop = stopped.forced
        ? 'SIGTERM ignored, SIGKILL'
        : `SIGTERM, exit ${stopped.exit.code ?? stopped.exit.signal ?? '?'}${stopped.leftovers.length > 0 ? `, ${stopped.leftovers.length} left over` : ''}`;
      return {
        seed: options.seed,
        dataDir,
        firstStartMs,
        rounds,
        totals: rounds.map((r) => r.counts).reduce(addCounts, ZERO_COUNTS),
        finalStop,
      };
    } finally {
      if (current !== undefined) {
        await stopCourier(current).catch(() => undefined);
        current = undefined;
      }
      await removeDataDir();
    }
  };

  const abort = async (): Promise<void> => {
    const running = current;
    current = undefined;
    if (running !== undefined) {
      running.tree().forEach((info) => killHard(info.pid));
      killHard(running.pid);
    }
    await removeDataDir();
  };
  return { run, abort };
}
