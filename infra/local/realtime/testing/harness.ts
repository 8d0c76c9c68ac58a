/**
 * A realtime server for tests: a real http.Server on 127.0.0.1:0 with the realtime endpoint
 * attached, the real authenticator (API key and IAM) and a fake subscription service.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ClientOptions } from 'ws';
import { SignatureV4 } from '@smithy/signature-v4';
import { createAuthenticator, LOCAL_IAM_CREDENTIALS } from '../../auth/authenticate';
import { NodeSha256 } from '../../auth/sigv4';
import { attachRealtime, type RealtimeOptions, type RealtimeServer } from '../server';
import { FakeSubscriptions } from './fake-subscriptions';
import { openClient, type RawClient } from './raw-client';

/**
 * The API key the test servers accept. Its header object's standard base64 holds both `+` and
 * `/` (checked in the tests), which the legacy query string must carry through unharmed.
 */
export const TEST_API_KEY = 'da2-rt>?????';

/** The host name test header objects use (API keys do not depend on it). */
export const TEST_HOST = 'localhost:4000';

export interface TestRealtime {
  readonly url: string;
  /** `127.0.0.1:PORT`, as IAM signatures must name it. */
  readonly host: string;
  readonly server: http.Server;
  readonly realtime: RealtimeServer;
  readonly service: FakeSubscriptions;
  readonly logs: string[];
  /** Opens a client; closed (terminated) by stop(). */
  open(protocols: readonly string[], query?: string, options?: ClientOptions): Promise<RawClient>;
  /** Opens a client with the test API key in the subprotocol and completes connection_init. */
  connected(): Promise<RawClient>;
  stop(): Promise<void>;
}

/** Starts a test server with `options` over the defaults. */
export async function startTestRealtime(
  options: Partial<RealtimeOptions> = {},
): Promise<TestRealtime> {
  const server = http.createServer((_request, response) => {
    response.statusCode = 404;
    response.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const service = new FakeSubscriptions();
  const logs: string[] = [];
  const realtime = attachRealtime(server, {
    path: '/graphql/realtime',
    graphqlPath: '/graphql',
    auth: createAuthenticator({
      defaultMode: 'API_KEY',
      additionalModes: ['AWS_IAM'],
      apiKeys: [TEST_API_KEY],
    }),
    subscriptions: service,
    onLog: (line) => logs.push(line),
    ...options,
  });
  const url = `ws://127.0.0.1:${port}/graphql/realtime`;
  const clients: RawClient[] = [];
  const open = async (
    protocols: readonly string[],
    query = '',
    clientOptions: ClientOptions = {},
  ): Promise<RawClient> => {
    const client = await openClient(`${url}${query}`, protocols, clientOptions);
    clients.push(client);
    return client;
  };
  return {
    url,
    host: `127.0.0.1:${port}`,
    server,
    realtime,
    service,
    logs,
    open,
    async connected() {
      const client = await open([
        'graphql-ws',
        `header-${Buffer.from(JSON.stringify({ host: TEST_HOST, 'x-api-key': TEST_API_KEY })).toString('base64url')}`,
      ]);
      client.send({ type: 'connection_init' });
      await client.nextOfType('connection_ack');
      return client;
    },
    async stop() {
      for (const client of clients) {
        client.ws.terminate();
      }
      await realtime.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** The API-key header object clients put in the subprotocol and in every start. */
export function apiKeyHeaders(key: string = TEST_API_KEY): Record<string, string> {
  return { host: TEST_HOST, 'x-api-key': key };
}

/** SigV4 headers for a POST to `http://<host><path>` with `body`, as Amplify signs them. */
export async function iamHeaders(
  host: string,
  path: string,
  body: string,
): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials: LOCAL_IAM_CREDENTIALS,
    region: 'us-east-1',
    service: 'appsync',
    sha256: NodeSha256,
  });
  const [hostname = '127.0.0.1', port = '80'] = host.split(':');
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname,
    port: Number(port),
    path,
    query: {},
    headers: {
      accept: 'application/json, text/javascript',
      'content-encoding': 'amz-1.0',
      'content-type': 'application/json; charset=UTF-8',
      host,
    },
    body,
  });
  return signed.headers as Record<string, string>;
}

/** Polls `condition` until it holds (or throws after `timeoutMs`). */
export async function waitFor(
  condition: () => boolean,
  timeoutMs = 3000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
