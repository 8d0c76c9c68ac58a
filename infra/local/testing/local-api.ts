import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fixtureManifest } from './fixture-api/index';
import {
  startLocalApi,
  type LocalApi,
  type LocalApiDefinition,
  type LocalApiOptions,
} from '../start';
import type { RequestLog } from '../engine/handle-request';

/** The fixture API: every data-source kind, pipelines, auth directives, AppSync's scalars. */
export async function fixtureApi(): Promise<LocalApiDefinition> {
  const root = path.join(__dirname, 'fixture-api');
  return {
    sdl: await readFile(path.join(root, 'schema.graphql'), 'utf8'),
    manifest: fixtureManifest,
    root,
  };
}

export interface GraphqlAnswer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export interface LocalApiForTests {
  readonly api: LocalApi;
  /** Request logs and resolver/Lambda log lines seen so far. */
  readonly requestLogs: RequestLog[];
  readonly logLines: string[];
  /** POSTs a GraphQL request with the API key unless `headers` say otherwise ('' drops one). */
  graphql(
    query: string,
    variables?: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<GraphqlAnswer>;
  /** POSTs a raw body. */
  post(body: string, headers?: Record<string, string>): Promise<GraphqlAnswer>;
}

const HOOK_TIMEOUT_MS = 90_000;

/**
 * One local engine for the calling test file, on a free port with in-memory DynamoDB and a
 * throwaway data directory: started in beforeAll, stopped (JVM included) in afterAll.
 */
export function useLocalApi(
  options: { readonly api?: 'fixture' | 'courier' } & Omit<LocalApiOptions, 'api'> = {},
): LocalApiForTests {
  let api: LocalApi | undefined;
  let dataDir: string | undefined;
  const requestLogs: RequestLog[] = [];
  const logLines: string[] = [];
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-engine-'));
    const { api: which = 'fixture', ...rest } = options;
    api = await startLocalApi({
      inMemory: true,
      explorer: false,
      dataDir,
      onRequestLog: (log) => requestLogs.push(log),
      onLog: (line) => logLines.push(line),
      ...rest,
      ...(which === 'fixture' ? { api: await fixtureApi() } : {}),
    });
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    await api?.stop();
    if (dataDir) {
      await rm(dataDir, { recursive: true, force: true });
    }
  }, HOOK_TIMEOUT_MS);

  const running = (): LocalApi => {
    if (!api) {
      throw new Error('The local API is not running: use it inside tests or hooks.');
    }
    return api;
  };
  const post = async (
    body: string,
    headers: Record<string, string> = {},
  ): Promise<GraphqlAnswer> => {
    // An empty value removes a default header (to send no API key at all).
    const merged = Object.entries({
      'content-type': 'application/json',
      'x-api-key': running().apiKey,
      ...headers,
    }).filter(([, value]) => value !== '');
    const response = await fetch(running().url, {
      method: 'POST',
      headers: Object.fromEntries(merged),
      body,
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>),
    };
  };
  return {
    get api() {
      return running();
    },
    requestLogs,
    logLines,
    post,
    graphql: (query, variables, headers) =>
      post(JSON.stringify({ query, ...(variables ? { variables } : {}) }), headers),
  };
}
