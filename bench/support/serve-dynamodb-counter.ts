/**
 * A child process for the queue benchmark: the counting proxy (dynamodb-counter.ts) in front of
 * the DynamoDB Local named by BENCH_DYNAMODB_TARGET, in a process of its own so forwarding takes
 * no time from the engine's event loop. Prints one JSON line with its URL, then serves until
 * SIGTERM, or until the process that started it is gone.
 */
import { startCountingProxy } from './dynamodb-counter';
import { runServer, stopOnSignal } from './serve-until-signal';

const ORPHAN_CHECK_MS = 1_000;

async function main(): Promise<void> {
  const target = process.env['BENCH_DYNAMODB_TARGET'];
  if (!target) {
    throw new Error('BENCH_DYNAMODB_TARGET must name the DynamoDB endpoint to forward to');
  }
  const proxy = await startCountingProxy(target);
  console.log(JSON.stringify({ url: proxy.url }));
  const stop = stopOnSignal(() => proxy.close());
  // A parent that died without stopping us must not leave the proxy behind.
  const parent = process.ppid;
  setInterval(() => {
    if (process.ppid !== parent) {
      stop();
    }
  }, ORPHAN_CHECK_MS).unref();
}

runServer(main);
