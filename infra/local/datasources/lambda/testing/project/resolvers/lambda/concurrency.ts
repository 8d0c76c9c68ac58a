import { threadId } from 'node:worker_threads';
import { sleep } from './shared';

let running = 0;
let mostAtOnce = 0;
let invocations = 0;

/** Sleeps, and reports which environment ran it and whether another invocation shared it meanwhile. */
export async function handler(event: { ms: number }): Promise<unknown> {
  running += 1;
  invocations += 1;
  mostAtOnce = Math.max(mostAtOnce, running);
  await sleep(event.ms);
  running -= 1;
  return { threadId, invocations, mostAtOnce };
}
