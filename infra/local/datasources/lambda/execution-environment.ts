import { Worker } from 'node:worker_threads';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import {
  isRuntimeMessage,
  type HandlerFailure,
  type InvokeMessage,
  type RuntimeData,
  type RuntimeMessage,
} from './protocol';

/** Lambda gives a function's init phase 10 seconds, whatever the function's timeout. */
export const INIT_TIMEOUT_MS = 10_000;

/** How one invocation ended, as the Lambda service reports it. */
export type InvocationOutcome =
  | { readonly kind: 'result'; readonly json: string }
  | { readonly kind: 'failure'; readonly failure: HandlerFailure };

/** A log event from the handler, or from the runtime about the handler. */
export interface LogEvent {
  readonly requestId: string | null;
  readonly level: string;
  readonly text: string;
}

export interface ExecutionEnvironmentOptions {
  readonly script: string;
  readonly data: RuntimeData;
  readonly env: Readonly<Record<string, string>>;
  readonly memoryMb: number;
  readonly onLog: (event: LogEvent) => void;
}

interface Pending {
  readonly requestId: string;
  readonly resolve: (outcome: InvocationOutcome) => void;
  readonly timer: NodeJS.Timeout;
}

function seconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

/**
 * One Lambda execution environment: a worker thread with its own event loop and `process.env`,
 * which loads the handler once and then runs one invocation at a time, warm, until it times out,
 * crashes or is closed, after which it is never used again.
 */
export class ExecutionEnvironment {
  private readonly worker: Worker;
  private pending: Pending | null = null;
  private alive = true;
  private started = false;
  private closing = false;
  /** Settles when the init phase ends: null when the handler is ready, its failure otherwise. */
  readonly ready: Promise<HandlerFailure | null>;

  constructor(private readonly options: ExecutionEnvironmentOptions) {
    this.worker = new Worker(options.script, {
      eval: true,
      workerData: options.data,
      env: { ...options.env },
      stdout: true,
      stderr: true,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
    this.forward(this.worker.stdout, 'INFO');
    this.forward(this.worker.stderr, 'ERROR');
    this.ready = new Promise((resolve) => {
      const timer = setTimeout(() => {
        resolve({
          errorType: 'Sandbox.Timedout',
          errorMessage: `INIT_REPORT Init Duration: ${INIT_TIMEOUT_MS.toFixed(2)} ms Phase: init Status: timeout`,
        });
        void this.terminate();
      }, INIT_TIMEOUT_MS);
      const settle = (outcome: HandlerFailure | null): void => {
        clearTimeout(timer);
        resolve(outcome);
      };
      this.worker.on('message', (message: unknown) => {
        if (!isRuntimeMessage(message)) {
          return;
        }
        if (message.type === 'ready') {
          this.started = true;
          settle(null);
        } else if (message.type === 'init-error' || (message.type === 'crash' && !this.started)) {
          settle(message.failure);
        } else if (message.type === 'crash' && !this.pending) {
          // A timer or promise failed between invocations: Lambda logs it and recycles the sandbox.
          this.options.onLog({
            requestId: null,
            level: 'ERROR',
            text: `Uncaught Exception\t${message.failure.stack ?? `${message.failure.errorType}: ${message.failure.errorMessage}`}`,
          });
        } else {
          this.receive(message);
        }
      });
      this.worker.on('error', (error) => {
        this.alive = false;
        settle(this.workerError(error));
        this.finish(this.workerError(error));
      });
      this.worker.on('exit', (code) => {
        this.alive = false;
        const failure = this.exitFailure(code);
        settle(failure);
        this.finish(failure);
      });
    });
  }

  /** Whether the environment can take another invocation. */
  get usable(): boolean {
    return this.alive && !this.closing;
  }

  /** Runs one invocation; the environment must be ready and idle. Never rejects. */
  invoke(requestId: string, event: string, timeoutMs: number): Promise<InvocationOutcome> {
    if (this.pending) {
      throw new Error('An execution environment runs one invocation at a time.');
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.options.onLog({
          requestId,
          level: 'ERROR',
          text: `Task timed out after ${seconds(timeoutMs)} seconds`,
        });
        void this.terminate({
          errorType: 'Sandbox.Timedout',
          errorMessage: `RequestId: ${requestId} Error: Task timed out after ${seconds(timeoutMs)} seconds`,
        });
      }, timeoutMs);
      this.pending = { requestId, resolve, timer };
      const message: InvokeMessage = {
        type: 'invoke',
        requestId,
        event,
        deadline: Date.now() + timeoutMs,
      };
      this.worker.postMessage(message);
    });
  }

  /** Stops the worker; an invocation still running ends with `failure` when given. */
  async terminate(failure?: HandlerFailure): Promise<void> {
    this.closing = true;
    if (failure) {
      this.finish(failure);
    }
    await this.worker.terminate();
  }

  private receive(message: RuntimeMessage): void {
    switch (message.type) {
      case 'log':
        this.options.onLog({
          requestId: message.requestId,
          level: message.level,
          text: message.text,
        });
        return;
      case 'result':
        this.finish({ kind: 'result', json: message.json }, message.requestId);
        return;
      case 'error':
        this.finish({ kind: 'failure', failure: message.failure }, message.requestId);
        return;
      case 'crash':
        this.alive = false; // it exits right after: never hand it another invocation
        this.finish({ kind: 'failure', failure: message.failure }, message.requestId);
        return;
      default:
        return;
    }
  }

  /** Ends the pending invocation (the one named, when a request id is given). */
  private finish(outcome: InvocationOutcome | HandlerFailure, requestId?: string | null): void {
    const pending = this.pending;
    if (
      !pending ||
      (requestId !== undefined && requestId !== null && requestId !== pending.requestId)
    ) {
      return;
    }
    this.pending = null;
    clearTimeout(pending.timer);
    pending.resolve('kind' in outcome ? outcome : { kind: 'failure', failure: outcome });
  }

  private workerError(error: Error): HandlerFailure {
    const requestId = this.pending?.requestId ?? 'none';
    if ('code' in error && error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return {
        errorType: 'Runtime.OutOfMemory',
        errorMessage: `RequestId: ${requestId} Error: Runtime exited with error: signal: killed`,
        ...(error.stack === undefined ? {} : { stack: error.stack }),
      };
    }
    return {
      errorType: error.name,
      errorMessage: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
    };
  }

  private exitFailure(code: number): HandlerFailure {
    const requestId = this.pending?.requestId ?? 'none';
    if (this.closing) {
      return {
        errorType: 'Runtime.ExitError',
        errorMessage: `RequestId: ${requestId} Error: The execution environment was shut down during the invocation`,
      };
    }
    return {
      errorType: 'Runtime.ExitError',
      errorMessage:
        code === 0
          ? `RequestId: ${requestId} Error: Runtime exited without providing a reason`
          : `RequestId: ${requestId} Error: Runtime exited with error: exit status ${code}`,
    };
  }

  /** Writes that bypass console (process.stdout.write) still reach the log, line by line. */
  private forward(stream: Readable, level: string): void {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (text) => {
      this.options.onLog({ requestId: this.pending?.requestId ?? null, level, text });
    });
  }
}
