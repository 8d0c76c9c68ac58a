// The page's logic outside the browser: config.json validation, auth settings, the fetcher (over
// real HTTP against the stand-in server).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AuthSettings, AuthStorage } from './src/auth';
import { authHeaders, loadAuthSettings, saveAuthSettings, storageKey } from './src/auth';
import type { ExplorerConfig } from './src/config';
import { offeredAuthModes, parseExplorerConfig, resolveEndpoints } from './src/config';
import { createCourierFetcher, ExplorerFetchError } from './src/fetcher';
import { startStaticAndGraphql, type StaticAndGraphqlServer } from './testing/static-and-graphql';

const config: ExplorerConfig = {
  graphqlUrl: 'http://127.0.0.1:4000/graphql',
  realtimeUrl: 'ws://127.0.0.1:4000/graphql/realtime',
  apiKey: 'da2-configured',
};

function memoryStorage(): AuthStorage & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
  };
}

describe('parseExplorerConfig', () => {
  it('accepts the endpoints alone and with the optional fields', () => {
    const minimal = { graphqlUrl: '/graphql', realtimeUrl: 'ws://h/graphql/realtime' };
    expect(parseExplorerConfig(minimal)).toEqual(minimal);
    expect(parseExplorerConfig({ ...minimal, apiKey: 'k', authModes: ['API_KEY'] })).toEqual({
      ...minimal,
      apiKey: 'k',
      authModes: ['API_KEY'],
    });
  });

  it.each([
    [[], 'config.json must hold an object, received an array'],
    [
      { realtimeUrl: 'ws://h' },
      'config.json: "graphqlUrl" must be a non-empty string, received nothing',
    ],
    [
      { graphqlUrl: '/graphql', realtimeUrl: '' },
      'config.json: "realtimeUrl" must be a non-empty string, received the string ""',
    ],
    [
      { graphqlUrl: '/g', realtimeUrl: 'ws://h', apiKey: 7 },
      'config.json: "apiKey" must be a string when present, received a number',
    ],
    [
      { graphqlUrl: '/g', realtimeUrl: 'ws://h', authModes: 'API_KEY' },
      'config.json: "authModes" must be an array of strings when present, received the string "API_KEY"',
    ],
  ])('refuses %j', (raw, message) => {
    expect(() => parseExplorerConfig(raw)).toThrow(message);
  });
});

describe('resolveEndpoints', () => {
  it.each([
    [
      '/graphql',
      '/graphql/realtime',
      'http://127.0.0.1:4000/config.json',
      ['http://127.0.0.1:4000/graphql', 'ws://127.0.0.1:4000/graphql/realtime'],
    ],
    [
      'graphql',
      'graphql/realtime',
      'https://cdn.example.com/explorer/config.json',
      [
        'https://cdn.example.com/explorer/graphql',
        'wss://cdn.example.com/explorer/graphql/realtime',
      ],
    ],
    [
      'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
      'https://cdn.example.com/config.json',
      [
        'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
        'wss://abc.appsync-realtime-api.eu-west-1.amazonaws.com/graphql',
      ],
    ],
  ])('resolves %s and %s against %s', (graphqlUrl, realtimeUrl, configUrl, expected) => {
    const resolved = resolveEndpoints({ ...config, graphqlUrl, realtimeUrl }, configUrl);
    expect([resolved.graphqlUrl, resolved.realtimeUrl]).toEqual(expected);
    expect(resolved.apiKey).toBe(config.apiKey);
  });
});

describe('offeredAuthModes', () => {
  it.each([
    [undefined, ['API_KEY', 'AMAZON_COGNITO_USER_POOLS']],
    [['AMAZON_COGNITO_USER_POOLS'], ['AMAZON_COGNITO_USER_POOLS']],
    [['AWS_IAM', 'API_KEY', 'API_KEY'], ['API_KEY']],
    [['AWS_IAM'], ['API_KEY', 'AMAZON_COGNITO_USER_POOLS']],
  ])('offers %j as %j', (authModes, expected) => {
    expect(offeredAuthModes(authModes ? { ...config, authModes } : config)).toEqual(expected);
  });
});

