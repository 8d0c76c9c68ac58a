/**
 * The messages between the engine and an execution environment (a worker thread running one
 * Lambda handler). Events and results cross as JSON text, as they cross Lambda's API: what the
 * handler sees and returns is exactly what survives a JSON round trip.
 */

/** What a worker needs to start: the bundled handler and the function's identity. */
export interface RuntimeData {
  /** Absolute path of the bundled handler module. */
  readonly modulePath: string;
  /** The exported function to call. */
  readonly handlerName: string;
  /** `index.handler`, as Lambda's `_HANDLER` names it in its messages. */
  readonly handlerString: string;
  readonly functionName: string;
  readonly functionVersion: string;
  readonly invokedFunctionArn: string;
  readonly memoryLimitInMB: string;
  readonly logGroupName: string;
  readonly logStreamName: string;
}

/** A failure as Lambda's Node.js runtime reports it: `errorType` is the error's name. */
export interface HandlerFailure {
  readonly errorType: string;
  readonly errorMessage: string;
  /** Source-mapped stack, for the log; never sent to clients. */
  readonly stack?: string;
}

/** Engine to worker. */
export interface InvokeMessage {
  readonly type: 'invoke';
  readonly requestId: string;
  /** The event as JSON text. */
  readonly event: string;
  /** Epoch milliseconds when the invocation times out, for `getRemainingTimeInMillis`. */
  readonly deadline: number;
}

/** Worker to engine. */
export type RuntimeMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'init-error'; readonly failure: HandlerFailure }
  | {
      readonly type: 'log';
      readonly requestId: string | null;
      readonly level: string;
      readonly text: string;
    }
  | { readonly type: 'result'; readonly requestId: string; readonly json: string }
  | { readonly type: 'error'; readonly requestId: string; readonly failure: HandlerFailure }
  /** An uncaught exception or unhandled rejection; the worker exits right after. */
  | { readonly type: 'crash'; readonly requestId: string | null; readonly failure: HandlerFailure };

/** Narrows a message from a worker; anything else is a bug in the runtime. */
export function isRuntimeMessage(value: unknown): value is RuntimeMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    'type' in value &&
    typeof value.type === 'string' &&
    ['ready', 'init-error', 'log', 'result', 'error', 'crash'].includes(value.type)
  );
}
