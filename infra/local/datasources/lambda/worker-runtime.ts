/**
 * The Lambda runtime inside one execution environment (a worker thread): loads the bundled handler
 * once (the init phase), then runs one invocation at a time with a Lambda-like context, as
 * Lambda's Node.js runtime does. Bundled by esbuild and evaluated as the worker's script; it runs
 * in the worker, never in the engine.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';
import type { HandlerFailure, InvokeMessage, RuntimeData, RuntimeMessage } from './protocol';

type Callback = (error?: unknown, value?: unknown) => void;
type Handler = (event: unknown, context: object, callback: Callback) => unknown;

const port = parentPort;
if (!port) {
  throw new Error('The Lambda runtime must run in a worker thread.');
}
const data = workerData as RuntimeData;
let currentRequestId: string | null = null;

function post(message: RuntimeMessage): void {
  if (message.type === 'result' || message.type === 'error') {
    flushPartialLines(); // what the invocation wrote is logged before it ends
  }
  port?.postMessage(message);
}

/** Lambda's runtime reports an error by its name and message; anything thrown may be an error. */
function describe(error: unknown): HandlerFailure {
  if (error instanceof Error) {
    return {
      errorType: error.name,
      errorMessage: error.message,
      ...(error.stack === undefined ? {} : { stack: error.stack }),
    };
  }
  return { errorType: typeof error, errorMessage: String(error) };
}

// Stack traces point at the handler's TypeScript through the bundle's source map.
process.setSourceMapsEnabled(true);

// console writes become log events tagged with the invocation, as in CloudWatch.
const levels = {
  log: 'INFO',
  info: 'INFO',
  warn: 'WARN',
  error: 'ERROR',
  debug: 'DEBUG',
  trace: 'TRACE',
};
for (const [method, level] of Object.entries(levels)) {
  Object.defineProperty(console, method, {
    configurable: true,
    writable: true,
    value: (...args: unknown[]): void => {
      const text = format(...args);
      post({
        type: 'log',
        requestId: currentRequestId,
        level,
        text:
          method === 'trace'
            ? `Trace: ${text}\n${new Error().stack?.split('\n').slice(2).join('\n') ?? ''}`
            : text,
      });
    },
  });
}

// Direct writes to stdout and stderr are log lines too, in order with console's.
const partial = { INFO: '', ERROR: '' };
function capture(stream: NodeJS.WriteStream, level: keyof typeof partial): void {
  Object.defineProperty(stream, 'write', {
    configurable: true,
    writable: true,
    value: (chunk: unknown, ...rest: unknown[]): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk as Uint8Array).toString();
      const lines = (partial[level] + text).split('\n');
      partial[level] = lines.pop() ?? '';
      lines.forEach((line) =>
        post({ type: 'log', requestId: currentRequestId, level, text: line }),
      );
      const callback = rest.find((argument) => typeof argument === 'function');
      if (typeof callback === 'function') {
        queueMicrotask(() => (callback as () => void)());
      }
      return true;
    },
  });
}
capture(process.stdout, 'INFO');
capture(process.stderr, 'ERROR');

/** Ends a line left unterminated, so it is logged with the invocation that wrote it. */
function flushPartialLines(): void {
  for (const level of ['INFO', 'ERROR'] as const) {
    if (partial[level] !== '') {
      post({ type: 'log', requestId: currentRequestId, level, text: partial[level] });
      partial[level] = '';
    }
  }
}

// Lambda's runtime reports an uncaught error against the running invocation, then exits.
function crash(error: unknown): void {
  post({ type: 'crash', requestId: currentRequestId, failure: describe(error) });
  process.exit(129);
}
process.on('uncaughtException', crash);
process.on('unhandledRejection', crash);

function context(requestId: string, deadline: number, callback: Callback): object {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: data.functionName,
    functionVersion: data.functionVersion,
    invokedFunctionArn: data.invokedFunctionArn,
    memoryLimitInMB: data.memoryLimitInMB,
    awsRequestId: requestId,
    logGroupName: data.logGroupName,
    logStreamName: data.logStreamName,
    getRemainingTimeInMillis: (): number => Math.max(0, deadline - Date.now()),
    // The deprecated completion methods some handlers still call.
    done: callback,
    succeed: (value?: unknown): void => callback(null, value),
    fail: (error?: unknown): void => callback(error ?? 'handled'),
  };
}

/**
 * Calls the handler as Lambda's runtime does: a returned promise settles the invocation; otherwise
 * the callback does. A synchronous handler that takes no callback and returns a plain value ends
 * with `null`, because Lambda ignores that value.
 */
function call(handler: Handler, message: InvokeMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const callback: Callback = (error, value) => {
      if (settled) {
        return;
      }
      settled = true;
      if (error === undefined || error === null) {
        resolve(value);
      } else {
        reject(error);
      }
    };
    const event: unknown = JSON.parse(message.event);
    const returned = handler(
      event,
      context(message.requestId, message.deadline, callback),
      callback,
    );
    if (
      typeof returned === 'object' &&
      returned !== null &&
      'then' in returned &&
      typeof returned.then === 'function'
    ) {
      (returned as PromiseLike<unknown>).then(
        (value) => callback(null, value),
        (error: unknown) => callback(error ?? new Error('The handler rejected without a reason.')),
      );
    } else if (handler.length < 3) {
      setImmediate(() => callback(null, null));
    }
  });
}

async function invoke(handler: Handler, message: InvokeMessage): Promise<void> {
  currentRequestId = message.requestId;
  try {
    await run(handler, message);
  } finally {
    currentRequestId = null;
  }
}

async function run(handler: Handler, message: InvokeMessage): Promise<void> {
  try {
    const value = await call(handler, message);
    let json: string;
    try {
      json = JSON.stringify(value === undefined ? null : value);
    } catch (cause) {
      const failure: HandlerFailure = {
        errorType: 'Runtime.JSONStringifyError',
        errorMessage: 'Unable to stringify response body',
        stack: describe(cause).stack ?? String(cause),
      };
      post({ type: 'error', requestId: message.requestId, failure });
      return;
    }
    post({ type: 'result', requestId: message.requestId, json });
  } catch (error) {
    post({ type: 'error', requestId: message.requestId, failure: describe(error) });
  }
}

async function init(): Promise<Handler | HandlerFailure> {
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(data.modulePath).href)) as Record<string, unknown>;
  } catch (error) {
    if (error instanceof SyntaxError) {
      return { ...describe(error), errorType: 'Runtime.UserCodeSyntaxError' };
    }
    if (error instanceof Error && 'code' in error && error.code === 'ERR_MODULE_NOT_FOUND') {
      return {
        ...describe(error),
        errorType: 'Runtime.ImportModuleError',
        errorMessage: `Error: ${error.message}`,
      };
    }
    return describe(error);
  }
  const handler = loaded[data.handlerName];
  if (handler === undefined) {
    return {
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: `${data.handlerString} is undefined or not exported`,
    };
  }
  if (typeof handler !== 'function') {
    return {
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: `${data.handlerString} is not a function`,
    };
  }
  return handler as Handler;
}

void init().then((outcome) => {
  if (typeof outcome !== 'function') {
    post({ type: 'init-error', failure: outcome });
    return;
  }
  port.on('message', (message: InvokeMessage) => {
    void invoke(outcome, message);
  });
  post({ type: 'ready' });
});
