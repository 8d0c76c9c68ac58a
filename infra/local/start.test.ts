import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixtureApi } from './testing/local-api';
import { startLocalApi, type LocalApi, type LocalApiOptions } from './start';

/** Where data lives: the data directory by default, nowhere with inMemory. */

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-start-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

async function withApi<T>(
  options: LocalApiOptions,
  use: (api: LocalApi) => Promise<T>,
): Promise<T> {
  const api = await startLocalApi({
    api: await fixtureApi(),
    explorer: false,
    dataDir,
    ...options,
  });
  try {
    return await use(api);
  } finally {
    await api.stop();
  }
}

async function graphql(api: LocalApi, query: string): Promise<unknown> {
  const response = await fetch(api.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': api.apiKey },
    body: JSON.stringify({ query }),
  });
  return response.json();
}

const PUT = 'mutation { putItem(pk: "kept", sk: "1", kind: "durable") { pk } }';
const GET = '{ getItem(pk: "kept", sk: "1") { kind } }';

describe('startLocalApi', () => {
  it('keeps data in the data directory across restarts', async () => {
    await withApi({}, (api) => graphql(api, PUT));
    const after = await withApi({}, (api) => graphql(api, GET));
    expect(after).toEqual({ data: { getItem: { kind: 'durable' } } });
  }, 120_000);

  it('keeps nothing with inMemory', async () => {
    await withApi({ inMemory: true }, (api) => graphql(api, PUT));
    const after = await withApi({ inMemory: true }, (api) => graphql(api, GET));
    expect(after).toEqual({ data: { getItem: null } });
  }, 120_000);

  it('stops DynamoDB Local and frees the port on stop()', async () => {
    const api = await startLocalApi({
      api: await fixtureApi(),
      explorer: false,
      dataDir,
      inMemory: true,
    });
    const { pid } = api.dynamodb;
    await api.stop();
    expect(() => process.kill(pid, 0)).toThrow();
    await expect(fetch(api.url)).rejects.toThrow();
  }, 120_000);
});
