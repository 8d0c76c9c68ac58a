import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { LOCAL_REGION, randomCredentials, type LocalCredentials } from './credentials';
import { DynamoDbLocalStartError } from './errors';
import { findFreePort, isPortFree } from './free-port';
import { findDynamoDbLocalJar } from './jar';
import { assertJavaExists, type JavaCommand, javaCommand, javaMissing, javaTooOld } from './java';

/** A running DynamoDB Local, owned by this process: it never outlives it. */
export interface DynamoDbLocal {
  /** `http://127.0.0.1:PORT`. */
  readonly endpoint: string;
  readonly port: number;
  /** The JVM's process id. */
  readonly pid: number;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** Milliseconds from spawning the JVM to its first answered request. */
  readonly readyInMs: number;
  /** Settles when the JVM has exited, whether stopped or on its own (a crash): how it ended. */
  readonly exited: Promise<DynamoDbLocalExit>;
  /** Stops the JVM and resolves once it has exited (its port is then free). Idempotent. */
  stop(): Promise<void>;
}

/** How the JVM ended: its exit code, or the signal that ended it. */
export interface DynamoDbLocalExit {
  readonly code: number | null;
  readonly signal: string | null;
}

export interface DynamoDbLocalOptions {
  /** DynamoDB Local's -dbPath (created if missing); omitted: -inMemory. */
  readonly dataDir?: string;
  /** The key that selects the database (DynamoDB Local keeps one per key); random when omitted. */
  readonly credentials?: LocalCredentials;
  /** 0 or omitted: a free port. A given port that is taken is an error, never a retry. */
  readonly port?: number;
  /** Each line DynamoDB Local prints, and the engine's own progress lines. */
  readonly onProgress?: (line: string) => void;
  /** Default: `$JAVA_HOME/bin/java` when JAVA_HOME is set, else `java` from PATH. */
  readonly javaCommand?: string;
  /** How long the JVM may take to answer its first request; 30 s by default. */
  readonly readyTimeoutMs?: number;
}

/**
 * JVM flags for a fast start. DynamoDB Local serves few, small requests, so the C1 compiler alone
 * (TieredStopAtLevel=1) costs nothing later and saves 30% of start-up on an idle 2-core machine
 * (~1.45 s -> ~1.0 s to the first answer) and half or more on a busy one, where C2 competes for
 * the CPU. -Xshare:auto (the default, stated) uses the JDK's class-data archive; an archive of
 * DynamoDB Local's own classes is impossible, as its jar's Class-Path names a non-empty directory.
 * -XX:-UsePerfData: no hsperfdata file in /tmp, which a killed JVM would leave behind.
 */
const JVM_FLAGS = ['-XX:TieredStopAtLevel=1', '-Xshare:auto', '-XX:-UsePerfData'];
const SUPERVISOR = path.join(__dirname, 'supervisor.mjs');
const STOP_GRACE_MS = 3000;
const STOP_TIMEOUT_MS = 10_000;
const POLL_INTERVAL_MS = 25;
const FREE_PORT_ATTEMPTS = 3;
const OUTPUT_TAIL_LINES = 30;

/**
 * Starts DynamoDB Local and resolves once it answers a real request (ListTables) at 127.0.0.1.
 * (DynamoDB Local has no bind-address option: it listens on every interface of its port.)
 * Fails with JavaMissingError (no Java, or older than 17, nothing spawned or left running) or
 * DynamoDbLocalStartError (exited early, port taken, not ready in time: the JVM is stopped and its
 * output tail is in the message).
 *
 * The JVM is owned by a supervisor process (supervisor.mjs) connected to this one by an IPC
 * channel: the channel closes whenever this process ends, even by `kill -9`, and the supervisor
 * then kills the JVM. So no signal handler is needed for the JVM's sake.
 */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  const java = javaCommand(options.javaCommand);
  assertJavaExists(java);
  if (options.dataDir !== undefined) {
    fs.mkdirSync(options.dataDir, { recursive: true });
  }
  const requested = options.port ?? 0;
  if (requested !== 0 && !(await isPortFree(requested))) {
    throw portInUse(requested, '');
  }
  for (let attempt = 1; ; attempt++) {
    const port = requested === 0 ? await findFreePort() : requested;
    try {
      return await startOnPort(java, port, options);
    } catch (error) {
      // A free port can be taken between choosing it and the JVM binding it: choose again.
      const raced =
        error instanceof DynamoDbLocalStartError && error.code === 'PORT_IN_USE' && requested === 0;
      if (!raced || attempt >= FREE_PORT_ATTEMPTS) {
        throw error;
      }
      options.onProgress?.(`Port ${port} was taken while DynamoDB Local started; trying another.`);
    }
  }
}

