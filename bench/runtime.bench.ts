/**
 * The APPSYNC_JS sandbox against plain JavaScript: a typical resolver (Query.queue: request builds a
 * checked GetItem, response maps the item) invoked request + response, in the sandbox with full
 * isolation, and as plain functions called in this process. Both run in this one process, one after
 * the other, several rounds each; the best round of each is compared.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { bundleResolvers } from '../infra/build/bundle';
import { resolversDir } from '../infra/build/paths';
import { createAppSyncApi } from '../infra/local/runtime/realm/api';
import { createScope } from '../infra/local/runtime/realm/invocation';
import { Sandbox } from '../infra/local/runtime/sandbox/sandbox';
import { transformModule } from '../infra/local/runtime/sandbox/transform';
import { manifest } from '../resolvers/index';
import { storedQueueItem } from '../resolvers/testing/queue-item';

const ROUNDS = 5;
const ROUND_MS = 1_000;

type Handlers = Record<string, (ctx: unknown) => unknown>;

function context(result: unknown): Record<string, unknown> {
  return {
    arguments: { name: 'parcels' },
    args: { name: 'parcels' },
    identity: null,
    source: null,
    stash: {},
    request: { headers: { 'x-api-key': 'da2-local' }, domainName: null },
    info: {
      fieldName: 'queue',
      parentTypeName: 'Query',
      variables: {},
      selectionSetList: ['name', 'type'],
      selectionSetGraphQL: '{ name type }',
    },
    env: { QUEUES_TABLE: 'queues' },
    ...(result === undefined ? {} : { result }),
  };
}

const item = storedQueueItem();

/** Runs `once` for ROUND_MS, ROUNDS times; returns the best rate in invocations per second. */
function measure(once: () => void): number {
  for (let i = 0; i < 2_000; i += 1) {
    once();
  }
  let best = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    let count = 0;
    const started = process.hrtime.bigint();
    const deadline = started + BigInt(ROUND_MS) * 1_000_000n;
    let now = started;
    while (now < deadline) {
      for (let i = 0; i < 100; i += 1) {
        once();
      }
      count += 100;
      now = process.hrtime.bigint();
    }
    best = Math.max(best, count / (Number(now - started) / 1e9));
  }
  return best;
}

async function main(): Promise<void> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'courier-bench-'));
  try {
    const bundles = await bundleResolvers({ manifest, resolversDir, outDir });
    const bundle = bundles.find((candidate) => candidate.unit.id === 'Query.queue');
    if (!bundle) {
      throw new Error('Query.queue has no bundle');
    }

    // Plain: the same bundle's functions, called directly in this realm with the same util code.
    const api = createAppSyncApi({
      host: { nowMs: Date.now, randomHex: (count) => '0'.repeat(count * 2) },
      scope: createScope(),
    });
    const factory = vm.runInThisContext(transformModule(bundle.code, { ticks: false }).script) as (
      modules: unknown,
      tick: unknown,
    ) => Handlers;
    const plain = factory(api.modules, () => undefined);
    const plainRate = measure(() => {
      plain['request']?.(context(undefined));
      plain['response']?.(context(item));
    });

    // Sandboxed: checked at load, fresh module per invocation, frozen realm, tick budget, JSON in and out.
    const sandbox = Sandbox.create();
    const loaded = sandbox.load(bundle.code, 'Query.queue.js');
    const requestContext = context(undefined);
    const responseContext = context(item);
    const first = sandbox.invoke(loaded, { handler: 'request', context: requestContext });
    if (first.kind !== 'value') {
      throw new Error(`The sandboxed resolver failed: ${JSON.stringify(first)}`);
    }
    const sandboxRate = measure(() => {
      sandbox.invoke(loaded, { handler: 'request', context: requestContext });
      sandbox.invoke(loaded, { handler: 'response', context: responseContext });
    });

    const format = (rate: number): string => `${Math.round(rate).toLocaleString('en-US')}/s`;
    console.log('Query.queue, request + response (one evaluation = both handlers):');
    console.log(`  plain JavaScript, same process: ${format(plainRate)}`);
    console.log(`  APPSYNC_JS sandbox (isolated):  ${format(sandboxRate)}`);
    console.log(`  ratio sandbox / plain:          ${(sandboxRate / plainRate).toFixed(2)}`);
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

void main();
