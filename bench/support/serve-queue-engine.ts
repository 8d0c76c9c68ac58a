/**
 * A child process for the queue benchmark: Courier's own API on the local engine (in-memory
 * DynamoDB Local, free port, no request logs), with every DynamoDB request of the engine's data
 * sources and of the Lambdas routed through a counting proxy in a process of its own. Prints one
 * JSON line: the API's endpoints, an admin token, DynamoDB Local's own endpoint (for direct
 * baselines) and the proxy's URL (for counts). Serves until SIGTERM.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openLocalIssuer } from '../../infra/local/auth/local-issuer';
import { dataDirLayout } from '../../infra/local/data-dir';
import { startLocalApi } from '../../infra/local/start';
import { runServer, stopOnSignal } from './serve-until-signal';
import { startChildServer, type ChildServer } from './child-server';

/** Long enough for any run of the benchmark. */
const ADMIN_TOKEN_SECONDS = 3_600;

/** Starts the counting proxy for `target` in its own process; the child reads it from its env. */
async function startCounter(target: string): Promise<ChildServer> {
  process.env['BENCH_DYNAMODB_TARGET'] = target;
  return startChildServer('serve-dynamodb-counter.ts');
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-bench-queue-'));
  let counter: ChildServer | undefined;
  const api = await startLocalApi({
    inMemory: true,
    explorer: false,
    dataDir,
    onLog: (line) => process.stderr.write(`[engine] ${line}\n`),
    dynamodbEndpoint: async (endpoint) => {
      counter = await startCounter(endpoint);
      return counter.info['url'] as string;
    },
  });
  const issuer = await openLocalIssuer(dataDirLayout(dataDir).issuer);
  console.log(
    JSON.stringify({
      url: api.url,
      apiKey: api.apiKey,
      adminToken: issuer.mint({
        username: 'bench',
        groups: ['admins'],
        expiresInSeconds: ADMIN_TOKEN_SECONDS,
      }),
      dynamodb: api.dynamodb,
      counterUrl: counter?.info['url'],
    }),
  );
  stopOnSignal(async () => {
    await api.stop();
    await counter?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });
}

runServer(main);
