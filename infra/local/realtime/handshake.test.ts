import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createAuthenticator } from '../auth/authenticate';
import { ensureLocalCertificate } from '../http/tls';
import { attachRealtime } from './server';
import { FakeSubscriptions } from './testing/fake-subscriptions';
import {
  apiKeyHeaders,
  iamHeaders,
  startTestRealtime,
  TEST_API_KEY,
  TEST_HOST,
  type TestRealtime,
} from './testing/harness';
import {
  headerProtocol,
  legacyQuery,
  openClient,
  type RefusedHandshake,
} from './testing/raw-client';

let test: TestRealtime;
beforeAll(async () => {
  test = await startTestRealtime();
});
afterAll(() => test.stop());

const standardBase64 = Buffer.from(JSON.stringify(apiKeyHeaders())).toString('base64');

describe('connect-time credentials', () => {
  it('uses an API key whose standard base64 holds raw + and / (what the legacy case must survive)', () => {
    expect(standardBase64).toMatch(/\+/);
    expect(standardBase64).toMatch(/\//);
    // A form decoder would corrupt it: the reason the raw query value is read.
    expect(new URLSearchParams(`header=${standardBase64}`).get('header')).not.toBe(standardBase64);
  });

  it.each<[string, () => Promise<{ protocols: string[]; query: string }>]>([
    [
      'the header- subprotocol in base64url (current clients)',
      async () => ({ protocols: ['graphql-ws', headerProtocol(apiKeyHeaders())], query: '' }),
    ],
    [
      'the header- subprotocol offered before graphql-ws',
      async () => ({ protocols: [headerProtocol(apiKeyHeaders()), 'graphql-ws'], query: '' }),
    ],
    [
      'the legacy query string with unencoded standard base64 (+, / and = raw)',
      async () => ({ protocols: ['graphql-ws'], query: legacyQuery(apiKeyHeaders()) }),
    ],
    [
      'the legacy query string percent-encoded',
      async () => ({
        protocols: ['graphql-ws'],
        query: `?header=${encodeURIComponent(standardBase64)}&payload=e30%3D`,
      }),
    ],
    [
      'header names in mixed case',
      async () => ({
        protocols: ['graphql-ws', headerProtocol({ Host: TEST_HOST, 'X-Api-Key': TEST_API_KEY })],
        query: '',
      }),
    ],
    [
      'both x-api-key spellings (as the Apollo link sends them)',
      async () => ({
        protocols: [
          'graphql-ws',
          headerProtocol({ host: TEST_HOST, 'x-api-key': TEST_API_KEY, 'X-Api-Key': TEST_API_KEY }),
        ],
        query: '',
      }),
    ],
    [
      'IAM headers signed for POST <graphqlPath>/connect with body {}',
      async () => ({
        protocols: [
          'graphql-ws',
          headerProtocol(await iamHeaders(test.host, '/graphql/connect', '{}')),
        ],
        query: '',
      }),
    ],
  ])('accepts %s', async (_name, credentials) => {
    const { protocols, query } = await credentials();
    const client = await test.open(protocols, query);
    expect(client.ws.protocol).toBe('graphql-ws');
    client.send({ type: 'connection_init' });
    expect(await client.next()).toEqual({
      type: 'connection_ack',
      payload: { connectionTimeoutMs: 300_000 },
    });
  });

  it.each<[string, () => Promise<{ protocols: string[]; query: string }>, RegExp]>([
    [
      'a wrong API key in the subprotocol',
      async () => ({
        protocols: ['graphql-ws', headerProtocol(apiKeyHeaders('da2-wrong'))],
        query: '',
      }),
      /api-key-not-recognized/,
    ],
    [
      'a wrong API key in the legacy query string',
      async () => ({ protocols: ['graphql-ws'], query: legacyQuery(apiKeyHeaders('da2-wrong')) }),
      /api-key-not-recognized/,
    ],
    [
      'no credentials at all',
      async () => ({ protocols: ['graphql-ws'], query: '' }),
      /none: no header- subprotocol and no header query parameter/,
    ],
    [
      'a header- subprotocol that is not base64',
      async () => ({ protocols: ['graphql-ws', 'header-!!!'], query: '' }),
      /subprotocol: the header value is not base64/,
    ],
    [
      'a header- subprotocol that is not JSON',
      async () => ({
        protocols: ['graphql-ws', `header-${Buffer.from('nope').toString('base64url')}`],
        query: '',
      }),
      /subprotocol: the decoded header value is not JSON/,
    ],
    [
      'a header object that is an array',
      async () => ({ protocols: ['graphql-ws'], query: `?header=${btoa('[]')}&payload=e30=` }),
      /query: the decoded header value is not a JSON object/,
    ],
    [
      'IAM headers signed for the wrong path (/graphql instead of /graphql/connect)',
      async () => ({
        protocols: ['graphql-ws', headerProtocol(await iamHeaders(test.host, '/graphql', '{}'))],
        query: '',
      }),
      /sigv4-bad-signature/,
    ],
  ])('refuses %s with connection_error, then closes', async (_name, credentials, reason) => {
    const { protocols, query } = await credentials();
    const client = await test.open(protocols, query);
    client.send({ type: 'connection_init' });
    expect(await client.next()).toMatchInlineSnapshot(`
{
  "payload": {
    "errors": [
      {
        "errorCode": 401,
        "errorType": "UnauthorizedException",
        "message": "You are not authorized to make this call.",
      },
    ],
  },
  "type": "connection_error",
}
`);
    expect(await client.closed).toEqual({ code: 1008, reason: 'Unauthorized' });
    expect(test.logs.at(-1)).toMatch(reason);
  });

  it('answers a refused connection on its first message whatever it is (a start without init)', async () => {
    const client = await test.open(['graphql-ws', headerProtocol(apiKeyHeaders('da2-wrong'))]);
    client.send({ type: 'start', id: 'x', payload: {} });
    expect((await client.next())['type']).toBe('connection_error');
    expect((await client.closed).code).toBe(1008);
  });
});

describe('the handshake', () => {
  /** How the server answered a handshake it was expected to refuse. */
  const refused = (url: string, protocols: string[]): Promise<RefusedHandshake> =>
    openClient(url, protocols).then(
      (client) => {
        client.ws.terminate();
        throw new Error('the handshake was accepted');
      },
      (reason: unknown) => reason as RefusedHandshake,
    );

  it.each<[string, string[], string]>([
    ['no subprotocol at all', [], 'received none'],
    [
      'graphql-transport-ws (the other protocol)',
      ['graphql-transport-ws'],
      'received graphql-transport-ws',
    ],
    ['only the header- subprotocol', [headerProtocol(apiKeyHeaders())], 'received only header-'],
  ])('is refused with 400 when it offers %s', async (_name, protocols, received) => {
    const answer = await refused(test.url, protocols);
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      errors: [
        {
          errorType: 'BadRequestException',
          message: `The WebSocket handshake must offer the graphql-ws subprotocol; ${received}.`,
        },
      ],
    });
  });

  it('answers 404 for another path while it is the only upgrade listener', async () => {
    const other = test.url.replace('/graphql/realtime', '/elsewhere');
    const answer = await refused(other, ['graphql-ws']);
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.body)).toMatchInlineSnapshot(`
{
  "errors": [
    {
      "errorType": "NotFoundException",
      "message": "No WebSocket endpoint at /elsewhere; the realtime endpoint is /graphql/realtime.",
    },
  ],
}
`);
  });

  it('leaves other paths to other upgrade listeners', async () => {
    const other = (request: IncomingMessage, socket: Duplex): void => {
      if (request.url === '/elsewhere') {
        socket.end('HTTP/1.1 418 I am a teapot\r\nContent-Length: 0\r\nConnection: close\r\n\r\n');
      }
    };
    test.server.on('upgrade', other);
    try {
      const answer = await refused(test.url.replace('/graphql/realtime', '/elsewhere'), [
        'graphql-ws',
      ]);
      expect(answer.status).toBe(418);
    } finally {
      test.server.off('upgrade', other);
    }
  });
});

describe('over TLS', () => {
  it('serves wss:// on an https.Server (what Amplify v6 always uses)', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'courier-realtime-tls-'));
    const certificate = await ensureLocalCertificate(dataDir);
    const server = https.createServer({ key: certificate.key, cert: certificate.cert });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const realtime = attachRealtime(server, {
      path: '/graphql/realtime',
      graphqlPath: '/graphql',
      auth: createAuthenticator({ defaultMode: 'API_KEY', apiKeys: [TEST_API_KEY] }),
      subscriptions: new FakeSubscriptions(),
    });
    try {
      const client = await openClient(
        `wss://127.0.0.1:${port}/graphql/realtime`,
        ['graphql-ws', headerProtocol(apiKeyHeaders())],
        { ca: await readFile(certificate.caCertFile) },
      );
      client.send({ type: 'connection_init' });
      expect((await client.next())['type']).toBe('connection_ack');
      client.ws.close();
      await client.closed;
    } finally {
      await realtime.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
