import path from 'node:path';
import { readFile } from 'node:fs/promises';
import { openLocalIssuer } from '../auth/local-issuer';
import { dataDirLayout } from '../data-dir';
import { useLocalApi } from '../testing/local-api';
import { startClientProcess, type ClientProcess } from './client-process';
import { postGraphql } from './post-graphql';
import { headerFromProtocols, receivedFrame, socketsClosed, socketsSince, types } from './wire';

/**
 * Amplify JS v6, unmodified, in its own Node process against the engine over HTTPS and WSS
 * (Amplify always opens wss://). Mutations come from a second client (a bare HTTPS POST) or from
 * Amplify itself.
 */
const local = useLocalApi({ https: true });

const SUBSCRIPTION = 'subscription S($pk: String) { onItemPut(pk: $pk) { pk sk kind count tags } }';

describe('Amplify JS v6 (aws-amplify 6.22.1) subscribing to the local engine', () => {
  let app: ClientProcess;
  let ca: string;

  beforeAll(async () => {
    const certificate = local.api.certificate;
    if (!certificate) {
      throw new Error('The engine was started without https');
    }
    ca = await readFile(certificate.caCertFile, 'utf8');
    app = await startClientProcess(path.join(__dirname, 'amplify-app.ts'), {
      NODE_EXTRA_CA_CERTS: certificate.caCertFile,
    });
    await app.call('configure', { endpoint: local.api.url, apiKey: local.api.apiKey });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  /** A put from outside Amplify: a bare HTTPS POST with the API key. */
  async function putFromAnotherClient(pk: string, sk: string): Promise<void> {
    const answer = await postGraphql({
      url: local.api.url,
      ca,
      headers: { 'x-api-key': local.api.apiKey },
      query: `mutation { putItem(pk: "${pk}", sk: "${sk}", kind: "note", count: 2, tags: ["a"]) { pk sk kind count } }`,
    });
    expect(answer).toEqual({
      status: 200,
      body: { data: { putItem: { pk, sk, kind: 'note', count: 2 } } },
    });
  }

  async function deliveryFor(id: string, from: number) {
    return app.waitFor(
      (event) =>
        ['next', 'error', 'complete'].includes(String(event['event'])) && event['id'] === id,
      { from },
    );
  }

  it("receives the event of another client's mutation, as that mutation selected it", async () => {
    const from = app.events.length;
    await app.call('subscribe', {
      id: 'put',
      query: SUBSCRIPTION,
      variables: { pk: 'amplify-put' },
    });
    await receivedFrame(app, 'start_ack', from);
    await putFromAnotherClient('amplify-other', '1');
    await putFromAnotherClient('amplify-put', '1');

    expect(await deliveryFor('put', from)).toEqual({
      event: 'next',
      id: 'put',
      value: {
        data: {
          onItemPut: { pk: 'amplify-put', sk: '1', kind: 'note', count: 2, tags: null },
        },
      },
    });
    await app.call('unsubscribe', { id: 'put' });
    await socketsClosed(app, from);

    const [socket, ...more] = socketsSince(app, from);
    expect(more).toEqual([]);
    expect(socket?.url).toBe(local.api.realtimeUrl);
    expect(socket?.offered[0]).toBe('graphql-ws');
    expect(headerFromProtocols(socket?.offered ?? [])).toEqual({
      host: new URL(local.api.url).host,
      'x-amz-date': expect.stringMatching(/^\d{8}T\d{6}Z$/),
      'x-api-key': local.api.apiKey,
    });
    expect(types(socket?.sent ?? [])).toEqual(['connection_init', 'start', 'stop']);
    expect(types(socket?.received ?? [])).toEqual([
      'connection_ack',
      'start_ack',
      'data',
      'complete',
    ]);
    expect(socket?.closeCode).toBe(1000);
    const states = app.events
      .slice(from)
      .filter((event) => event['event'] === 'hub')
      .map((event) => event['state']);
    // Amplify emits its initial Disconnected when it creates the provider, at the first subscribe.
    expect(states.slice(-4)).toEqual([
      'Connecting',
      'Connected',
      'ConnectedPendingDisconnect',
      'Disconnected',
    ]);
  });

  it('receives the event of its own mutation, sent by Amplify over HTTPS', async () => {
    const from = app.events.length;
    await app.call('subscribe', {
      id: 'own',
      query: SUBSCRIPTION,
      variables: { pk: 'amplify-own' },
    });
    await receivedFrame(app, 'start_ack', from);
    const answer = await app.call('graphql', {
      query:
        'mutation { putItem(pk: "amplify-own", sk: "2", kind: "own", tags: ["b"]) { pk sk tags } }',
    });
    expect(answer).toEqual({
      resolved: { data: { putItem: { pk: 'amplify-own', sk: '2', tags: ['b'] } } },
    });
    expect(await deliveryFor('own', from)).toEqual({
      event: 'next',
      id: 'own',
      value: {
        data: { onItemPut: { pk: 'amplify-own', sk: '2', kind: null, count: null, tags: ['b'] } },
      },
    });
    await app.call('unsubscribe', { id: 'own' });
    await socketsClosed(app, from);
  });

  it('fails fast, without retrying, when the API key is wrong', async () => {
    const from = app.events.length;
    const started = Date.now();
    await app.call('subscribe', {
      id: 'bad-key',
      query: SUBSCRIPTION,
      apiKey: 'da2-notthekey',
      authMode: 'apiKey',
    });
    const delivery = await deliveryFor('bad-key', from);
    const elapsed = Date.now() - started;
    expect(delivery).toMatchInlineSnapshot(`
{
  "error": {
    "errors": [
      {
        "message": "Connection failed: UnauthorizedException",
      },
    ],
  },
  "event": "error",
  "id": "bad-key",
}
`);
    expect(elapsed).toBeLessThan(3000);
    await socketsClosed(app, from);
    const sockets = socketsSince(app, from);
    expect(
      sockets.map((socket) => ({
        sent: types(socket.sent),
        received: socket.received,
        closeCode: socket.closeCode,
      })),
    ).toMatchInlineSnapshot(`
[
  {
    "closeCode": 1008,
    "received": [
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
      },
    ],
    "sent": [
      "connection_init",
    ],
  },
]
`);
  });

  it('surfaces the HTTP 401 of a mutation with a wrong API key', async () => {
    const answer = await app.call('graphql', {
      query: 'mutation { putItem(pk: "amplify-bad", sk: "1") { pk } }',
      authMode: 'apiKey',
      apiKey: 'da2-notthekey',
    });
    expect(answer).toMatchInlineSnapshot(`
{
  "rejected": {
    "data": {},
    "errors": [
      {
        "message": "Unauthorized",
        "name": "GraphQLError",
        "recoverySuggestion": "If you're calling an Amplify-generated API, make sure to set the "authMode" in generateClient({ authMode: '...' }) to the backend authorization rule's auth provider ('apiKey', 'userPool', 'iam', 'oidc', 'lambda')",
      },
    ],
  },
}
`);
  });

  it('is refused onAdminItemPut with the API key, with the error AppSync sends', async () => {
    const from = app.events.length;
    await app.call('subscribe', {
      id: 'admin-key',
      query: 'subscription { onAdminItemPut { pk } }',
    });
    expect(await deliveryFor('admin-key', from)).toMatchInlineSnapshot(`
{
  "error": {
    "errors": [
      {
        "message": "Connection failed: {"errors":[{"errorType":"Unauthorized","message":"Not Authorized to access onAdminItemPut on type Subscription"}]}",
      },
    ],
  },
  "event": "error",
  "id": "admin-key",
}
`);
    await socketsClosed(app, from);
    const sockets = socketsSince(app, from);
    expect(
      sockets.map((socket) => ({
        sent: types(socket.sent),
        received: types(socket.received),
        closeCode: socket.closeCode,
      })),
    ).toMatchInlineSnapshot(`
[
  {
    "closeCode": 1000,
    "received": [
      "connection_ack",
      "error",
    ],
    "sent": [
      "connection_init",
      "start",
    ],
  },
]
`);
  });

  it('is refused a subscription its resolver refuses', async () => {
    const from = app.events.length;
    await app.call('subscribe', { id: 'refused', query: 'subscription { onRefused { pk } }' });
    expect(await deliveryFor('refused', from)).toMatchInlineSnapshot(`
{
  "error": {
    "errors": [
      {
        "message": "Connection failed: {"errors":[{"errorType":"Refused","message":"Subscriptions to onRefused are refused."}]}",
      },
    ],
  },
  "event": "error",
  "id": "refused",
}
`);
    await socketsClosed(app, from);
  });

  describe('with a user-pool access token from a custom token provider', () => {
    const mint = async (groups: string[]): Promise<string> => {
      const issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
      return issuer.mint({ username: 'amplify-user', groups, tokenUse: 'access' });
    };

    it('is refused onAdminItemPut outside the admins group', async () => {
      const accessToken = await mint(['readers']);
      await app.call('signIn', { accessToken });
      const from = app.events.length;
      await app.call('subscribe', {
        id: 'admin-reader',
        query: 'subscription { onAdminItemPut { pk } }',
        authMode: 'userPool',
      });
      expect(await deliveryFor('admin-reader', from)).toMatchInlineSnapshot(`
{
  "error": {
    "errors": [
      {
        "message": "Connection failed: {"errors":[{"errorType":"Unauthorized","message":"Not Authorized to access onAdminItemPut on type Subscription"}]}",
      },
    ],
  },
  "event": "error",
  "id": "admin-reader",
}
`);
      await socketsClosed(app, from);
      const [socket] = socketsSince(app, from);
      expect(headerFromProtocols(socket?.offered ?? [])).toEqual({
        host: new URL(local.api.url).host,
        Authorization: accessToken,
      });
    });

    it('receives onAdminItemPut events in the admins group', async () => {
      await app.call('signIn', { accessToken: await mint(['admins']) });
      const from = app.events.length;
      await app.call('subscribe', {
        id: 'admin',
        query: 'subscription { onAdminItemPut { pk sk kind } }',
        authMode: 'userPool',
      });
      await receivedFrame(app, 'start_ack', from);
      await putFromAnotherClient('amplify-admin', '3');
      expect(await deliveryFor('admin', from)).toEqual({
        event: 'next',
        id: 'admin',
        value: { data: { onAdminItemPut: { pk: 'amplify-admin', sk: '3', kind: 'note' } } },
      });
      await app.call('unsubscribe', { id: 'admin' });
      await socketsClosed(app, from);
    });
  });
});