/** Messages from supervisor.mjs. */
type SupervisorMessage =
  | { readonly type: 'spawned'; readonly pid: number }
  | { readonly type: 'spawn-error'; readonly code: string | null; readonly message: string }
  | { readonly type: 'exited'; readonly code: number | null; readonly signal: string | null };

async function startOnPort(
  java: JavaCommand,
  port: number,
  options: DynamoDbLocalOptions,
): Promise<DynamoDbLocal> {
  const { jar, libraryDir } = findDynamoDbLocalJar();
  const credentials = options.credentials ?? randomCredentials();
  const args = [
    ...JVM_FLAGS,
    `-Djava.library.path=${libraryDir}`,
    '-jar',
    jar,
    '-disableTelemetry',
    '-port',
    String(port),
    ...(options.dataDir === undefined ? ['-inMemory'] : ['-dbPath', path.resolve(options.dataDir)]),
  ];
  const startedAt = performance.now();
  const supervisor = spawn(
    process.execPath,
    [
      SUPERVISOR,
      JSON.stringify({ command: java.command, args, cwd: libraryDir, graceMs: STOP_GRACE_MS }),
    ],
    // detached: its own process group, so a terminal's Ctrl-C reaches only this process, which
    // then stops DynamoDB Local in order instead of the JVM dying underneath it.
    { stdio: ['ignore', 'pipe', 'pipe', 'ipc'], detached: true },
  );
  const output = new OutputTail(OUTPUT_TAIL_LINES, options.onProgress);
  output.read(supervisor.stdout);
  output.read(supervisor.stderr);
  const life = watchSupervisor(supervisor);
  const stop = stopper(supervisor, life);

  try {
    const pid = await life.spawned;
    const endpoint = `http://127.0.0.1:${port}`;
    await waitUntilReady(endpoint, credentials, life, options.readyTimeoutMs ?? 30_000);
    const readyInMs = Math.round(performance.now() - startedAt);
    options.onProgress?.(`DynamoDB Local ready at ${endpoint} in ${readyInMs} ms`);
    // Running: this process may exit without calling stop(); the supervisor then cleans up.
    supervisor.unref();
    supervisor.channel?.unref();
    unrefStream(supervisor.stdout);
    unrefStream(supervisor.stderr);
    return {
      endpoint,
      port,
      pid,
      region: LOCAL_REGION,
      credentials: { ...credentials },
      readyInMs,
      exited: life.exited.then(({ code, signal }) => ({ code, signal })),
      stop,
    };
  } catch (error) {
    await stop();
    throw startFailure(error, life.exit(), java, port, output.text());
  }
}

interface SupervisorLife {
  /** The JVM's pid once spawned; rejects if the JVM could not be spawned or exited first. */
  readonly spawned: Promise<number>;
  /** Resolves when the JVM (and so the supervisor) has exited; never rejects. */
  readonly exited: Promise<JvmExit>;
  /** The JVM's exit once known, synchronously. */
  exit(): JvmExit | undefined;
}

interface JvmExit {
  readonly code: number | null;
  readonly signal: string | null;
  readonly spawnError?: { readonly code: string | null; readonly message: string };
}

function watchSupervisor(supervisor: ChildProcess): SupervisorLife {
  let jvmExit: JvmExit | undefined;
  let resolveSpawned: (pid: number) => void = () => {};
  let rejectSpawned: (exit: JvmExit) => void = () => {};
  const spawned = new Promise<number>((resolve, reject) => {
    resolveSpawned = resolve;
    rejectSpawned = reject;
  });
  spawned.catch(() => {}); // observed by startOnPort; avoid an unhandled rejection meanwhile
  supervisor.on('message', (received: unknown) => {
    const message = received as SupervisorMessage; // supervisor.mjs sends only these
    if (message.type === 'spawned') {
      resolveSpawned(message.pid);
    } else if (message.type === 'spawn-error') {
      jvmExit = {
        code: null,
        signal: null,
        spawnError: { code: message.code, message: message.message },
      };
    } else {
      jvmExit = { code: message.code, signal: message.signal };
    }
  });
  const exited = new Promise<JvmExit>((resolve) => {
    const done = (code: number | null, signal: string | null): void => {
      jvmExit ??= { code, signal };
      rejectSpawned(jvmExit);
      resolve(jvmExit);
    };
    // 'close', not 'exit': by then the JVM's output has been read to the end.
    supervisor.once('close', done);
    supervisor.once('error', (error) => {
      jvmExit ??= { code: null, signal: null, spawnError: { code: null, message: error.message } };
      done(null, null);
    });
  });
  return { spawned, exited, exit: () => jvmExit };
}

