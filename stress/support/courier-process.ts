/**
 * `courier start` as a child process, started exactly as people start it (bin/courier.mjs), on a
 * persistent data directory: its contract lines, its process tree, and stopping it for good.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  findJvm,
  isAlive,
  killHard,
  processesBelow,
  waitUntilGone,
  type ProcessInfo,
} from './processes';

const BIN = path.join(__dirname, '..', '..', 'bin', 'courier.mjs');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 15_000;
const GONE_TIMEOUT_MS = 15_000;
const OUTPUT_TAIL_CHARS = 4000;

export interface CourierExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export interface CourierProcess {
  readonly child: ChildProcess;
  /** The engine's pid (node itself: bin/courier.mjs loads TypeScript in-process). */
  readonly pid: number;
  readonly url: string;
  readonly realtimeUrl: string;
  readonly apiKey: string;
  /** Milliseconds from spawn to the last contract line. */
  readonly readyMs: number;
  readonly exited: Promise<CourierExit>;
  /** The last of what it wrote to stderr, for failure messages. */
  stderrTail(): string;
  /** The live processes below the engine now (supervisor, JVM, esbuild). */
  tree(): ProcessInfo[];
  /** The DynamoDB Local JVM below the engine, if running. */
  jvmPid(): number | undefined;
}

export interface StartCourierOptions {
  readonly dataDir: string;
  /** Extra arguments, e.g. --in-memory (the crash tests never pass it). */
  readonly args?: readonly string[];
  /** Options for node itself, before the script (the soak's `--inspect=127.0.0.1:0`). */
  readonly nodeArgs?: readonly string[];
}

/** Spawns `courier start --port 0 --data-dir DIR` and resolves once it printed its four lines. */
export async function startCourier(options: StartCourierOptions): Promise<CourierProcess> {
  const started = performance.now();
  const child = spawn(
    process.execPath,
    [
      ...(options.nodeArgs ?? []),
      BIN,
      'start',
      '--port',
      '0',
      '--data-dir',
      options.dataDir,
      '--no-request-logs',
      ...(options.args ?? []),
    ],
    {
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches only this tool, which then stops the
      // engine in order (or kills it, in a crash round) instead of racing it.
      detached: true,
    },
  );
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error('courier start could not be spawned');
  }
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-OUTPUT_TAIL_CHARS);
  });
  const exited = new Promise<CourierExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = await contractLines(child, exited, () => stderr);
  return {
    child,
    pid,
    url: lines.get('GraphQL endpoint') ?? '',
    realtimeUrl: lines.get('Realtime endpoint') ?? '',
    apiKey: lines.get('API key') ?? '',
    readyMs: Math.round(performance.now() - started),
    exited,
    stderrTail: () => stderr,
    tree: () => processesBelow(pid),
    jvmPid: () => findJvm(processesBelow(pid))?.pid,
  };
}

/** Reads stdout until the `Explorer:` line: the contract's last line, printed when ready. */
function contractLines(
  child: ChildProcess,
  exited: Promise<CourierExit>,
  stderr: () => string,
): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const lines = new Map<string, string>();
    let partial = '';
    const timer = setTimeout(() => {
      killHard(child.pid ?? -1);
      reject(new Error(`courier start was not ready within ${READY_TIMEOUT_MS} ms: ${stderr()}`));
    }, READY_TIMEOUT_MS);
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      const parts = (partial + chunk).split('\n');
      partial = parts.pop() ?? '';
      for (const line of parts) {
        const at = line.indexOf(': ');
        if (at > 0) {
          lines.set(line.slice(0, at), line.slice(at + 2));
        }
        if (line.startsWith('Explorer: ')) {
          clearTimeout(timer);
          resolve(lines);
        }
      }
    });
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(
        new Error(`courier start exited (${code ?? signal}) before it was ready: ${stderr()}`),
      );
    });
  });
}

export interface StopReport {
  /** The engine's exit. */
  readonly exit: CourierExit;
  /** Whether SIGTERM was not enough and SIGKILL followed. */
  readonly forced: boolean;
  /** Pids below the engine that outlived it and its grace period, killed then. */
  readonly leftovers: readonly ProcessInfo[];
}

/** SIGTERM, as Ctrl-C would; SIGKILL after a grace period; then everything below it must go. */
export async function stopCourier(courier: CourierProcess): Promise<StopReport> {
  const tree = courier.tree();
  let forced = false;
  if (isAlive(courier.pid)) {
    courier.child.kill('SIGTERM');
  }
  const timer = new Promise<'timeout'>((resolve) =>
    setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref(),
  );
  if ((await Promise.race([courier.exited, timer])) === 'timeout') {
    forced = true;
    killHard(courier.pid);
  }
  const exit = await courier.exited;
  return { exit, forced, leftovers: await reapTree(tree) };
}

/**
 * Waits for processes that were below an engine to end on their own (the supervisor stops the
 * JVM when the engine's channel closes); kills and returns whichever are still there afterwards.
 */
export async function reapTree(tree: readonly ProcessInfo[]): Promise<ProcessInfo[]> {
  const alive = await waitUntilGone(
    tree.map((info) => info.pid),
    GONE_TIMEOUT_MS,
  );
  const leftovers = tree.filter((info) => alive.includes(info.pid));
  leftovers.forEach((info) => killHard(info.pid));
  await waitUntilGone(
    leftovers.map((info) => info.pid),
    GONE_TIMEOUT_MS,
  );
  return leftovers;
}
