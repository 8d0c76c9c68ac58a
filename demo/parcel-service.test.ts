import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

/** The demo as `npm run demo` runs it: its own process, its own engine, stdout not a terminal. */
const SCRIPT = path.join(__dirname, 'parcel-service.ts');
const RUN_TIMEOUT_MS = 120_000;

interface DemoRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly lines: readonly string[];
  readonly stdout: string;
  readonly stderr: string;
  /** What the demo's temp directory held once it had exited. */
  readonly leftInTmp: readonly string[];
}

/**
 * Runs the demo under node with tsx's loader (node itself, so a signal reaches the demo), with a
 * TMPDIR of its own to see what it leaves behind; `onLine` may send it a signal.
 */
async function runDemo(
  onLine: (line: string, kill: (s: NodeJS.Signals) => void) => void = () => {},
): Promise<DemoRun> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'courier-demo-test-'));
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, TMPDIR: tmp },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  createInterface({ input: child.stdout }).on('line', (line) => {
    lines.push(line);
    onLine(line, (signal) => child.kill(signal));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
    child.once('close', (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
  );
  clearTimeout(timer);
  const leftInTmp = (await readdir(tmp)).filter((name) => name.startsWith('courier-demo-'));
  await rm(tmp, { recursive: true, force: true });
  return { code, signal, lines, stdout, stderr, leftInTmp };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The JVM's pid, from the line announcing the engine. */
function jvmPid(lines: readonly string[]): number {
  const announced = lines.map((line) => /DynamoDB Local pid (\d+)\)/.exec(line)).find(Boolean);
  if (!announced?.[1]) {
    throw new Error(`No engine-ready line in:\n${lines.join('\n')}`);
  }
  return Number(announced[1]);
}

/** The id in the first line matching `pattern` (as `message <ULID>`). */
function messageIdIn(lines: readonly string[], pattern: RegExp): string {
  const line = lines.find((candidate) => pattern.test(candidate)) ?? '';
  return /message ([0-9A-HJKMNP-TV-Z]{26})/.exec(line)?.[1] ?? `<no message id in ${pattern}>`;
}

/** The transcript without what changes between runs: stamps, ids, port, pid, durations. */
function normalized(lines: readonly string[]): string[] {
  return lines.map((line) =>
    line
      .replace(/^ *\+\d+\.\ds {2}/, '+T  ')
      .replace(/[0-9A-HJKMNP-TV-Z]{26}/g, '<id>')
      .replace(/127\.0\.0\.1:\d+/, '127.0.0.1:<port>')
      .replace(/pid \d+/, 'pid <pid>')
      .replace(/\d+\.\d s after/, '<t> s after'),
  );
}

const TRANSCRIPT = [
  '',
  'Courier parcel service',
  '+T  starting the local engine (in-memory DynamoDB Local)',
  '+T  engine ready at http://127.0.0.1:<port>/graphql (DynamoDB Local pid <pid>)',
  '+T  dispatcher created pickups-dead.fifo (FIFO) for parcels nobody manages to deliver',
  '+T  dispatcher created pickups-north.fifo (FIFO, visibility timeout 2 s, to pickups-dead.fifo after 3 receives)',
  '+T  dispatcher created pickups-south.fifo (FIFO, visibility timeout 2 s, to pickups-dead.fifo after 3 receives)',
  '+T  vendor florist watches pickups-south.fifo for deliveries (onQueueEvent)',
  '+T  vendor bakery watches pickups-north.fifo for deliveries (onQueueEvent)',
  '+T  driver cho starts a shift on pickups-south.fifo (onMessageSent)',
  '+T  driver ben starts a shift on pickups-north.fifo (onMessageSent)',
  '',
  'South: a normal round',
  '+T  vendor florist requests pickup of F-1 (group florist): message <id>',
  '+T  vendor florist requests pickup of F-2 (group florist): message <id>',
  '+T  vendor florist requests pickup of F-3 (group florist): message <id>',
  '+T  driver cho notified of a new pickup on pickups-south.fifo; receiving (waitTimeSeconds 5)',
  '+T  driver cho picked up F-1 from florist: message <id>, receive #1',
  '+T  driver cho delivered F-1 to 12 Elm Street; acknowledging',
  '+T  vendor florist notified: parcel F-1 delivered',
  '+T  driver cho picked up F-2 from florist: message <id>, receive #1',
  '+T  driver cho delivered F-2 to 4 Harbour Road; acknowledging',
  '+T  vendor florist notified: parcel F-2 delivered',
  '+T  driver cho picked up F-3 from florist: message <id>, receive #1',
  '+T  driver cho delivered F-3 to 31 Mill Lane; acknowledging',
  '+T  vendor florist notified: parcel F-3 delivered',
  '+T  vendor florist re-sends F-2: duplicate: true, message <id>',
  '        ↳ the original message; pickups-south.fifo still holds 0 available, 0 in flight, 0 delayed',
  '',
  'North: a driver crashes',
  '+T  vendor bakery requests pickup of B-1 (group bakery): message <id>',
  '+T  driver ben notified of a new pickup on pickups-north.fifo; receiving (waitTimeSeconds 5)',
  '+T  driver ben picked up B-1 from bakery: message <id>, receive #1',
  '+T  driver ben crashed before delivering B-1: no acknowledgement',
  '        ↳ B-1 stays in flight, hidden from every driver, until 2 s have passed',
  '+T  driver ana starts a shift on pickups-north.fifo (onMessageSent)',
  '+T  vendor bakery requests pickup of B-2 (group bakery): message <id>',
  '+T  vendor bakery requests pickup of B-3 (group bakery): message <id>',
  "        ↳ FIFO: they wait behind B-1, the bakery's oldest parcel",
  '+T  driver ana notified of a new pickup on pickups-north.fifo; receiving (waitTimeSeconds 5)',
  '+T  driver ana picked up B-1 from bakery: message <id>, receive #2',
  "        ↳ redelivered: the same message <id>, receive #2, <t> s after ben's pickup",
  '+T  driver ana delivered B-1 to 7 Station Square; acknowledging',
  '+T  vendor bakery notified: parcel B-1 delivered',
  '+T  driver ana picked up B-2 from bakery: message <id>, receive #1',
  '+T  driver ana delivered B-2 to 19 Orchard Way; acknowledging',
  '+T  vendor bakery notified: parcel B-2 delivered',
  '+T  driver ana picked up B-3 from bakery: message <id>, receive #1',
  '+T  driver ana delivered B-3 to 2 Bridge Street; acknowledging',
  '+T  vendor bakery notified: parcel B-3 delivered',
  '',
  'Summary',
  '+T  pickups-north.fifo: 0 available, 0 in flight, 0 delayed',
  '+T  pickups-south.fifo: 0 available, 0 in flight, 0 delayed',
  '+T  pickups-dead.fifo: 0 available, 0 in flight, 0 delayed',
  '+T  drivers heard 6 onMessageSent notifications, one per new parcel',
  '+T  parcels sent: 6, delivered: 6, duplicates refused: 1, redeliveries: 1',
  '+T  engine stopped; DynamoDB Local (pid <pid>) has exited',
];

describe('npm run demo (demo/parcel-service.ts)', () => {
  let run: DemoRun;

  beforeAll(async () => {
    run = await runDemo();
  }, RUN_TIMEOUT_MS + 10_000);

  it('tells the same story on every run and exits 0', () => {
    // stderr is the engine's (a slow DynamoDB Local request warns there): shown on failure only.
    const failure = run.code === 0 ? {} : { stderr: run.stderr };
    expect({ code: run.code, signal: run.signal, ...failure }).toEqual({ code: 0, signal: null });
    expect(normalized(run.lines)).toEqual(TRANSCRIPT);
  });

  it('prints no colours when stdout is not a terminal', () => {
    expect(run.stdout).not.toContain('\u001b[');
  });

  it('refuses the re-sent parcel as a duplicate of the original message', () => {
    const original = messageIdIn(run.lines, /requests pickup of F-2 /);
    expect(messageIdIn(run.lines, /re-sends F-2: duplicate: true/)).toBe(original);
  });

  it("redelivers the crashed driver's parcel as the same message on its second receive", () => {
    const dropped = messageIdIn(run.lines, /driver ben picked up B-1 .*receive #1$/);
    expect(messageIdIn(run.lines, /driver ana picked up B-1 .*receive #2$/)).toBe(dropped);
    expect(messageIdIn(run.lines, /requests pickup of B-1 /)).toBe(dropped);
  });

  it("leaves DynamoDB Local's JVM and the temp data directory gone", () => {
    expect(isRunning(jvmPid(run.lines))).toBe(false);
    expect(run.leftInTmp).toEqual([]);
  });
});

describe('npm run demo, interrupted', () => {
  it(
    'stops the engine in order and exits 130 on Ctrl-C, even when SIGINT comes twice',
    async () => {
      const run = await runDemo((line, kill) => {
        // Under `npm run demo` one Ctrl-C can reach node twice (from the terminal, then relayed
        // by tsx); the second comes here while the engine stops, which it must not cut short.
        if (line.includes('driver ben crashed') || line.includes('interrupted (SIGINT)')) {
          kill('SIGINT');
        }
      });
      expect(run.code).toBe(130);
      expect(normalized(run.lines).slice(-2)).toEqual([
        '+T  interrupted (SIGINT): stopping',
        '+T  engine stopped; DynamoDB Local (pid <pid>) has exited',
      ]);
      expect(run.lines).not.toContain('Summary');
      expect(isRunning(jvmPid(run.lines))).toBe(false);
      expect(run.leftInTmp).toEqual([]);
    },
    RUN_TIMEOUT_MS + 10_000,
  );
});
