/**
 * A child process for the engine benchmark: the local engine with the fixture API on a free port,
 * in-memory DynamoDB, no logs. Prints one JSON line with its endpoints, then serves until killed.
 */
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startLocalApi } from '../../infra/local/start';
import { fixtureApi } from '../../infra/local/testing/local-api';

async function main(): Promise<void> {
  const api = await startLocalApi({
    api: await fixtureApi(),
    inMemory: true,
    explorer: false,
    dataDir: await mkdtemp(path.join(os.tmpdir(), 'courier-bench-')),
  });
  console.log(JSON.stringify({ url: api.url, apiKey: api.apiKey, dynamodb: api.dynamodb }));
  const stop = (): void => {
    api.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
