/**
 * One kill point: traffic on a running engine, a kill -9 at a chosen moment, every process of
 * that engine gone, a restart on the same data directory, the drain, and the verdict.
 *
 * Kill modes:
 * - `engine`: kill -9 of `courier start`. Its supervisor sees the IPC channel close and stops the
 *   JVM (SIGTERM, SIGKILL after 3 s), as it would after any crash of the engine.
 * - `jvm`: kill -9 of the DynamoDB Local JVM alone. The engine keeps serving (errors) for a
 *   moment under traffic, then is stopped with SIGTERM as a person would stop it.
 * - `both`: kill -9 of the JVM and then of the engine at once: nobody shuts down in order.
 */
import { performance } from 'node:perf_hooks';
import { reapTree, startCourier, stopCourier, type CourierProcess } from './courier-process';
import { drainQueues, type DrainResult } from './crash-drain';
import { CrashLedger } from './crash-ledger';
import { startCrashTraffic, type CrashQueues } from './crash-traffic';
import { verifyRound, type RoundCounts } from './crash-verdict';
import { findJvm, killHard, type ProcessInfo } from './processes';
import type { SeededRandom } from './seeded-random';

export type KillMode = 'engine' | 'jvm' | 'both';

export interface RoundSettings {
  readonly dataDir: string;
  readonly queues: CrashQueues;
  readonly longVisibilitySeconds: number;
  /** Traffic runs a random time in [min, max] ms before the kill. */
  readonly trafficMs: readonly [number, number];
  /** `jvm` mode: how long the engine serves without its database before it is stopped. */
  readonly jvmOnlyMs: number;
  readonly senders: number;
  readonly consumers: number;
}

export interface RoundResult {
  readonly index: number;
  readonly mode: KillMode;
  readonly killAfterMs: number;
  readonly counts: RoundCounts;
  readonly violations: readonly string[];
  readonly notes: readonly string[];
  /** Milliseconds from the kill until every process of the old engine had ended. */
  readonly goneMs: number;
  /** Processes that had to be killed by this tool because they outlived the engine. */
  readonly leftovers: readonly ProcessInfo[];
  /** `jvm` mode: how the engine ended when stopped with its database gone. */
  readonly engineStop: string;
  readonly restartMs: number;
  readonly drain: DrainResult;
  readonly requestOutcomes: ReadonlyMap<string, number>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The kill itself; returns how the engine ended (for `jvm` mode, whether SIGTERM sufficed). */
async function kill(
  courier: CourierProcess,
  tree: readonly ProcessInfo[],
  mode: KillMode,
  jvmOnlyMs: number,
  stopTraffic: () => void,
): Promise<string> {
  const jvm = findJvm(tree)?.pid;
  if (jvm === undefined) {
    throw new Error(
      `No DynamoDB Local JVM below the engine (pid ${courier.pid}): ${JSON.stringify(tree)}`,
    );
  }
  if (mode === 'engine') {
    killHard(courier.pid);
    stopTraffic();
    return 'SIGKILL';
  }
  killHard(jvm);
  if (mode === 'both') {
    killHard(courier.pid);
    stopTraffic();
    return 'SIGKILL';
  }
  await sleep(jvmOnlyMs);
  stopTraffic();
  const stopped = await stopCourier(courier);
  return stopped.forced
    ? 'SIGTERM ignored, SIGKILL'
    : `SIGTERM, exit ${stopped.exit.code ?? stopped.exit.signal ?? '?'}`;
}

/**
 * Runs one kill point against `courier` (which it kills) and returns the restarted engine, drained,
 * with the round's result. `acknowledged` holds every id acknowledged so far and is extended.
 */
export async function runRound(
  courier: CourierProcess,
  index: number,
  mode: KillMode,
  settings: RoundSettings,
  random: SeededRandom,
  acknowledged: Set<string>,
  onRestart: (restarted: CourierProcess) => void,
): Promise<{ result: RoundResult; courier: CourierProcess }> {
  const ledger = new CrashLedger();
  const traffic = startCrashTraffic(ledger, {
    url: courier.url,
    apiKey: courier.apiKey,
    queues: settings.queues,
    longVisibilitySeconds: settings.longVisibilitySeconds,
    senders: settings.senders,
    consumers: settings.consumers,
    tag: `k${index}`,
    random,
  });
  const killAfterMs = random.int(settings.trafficMs[0], settings.trafficMs[1]);
  await sleep(killAfterMs);

  const tree = courier.tree();
  const killedAt = performance.now();
  ledger.killAtMs = Date.now();
  const engineStop = await kill(courier, tree, mode, settings.jvmOnlyMs, traffic.stop);
  await courier.exited;
  const leftovers = await reapTree(tree);
  const goneMs = Math.round(performance.now() - killedAt);
  await traffic.done;
  ledger.settlePending();

  ledger.phase = 'after';
  const restarted = await startCourier({ dataDir: settings.dataDir });
  ledger.restartedAtMs = Date.now();
  onRestart(restarted);
  const knownUntil = Math.max(
    0,
    ...[...ledger.entries.values()].flatMap((entry) =>
      entry.deliveries.map((d) => d.visibleUntilMs),
    ),
  );
  // A receive in flight at the kill may have claimed messages nobody heard of: wait its timeout out too.
  const waitUntil =
    Math.max(knownUntil, ledger.killAtMs + settings.longVisibilitySeconds * 1000) + 250;
  const drain = await drainQueues(
    restarted.url,
    restarted.apiKey,
    settings.queues,
    ledger,
    waitUntil,
  );
  const verdict = verifyRound(ledger, acknowledged);
  verdict.acknowledgedIds.forEach((id) => acknowledged.add(id));
  return {
    courier: restarted,
    result: {
      index,
      mode,
      killAfterMs,
      counts: verdict.counts,
      violations: verdict.violations,
      notes: verdict.notes,
      goneMs,
      leftovers,
      engineStop,
      restartMs: restarted.readyMs,
      drain,
      requestOutcomes: traffic.outcomes,
    },
  };
}
