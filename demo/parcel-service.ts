/**
 * `npm run demo`: a parcel service on Courier's local engine. Vendors request pickups on FIFO
 * queues, drivers hear of them over the realtime WebSocket and deliver them, one driver crashes
 * and the parcel is redelivered. The demo starts the engine itself and stops it (DynamoDB Local's
 * JVM included) however it ends: normally, on an error, or on Ctrl-C.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openLocalIssuer } from '../infra/local/auth/local-issuer';
import { dataDirLayout } from '../infra/local/data-dir';
import { startLocalApi, type LocalApi } from '../infra/local/start';
import { graphqlClient } from './graphql';
import { Journal } from './journal';
import { Narrator, startClock } from './narrator';
import type { ActorContext } from './parcels';
import { castFor, tellStory, type Cast } from './story';

// The AWS SDK warns on Node 20 about its future Node 22 requirement (only for exactly 'true'):
// noise in a demo. Read when the first client is made, after these imports.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

/** The exit code of a process ended by this signal, as shells report it. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type StopSignal = keyof typeof SIGNAL_EXIT_CODES;

class Interrupted extends Error {
  constructor(readonly signal: StopSignal) {
    super(`Interrupted by ${signal}`);
    this.name = 'Interrupted';
  }
}

/**
 * The first signal aborts the story at its next step; the engine is then stopped in order. Later
 * ones are ignored while that happens (it is bounded): one Ctrl-C under `npm run demo` can arrive
 * twice, from the terminal and relayed by tsx, and without a listener tsx would exit at once.
 */
function abortOnSignals(controller: AbortController): void {
  for (const signal of Object.keys(SIGNAL_EXIT_CODES) as StopSignal[]) {
    process.on(signal, () => {
      if (!controller.signal.aborted) {
        controller.abort(new Interrupted(signal));
      }
    });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function adminHeaders(api: LocalApi): Promise<Record<string, string>> {
  const issuer = await openLocalIssuer(dataDirLayout(api.dataDir).issuer);
  return { authorization: issuer.mint({ username: 'dispatcher', groups: ['admins'] }) };
}

async function runStory(
  api: LocalApi,
  narrator: Narrator,
  context: ActorContext,
  cast: Cast,
  signal: AbortSignal,
): Promise<void> {
  const admin = graphqlClient(api.url, await adminHeaders(api));
  await tellStory({ narrator, journal: context.journal, admin, signal }, cast);
}

/** Stops the actors, then the engine; false if DynamoDB Local's JVM outlived it. */
async function tearDown(narrator: Narrator, api: LocalApi | undefined, cast: Cast | undefined) {
  await Promise.all(cast?.everyone.map((actor) => actor.stop()) ?? []);
  if (!api) {
    return true;
  }
  await api.stop();
  const { pid } = api.dynamodb;
  const gone = !isRunning(pid);
  narrator.say(
    `engine stopped; DynamoDB Local (pid ${pid}) ${gone ? 'has exited' : 'is STILL RUNNING'}`,
  );
  return gone;
}

/** The exit code for a story that ended with `error`, told on the way. */
function failureCode(narrator: Narrator, error: unknown): number {
  if (error instanceof Interrupted) {
    narrator.say(`interrupted (${error.signal}): stopping`);
    return SIGNAL_EXIT_CODES[error.signal];
  }
  process.stderr.write(`The demo failed: ${error instanceof Error ? error.stack : error}\n`);
  return 1;
}

async function main(): Promise<number> {
  const clock = startClock();
  const narrator = new Narrator(clock);
  const controller = new AbortController();
  abortOnSignals(controller);
  narrator.heading('Courier parcel service');
  narrator.say('starting the local engine (in-memory DynamoDB Local)');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-demo-'));
  let api: LocalApi | undefined;
  let cast: Cast | undefined;
  let code = 1;
  try {
    api = await startLocalApi({ inMemory: true, explorer: false, dataDir, port: 0 });
    controller.signal.throwIfAborted();
    narrator.say(`engine ready at ${api.url} (DynamoDB Local pid ${api.dynamodb.pid})`);
    const context: ActorContext = {
      graphql: graphqlClient(api.url, { 'x-api-key': api.apiKey }),
      endpoint: { realtimeUrl: api.realtimeUrl, graphqlUrl: api.url, apiKey: api.apiKey },
      journal: new Journal(),
      clock,
      signal: controller.signal,
    };
    cast = castFor(context);
    await runStory(api, narrator, context, cast, controller.signal);
    code = 0;
  } catch (error) {
    code = failureCode(narrator, error);
  } finally {
    if (!(await tearDown(narrator, api, cast))) {
      code = 1;
    }
    await rm(dataDir, { recursive: true, force: true });
  }
  return code;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  },
);
