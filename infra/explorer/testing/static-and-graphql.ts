// A stand-in for the engine in explorer tests: serves a built page, config.json and a one-field
// GraphQL API that echoes the credentials it received, so a test can see what the page sent.
import { buildSchema, graphql } from 'graphql';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { explorerAssets } from '../build';
import type { ExplorerConfig } from '../src/config';

const schema = buildSchema(`
  type Query {
    "Which credential the request carried: api-key:KEY, token:TOKEN."
    whoami: String!
  }
`);

/** One POST /graphql as the server received it. */
export interface RecordedGraphqlRequest {
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: unknown;
}

/** Options of {@link startStaticAndGraphql}. */
export interface StaticAndGraphqlOptions {
  /** A directory built by buildExplorer. */
  readonly assetsDir: string;
  /** The only API key the server accepts; also put in config.json. */
  readonly apiKey: string;
  /** config.json fields beyond the endpoints and the key. */
  readonly config?: Partial<ExplorerConfig>;
}

/** A running stand-in server. */
export interface StaticAndGraphqlServer {
  /** The page, e.g. http://127.0.0.1:PORT/ */
  readonly pageUrl: string;
  readonly origin: string;
  readonly apiKey: string;
  /** Every POST /graphql so far, oldest first. */
  readonly graphqlRequests: readonly RecordedGraphqlRequest[];
  stop(): Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The credential as the echo reports it, or undefined when the request is not authorized. */
function credential(req: IncomingMessage, apiKey: string): string | undefined {
  const key = req.headers['x-api-key'];
  if (typeof key === 'string') return key === apiKey ? `api-key:${key}` : undefined;
  const token = req.headers.authorization;
  return typeof token === 'string' && token !== '' ? `token:${token}` : undefined;
}

async function answerGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  apiKey: string,
  recorded: RecordedGraphqlRequest[],
): Promise<void> {
  let body: unknown;
  try {
    body = JSON.parse(await readBody(req));
  } catch {
    send(res, 400, 'application/json', JSON.stringify({ errors: [{ message: 'Bad JSON' }] }));
    return;
  }
  recorded.push({ headers: { ...req.headers }, body });
  const who = credential(req, apiKey);
  if (who === undefined) {
    const errors = [{ errorType: 'UnauthorizedException', message: 'You are not authorized.' }];
    send(res, 401, 'application/json', JSON.stringify({ errors }));
    return;
  }
  const request = (typeof body === 'object' && body !== null ? body : {}) as Record<
    string,
    unknown
  >;
  const result = await graphql({
    schema,
    source: typeof request['query'] === 'string' ? request['query'] : '',
    rootValue: { whoami: who },
    variableValues: (request['variables'] ?? null) as Record<string, unknown> | null,
    operationName: typeof request['operationName'] === 'string' ? request['operationName'] : null,
  });
  send(res, 200, 'application/json', JSON.stringify(result));
}

/**
 * Starts the stand-in on 127.0.0.1 and a free port. Tests that later target the real engine
 * replace this one call; everything else talks to `pageUrl`.
 */
export async function startStaticAndGraphql(
  options: StaticAndGraphqlOptions,
): Promise<StaticAndGraphqlServer> {
  const assets = await explorerAssets(options.assetsDir);
  const recorded: RecordedGraphqlRequest[] = [];
  let configJson = '';
  const server = createServer((req, res) => {
    const pathname = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    if (req.method === 'POST' && pathname === '/graphql') {
      answerGraphql(req, res, options.apiKey, recorded).catch((error: unknown) => {
        send(res, 500, 'text/plain', String(error));
      });
      return;
    }
    if (req.method !== 'GET') return send(res, 405, 'text/plain', 'Method not allowed');
    if (pathname === '/config.json') return send(res, 200, 'application/json', configJson);
    const asset = assets.get(pathname);
    if (asset === undefined) return send(res, 404, 'text/plain', `No ${pathname}`);
    send(res, 200, asset.contentType, asset.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const config: ExplorerConfig = {
    graphqlUrl: `${origin}/graphql`,
    realtimeUrl: `ws://127.0.0.1:${port}/graphql/realtime`,
    apiKey: options.apiKey,
    ...options.config,
  };
  configJson = JSON.stringify(config);
  return {
    pageUrl: `${origin}/`,
    origin,
    apiKey: options.apiKey,
    graphqlRequests: recorded,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