/** stop(): ask the supervisor to stop the JVM and wait until both have exited. */
function stopper(supervisor: ChildProcess, life: SupervisorLife): () => Promise<void> {
  let stopping: Promise<void> | undefined;
  return () => {
    stopping ??= (async () => {
      if (supervisor.exitCode !== null || supervisor.signalCode !== null) {
        return;
      }
      // Waiting must keep this process alive even though the handles were unref'd.
      supervisor.ref();
      supervisor.channel?.ref();
      if (supervisor.connected) {
        supervisor.send({ type: 'stop' }, () => {});
      } else {
        supervisor.kill('SIGTERM');
      }
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS).unref(),
      );
      if ((await Promise.race([life.exited, timer])) === 'timeout') {
        // The supervisor did not finish in time: kill its whole process group (it and the JVM).
        killGroup(supervisor.pid);
        await life.exited;
      }
      if (supervisor.connected) {
        supervisor.disconnect();
      }
    })();
    return stopping;
  };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) {
    return;
  }
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

async function waitUntilReady(
  endpoint: string,
  credentials: LocalCredentials,
  life: SupervisorLife,
  timeoutMs: number,
): Promise<void> {
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: { ...credentials },
    maxAttempts: 1,
    requestHandler: { requestTimeout: 2000, connectionTimeout: 1000 },
  });
  const deadline = performance.now() + timeoutMs;
  let lastError: unknown;
  try {
    while (performance.now() < deadline) {
      if (life.exit() !== undefined) {
        throw new JvmExitedError();
      }
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch (error) {
        lastError = error;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS));
    }
    throw new DynamoDbLocalStartError(
      `DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms`,
      'NOT_READY',
      '',
      { cause: lastError },
    );
  } finally {
    client.destroy();
  }
}

class JvmExitedError extends Error {}

/** Turns whatever stopped start-up into the error the caller sees, with the JVM's output. */
function startFailure(
  error: unknown,
  exit: JvmExit | undefined,
  java: JavaCommand,
  port: number,
  output: string,
): Error {
  if (exit?.spawnError?.code === 'ENOENT') {
    return javaMissing(java, exit.spawnError);
  }
  const tooOld = javaTooOld(java, output);
  if (tooOld !== undefined) {
    return tooOld;
  }
  if (/BindException|Address already in use|Failed to bind/.test(output)) {
    return portInUse(port, output);
  }
  if (error instanceof DynamoDbLocalStartError) {
    return new DynamoDbLocalStartError(withTail(error.message, output), error.code, output, {
      cause: error.cause,
    });
  }
  const how =
    exit?.spawnError !== undefined
      ? `could not be started with \`${java.command}\`: ${exit.spawnError.message}`
      : `exited before answering any request (${describeExit(exit)})`;
  return new DynamoDbLocalStartError(withTail(`DynamoDB Local ${how}`, output), 'EXITED', output, {
    cause: error,
  });
}

function describeExit(exit: JvmExit | undefined): string {
  if (exit?.signal !== null && exit?.signal !== undefined) {
    return `signal ${exit.signal}`;
  }
  return exit?.code !== null && exit?.code !== undefined
    ? `exit code ${exit.code}`
    : 'no exit status';
}

function portInUse(port: number, output: string): DynamoDbLocalStartError {
  return new DynamoDbLocalStartError(
    `DynamoDB Local cannot listen on port ${port}: it is already in use. Choose another port, or omit it to use a free one.`,
    'PORT_IN_USE',
    output,
  );
}

function withTail(message: string, output: string): string {
  return output === ''
    ? `${message} (it printed nothing).`
    : `${message}. Its last output:\n${output}`;
}

function unrefStream(stream: Readable | null): void {
  const handle = stream as (Readable & { unref?: () => void }) | null;
  handle?.unref?.();
}

/** Keeps the last lines the JVM printed and forwards each to onProgress. */
class OutputTail {
  private readonly lines: string[] = [];

  constructor(
    private readonly limit: number,
    private readonly onLine: ((line: string) => void) | undefined,
  ) {}

  read(stream: Readable | null): void {
    if (stream === null) {
      return;
    }
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const parts = (partial + chunk).split(/\r?\n/);
      partial = parts.pop() ?? '';
      parts.forEach((line) => this.add(line));
    });
    stream.on('end', () => {
      if (partial !== '') {
        this.add(partial);
      }
    });
  }

  text(): string {
    return this.lines.join('\n');
  }

  private add(line: string): void {
    if (line.trim() === '') {
      return;
    }
    this.lines.push(line);
    if (this.lines.length > this.limit) {
      this.lines.shift();
    }
    this.onLine?.(line);
  }
}
