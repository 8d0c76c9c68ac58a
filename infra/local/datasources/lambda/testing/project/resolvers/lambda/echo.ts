import { threadId } from 'node:worker_threads';
import { describeContext, type LambdaContext } from './shared';

let invocations = 0;

/** Returns the event it received, with what it knows of its invocation. */
export async function handler(event: unknown, context: LambdaContext): Promise<unknown> {
  invocations += 1;
  return { event, invocations, threadId, context: describeContext(context) };
}

/** Returns the event as it came, nothing else. */
export const identity = async (event: unknown): Promise<unknown> => event;

/** Returns undefined, which Lambda sends as null. */
export async function nothing(): Promise<undefined> {
  return undefined;
}

/** Returns a value JSON turns into something else. */
export async function lossy(): Promise<unknown> {
  return { when: new Date(0), gone: undefined, fn: () => 1, nan: Number.NaN };
}

/** Returns a value JSON cannot carry. */
export async function unserializable(): Promise<unknown> {
  return { big: BigInt(1) };
}

/** Answers through the callback, as handlers did before async functions. */
export function callback(
  event: unknown,
  _context: LambdaContext,
  done: (error: unknown, value?: unknown) => void,
): void {
  setTimeout(() => done(null, { viaCallback: event }), 5);
}

/** Fails through the callback. */
export function callbackError(
  _event: unknown,
  _context: LambdaContext,
  done: (error: unknown, value?: unknown) => void,
): void {
  done(new Error('callback failure'));
}

/** Not a function: Lambda cannot call it. */
export const notAFunction = 42;
