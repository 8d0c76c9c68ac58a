/**
 * A child process for the engine and realtime benchmarks: the local engine with the fixture API
 * (whose Subscription.onItemPut fires on Mutation.putItem) on a free port, in-memory DynamoDB, no
 * request logs. Engine and realtime notes (dropped events, slow consumers) go to stderr, so a lost event
 * has a visible cause. Prints one JSON line with its endpoints, then serves until killed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalApi } from '../../infra/local/start';
import { runServer, stopOnSignal } from './serve-until-signal';
import { fixtureApi } from '../../infra/local/testing/local-api';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-bench-realtime-'));
  const api = await startLocalApi({
    api: await fixtureApi(),
    inMemory: true,
    explorer: false,
    dataDir,
    onLog: (line) => process.stderr.write(`[engine] ${line}\n`),
  });
  console.log(
    JSON.stringify({
      url: api.url,
      realtimeUrl: api.realtimeUrl,
      apiKey: api.apiKey,
      dynamodb: api.dynamodb,
    }),
  );
  stopOnSignal(async () => {
    await api.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
}

runServer(main);
