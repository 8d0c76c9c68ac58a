/**
 * `npm run stress:crash`: kill -9 of `courier start` (and of its DynamoDB Local JVM) at random
 * moments of a stream of sends, receives and acknowledgements, restart on the same persistent data
 * directory, drain, and count: lost, resurrected, in flight and back. Exits 1 on any violation.
 *
 * Options (argument or environment):
 *   --kill-points N   KILL_POINTS   kill points (default 24; modes cycle engine, both, engine, jvm)
 *   --seed S          SEED          the seed of kill moments and traffic choices (default: random, printed)
 *   --modes LIST      KILL_MODES    kill modes to cycle through (default engine,both,engine,jvm)
 *   --keep-data-dir   KEEP_DATA_DIR=1   leave the data directory for inspection
 */
import { parseArgs } from 'node:util';
import type { KillMode } from './support/crash-round';
import { crashReport } from './support/crash-report';
import { createCrashRun } from './support/crash-run';

const MODE_CYCLE: readonly KillMode[] = ['engine', 'both', 'engine', 'jvm'];

const MODES: readonly KillMode[] = ['engine', 'jvm', 'both'];

function options(): { killPoints: number; seed: number; keepDataDir: boolean; cycle: KillMode[] } {
  const { values } = parseArgs({
    options: {
      'kill-points': { type: 'string' },
      seed: { type: 'string' },
      modes: { type: 'string' },
      'keep-data-dir': { type: 'boolean', default: false },
    },
  });
  const killPoints = Number(values['kill-points'] ?? process.env['KILL_POINTS'] ?? 24);
  const seed = Number(values.seed ?? process.env['SEED'] ?? Math.floor(Math.random() * 2 ** 31));
  if (!Number.isInteger(killPoints) || killPoints < 1 || !Number.isInteger(seed)) {
    throw new Error('--kill-points needs a whole number of at least 1, --seed a whole number');
  }
  const cycle = (values.modes ?? process.env['KILL_MODES'] ?? MODE_CYCLE.join(',')).split(
    ',',
  ) as KillMode[];
  if (cycle.some((mode) => !MODES.includes(mode))) {
    throw new Error(`--modes takes a comma-separated list of ${MODES.join(', ')}`);
  }
  return {
    killPoints,
    seed,
    cycle,
    keepDataDir: values['keep-data-dir'] || process.env['KEEP_DATA_DIR'] === '1',
  };
}

async function main(): Promise<number> {
  const { killPoints, seed, keepDataDir, cycle } = options();
  const modes = Array.from({ length: killPoints }, (_, i) => cycle[i % cycle.length] as KillMode);
  console.log(`crash safety: ${killPoints} kill points (${cycle.join(', ')}, ...), seed ${seed}`);
  const crash = createCrashRun({ modes, seed, keepDataDir, log: (line) => console.log(line) });
  let aborting = false;
  // process.on, not once: under `npm run`, Ctrl-C arrives twice (from the terminal and relayed
  // by tsx), and a second, unhandled SIGINT would end this process before the engine is killed.
  process.on('SIGINT', () => {
    if (aborting) {
      return;
    }
    aborting = true;
    console.log('SIGINT: killing the engine and removing the data directory');
    void crash.abort().then(() => process.exit(130));
  });
  const started = Date.now();
  const result = await crash.run();
  console.log(`\n${crashReport(result)}\ntook ${Math.round((Date.now() - started) / 1000)} s`);
  const t = result.totals;
  const failed =
    t.lost + t.resurrected + t.early + t.fifoOrder + t.strays > 0 ||
    result.rounds.some((r) => !r.drain.drained);
  console.log(
    failed
      ? 'VERDICT: FAILED'
      : `VERDICT: 0 lost, 0 resurrected${t.lostAnsweredAfterKill > 0 ? `; ${t.lostAnsweredAfterKill} sends answered after the JVM's kill -9 were lost (DynamoDB Local's commit window, see the report)` : ''}`,
  );
  return failed ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
