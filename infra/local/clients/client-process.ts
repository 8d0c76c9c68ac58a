/**
 * The test side of a client process (see child-protocol.ts): spawns a client script under tsx,
 * sends commands, and keeps every event the client reported so tests can wait for one. Stopping
 * asks the client to exit and kills it (by its PID) if it does not within a few seconds.
 */
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** One line the client process wrote: an answer (with `seq`) or an event (with `event`). */
export type ClientEvent = Readonly<Record<string, unknown>>;

export interface ClientProcess {
  readonly pid: number;
  /** Every event so far, oldest first (answers to commands excluded). */
  readonly events: readonly ClientEvent[];
  /** Runs a command in the client; rejects with the client's error (as JSON) if it threw. */
  call(op: string, args?: Record<string, unknown>): Promise<unknown>;
  /** The first event from index `from` on that `matches`; rejects after `timeoutMs`. */
  waitFor(
    matches: (event: ClientEvent) => boolean,
    options?: { readonly from?: number; readonly timeoutMs?: number },
  ): Promise<ClientEvent>;
  /** Asks the client to exit; kills it if it has not within 5 s. Idempotent. */
  stop(): Promise<void>;
}

/** A command the client process answered with an error. */
export class ClientCommandError extends Error {
  readonly code = 'CLIENT_COMMAND_FAILED';
  constructor(
    readonly op: string,
    readonly detail: unknown,
  ) {
    super(`The client's ${op} command failed: ${JSON.stringify(detail)}`);
    this.name = 'ClientCommandError';
  }
}

const READY_TIMEOUT_MS = 30_000;
const CALL_TIMEOUT_MS = 20_000;
const EXIT_GRACE_MS = 5_000;

/** Starts `script` (a TypeScript client app) with `env` added to this process's environment. */
export async function startClientProcess(
  script: string,
  env: Readonly<Record<string, string>> = {},
): Promise<ClientProcess> {
  const child: ChildProcessByStdio<Writable, Readable, Readable> = spawn(
    process.execPath,
    ['--import', 'tsx', script],
    { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  const pid = child.pid;
  if (pid === undefined) {
    throw new Error(`Could not start the client process ${script}`);
  }
  const events: ClientEvent[] = [];
  const pending = new Map<
    number,
    { op: string; resolve: (value: unknown) => void; reject: (error: Error) => void }
  >();
  const waiters = new Set<() => void>();
  let stderr = '';
  let exited = false;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      for (const { reject } of pending.values()) {
        reject(new Error(`The client process exited (${signal ?? code}); stderr: ${stderr}`));
      }
      pending.clear();
      resolve();
    });
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  createInterface({ input: child.stdout }).on('line', (line) => {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      events.push({ event: 'stdout', text: line });
      return;
    }
    const seq = message['seq'];
    if (typeof seq === 'number' && !('event' in message)) {
      const call = pending.get(seq);
      pending.delete(seq);
      if (message['ok'] === true) {
        call?.resolve(message['result']);
      } else {
        call?.reject(new ClientCommandError(call.op, message['error']));
      }
      return;
    }
    events.push(message);
    for (const wake of waiters) {
      wake();
    }
  });

  let nextSeq = 0;
  const client: ClientProcess = {
    pid,
    events,
    call(op, args = {}) {
      if (exited) {
        return Promise.reject(new Error(`The client process has exited; cannot run ${op}`));
      }
      const seq = nextSeq;
      nextSeq += 1;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(seq);
          reject(new Error(`The client did not answer ${op} within ${CALL_TIMEOUT_MS} ms`));
        }, CALL_TIMEOUT_MS);
        pending.set(seq, {
          op,
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        });
        child.stdin.write(`${JSON.stringify({ seq, op, args })}\n`);
      });
    },
    async waitFor(matches, options = {}) {
      const timeoutMs = options.timeoutMs ?? 10_000;
      const deadline = Date.now() + timeoutMs;
      let index = options.from ?? 0;
      for (;;) {
        for (; index < events.length; index += 1) {
          const event = events[index] as ClientEvent;
          if (matches(event)) {
            return event;
          }
        }
        if (exited || Date.now() >= deadline) {
          throw new Error(
            `No matching client event within ${timeoutMs} ms${exited ? ' (the client exited)' : ''}; events since ${options.from ?? 0}: ${JSON.stringify(events.slice(options.from ?? 0))}`,
          );
        }
        await new Promise<void>((resolve) => {
          const wake = (): void => {
            clearTimeout(timer);
            waiters.delete(wake);
            resolve();
          };
          const timer = setTimeout(wake, deadline - Date.now());
          waiters.add(wake);
        });
      }
    },
    async stop() {
      if (exited) {
        return;
      }
      child.stdin.end(`${JSON.stringify({ seq: -1, op: 'exit' })}\n`);
      const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      await exit;
      clearTimeout(timer);
    },
  };
  try {
    await client.waitFor((event) => event['event'] === 'ready', { timeoutMs: READY_TIMEOUT_MS });
  } catch (error) {
    child.kill('SIGKILL');
    await exit;
    throw new Error(`The client process ${script} did not start; stderr: ${stderr}`, {
      cause: error,
    });
  }
  return client;
}
