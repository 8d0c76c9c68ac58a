import { sleep } from './shared';

class QueueNotFound extends Error {
  override name = 'QueueNotFound';
}

/** Throws from an async handler. */
export async function handler(event: { message?: string }): Promise<never> {
  throw new Error(event.message ?? 'boom');
}

/** Throws an error class of its own. */
export async function custom(): Promise<never> {
  throw new QueueNotFound('No queue named orders');
}

/** Rejects with something that is not an Error. */
export async function rejectsString(): Promise<never> {
  return Promise.reject('plain string');
}

/** Exits the process, as a careless handler might, unless told to carry on. */
export async function exits(event: { carryOn?: boolean } | null): Promise<string> {
  if (!event?.carryOn) {
    process.exit(3);
  }
  return 'carried on';
}

/** Throws from a timer, outside the handler's promise, unless told to carry on. */
export async function timerThrows(event: { carryOn?: boolean } | null): Promise<string> {
  if (event?.carryOn) {
    return 'carried on';
  }
  setTimeout(() => {
    throw new Error('thrown from a timer');
  }, 1);
  await sleep(1_000);
  return 'unreachable';
}

/** Runs longer than any test's timeout, without yielding. */
export async function spins(): Promise<never> {
  for (;;) {
    // A busy loop: only terminating the worker stops it.
  }
}

/** Waits as long as the event says, then reports how long it was given. */
export async function sleeps(
  event: { ms: number },
  context: { getRemainingTimeInMillis(): number },
): Promise<unknown> {
  const remaining = context.getRemainingTimeInMillis();
  await sleep(event.ms);
  return { slept: event.ms, remaining };
}