describe('auth settings', () => {
  it.each<[AuthSettings, Record<string, string>]>([
    [{ mode: 'API_KEY', apiKey: ' k ', token: 't' }, { 'x-api-key': 'k' }],
    [{ mode: 'API_KEY', apiKey: '', token: 't' }, {}],
    [{ mode: 'AMAZON_COGNITO_USER_POOLS', apiKey: 'k', token: 'jwt\n' }, { Authorization: 'jwt' }],
    [{ mode: 'AMAZON_COGNITO_USER_POOLS', apiKey: 'k', token: '' }, {}],
  ])('sends %j as %j', (settings, headers) => {
    expect(authHeaders(settings)).toEqual(headers);
  });

  it('starts from the configured key, then restores what was saved for the same endpoint', () => {
    const storage = memoryStorage();
    expect(loadAuthSettings(config, storage)).toEqual({
      mode: 'API_KEY',
      apiKey: 'da2-configured',
      token: '',
    });
    const chosen: AuthSettings = {
      mode: 'AMAZON_COGNITO_USER_POOLS',
      apiKey: 'mine',
      token: 'jwt',
    };
    saveAuthSettings(config, storage, chosen);
    expect(loadAuthSettings(config, storage)).toEqual(chosen);
    const other = { ...config, graphqlUrl: 'https://example.invalid/graphql' };
    expect(loadAuthSettings(other, storage).mode).toBe('API_KEY');
  });

  it('follows a new configured key unless the user typed their own', () => {
    const storage = memoryStorage();
    saveAuthSettings(config, storage, { mode: 'API_KEY', apiKey: 'da2-configured', token: '' });
    const redeployed = { ...config, apiKey: 'da2-rotated' };
    expect(loadAuthSettings(redeployed, storage).apiKey).toBe('da2-rotated');
  });

  it('forgets a corrupt or no longer offered entry', () => {
    const storage = memoryStorage();
    storage.setItem(storageKey(config.graphqlUrl), '{not json');
    expect(loadAuthSettings(config, storage).mode).toBe('API_KEY');
    saveAuthSettings(config, storage, { mode: 'AMAZON_COGNITO_USER_POOLS', apiKey: '', token: '' });
    expect(loadAuthSettings({ ...config, authModes: ['API_KEY'] }, storage).mode).toBe('API_KEY');
  });
});

describe('createCourierFetcher', () => {
  let dir: string;
  let server: StaticAndGraphqlServer;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'courier-explorer-fetcher-'));
    server = await startStaticAndGraphql({ assetsDir: dir, apiKey: 'k1' });
  });

  afterAll(async () => {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  });

  const fetcherWith = (headers: Record<string, string>) =>
    createCourierFetcher({ graphqlUrl: `${server.origin}/graphql`, authHeaders: () => headers });

  it('posts the operation with the credential headers', async () => {
    const result = await fetcherWith({ 'x-api-key': 'k1' })({ query: '{ whoami }' });
    expect(result).toEqual({ data: { whoami: 'api-key:k1' } });
    expect(server.graphqlRequests.at(-1)?.headers['content-type']).toBe('application/json');
  });

  it('lets a header from the headers editor win over the settings bar', async () => {
    const result = await fetcherWith({ Authorization: 'from-bar' })(
      { query: '{ whoami }' },
      { headers: { authorization: 'from-editor' } },
    );
    expect(result).toEqual({ data: { whoami: 'token:from-editor' } });
  });

  it('returns an authorization failure as the GraphQL errors the API sent', async () => {
    const result = await fetcherWith({ 'x-api-key': 'wrong' })({ query: '{ whoami }' });
    expect(result).toEqual({
      errors: [{ errorType: 'UnauthorizedException', message: 'You are not authorized.' }],
    });
  });

  it('explains that subscriptions are not available yet, without a request', async () => {
    const before = server.graphqlRequests.length;
    const outcome = fetcherWith({})({ query: 'subscription { onMessage { id } }' });
    const results = [];
    for await (const result of outcome as AsyncIterable<unknown>) results.push(result);
    expect(results).toEqual([
      { errors: [{ message: 'Subscriptions are not available in the explorer yet.' }] },
    ]);
    expect(server.graphqlRequests.length).toBe(before);
  });

  it('hands subscriptions to the transport it was given, with the same headers', async () => {
    const seen: Record<string, string>[] = [];
    const fetcher = createCourierFetcher({
      graphqlUrl: `${server.origin}/graphql`,
      authHeaders: () => ({ 'x-api-key': 'k1' }),
      subscribe: async function* (_request, headers) {
        seen.push({ ...headers });
        yield { data: { onMessage: null } };
      },
    });
    const outcome = fetcher({ query: 'subscription S { onMessage { id } }', operationName: 'S' });
    const results = [];
    for await (const result of outcome as AsyncIterable<unknown>) results.push(result);
    expect(results).toEqual([{ data: { onMessage: null } }]);
    expect(seen[0]?.['x-api-key']).toBe('k1');
  });

  it('refuses a response that is not GraphQL JSON', async () => {
    const fetcher = createCourierFetcher({
      graphqlUrl: `${server.origin}/nothing`,
      authHeaders: () => ({}),
    });
    const error: unknown = await (fetcher({ query: '{ whoami }' }) as Promise<unknown>).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ExplorerFetchError);
    expect((error as Error).message.replaceAll(server.origin, 'ORIGIN')).toMatchInlineSnapshot(
      `"ORIGIN/nothing answered HTTP 405 with a body that is not JSON: Method not allowed"`,
    );
  });
});
