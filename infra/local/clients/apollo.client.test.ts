import path from 'node:path';
import { openLocalIssuer } from '../auth/local-issuer';
import { dataDirLayout } from '../data-dir';
import { useLocalApi } from '../testing/local-api';
import { startClientProcess, type ClientProcess } from './client-process';
import { postGraphql } from './post-graphql';
import { headerFromProtocols, receivedFrame, socketsClosed, socketsSince, types } from './wire';

/**
 * Apollo Client 4 with aws-appsync-auth-link and aws-appsync-subscription-link, unmodified, in its
 * own Node process against the engine over plain HTTP and WS (the link maps http:// to ws://).
 * Mutations come from a second client (a bare HTTP POST) or from Apollo itself.
 */
const local = useLocalApi();

const SUBSCRIPTION = 'subscription S($pk: String) { onItemPut(pk: $pk) { pk sk kind count tags } }';

describe('Apollo Client 4 (@apollo/client 4.3.8, aws-appsync-subscription-link 4.0.3) subscribing to the local engine', () => {
  let app: ClientProcess;

  beforeAll(async () => {
    app = await startClientProcess(path.join(__dirname, 'apollo-app.ts'));
    await app.call('createClient', { name: 'key', url: local.api.url, apiKey: local.api.apiKey });
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
  });

  /** A put from outside Apollo: a bare HTTP POST with the API key. */
  async function putFromAnotherClient(pk: string, sk: string): Promise<void> {
    const answer = await postGraphql({
      url: local.api.url,
      headers: { 'x-api-key': local.api.apiKey },
      query: `mutation { putItem(pk: "${pk}", sk: "${sk}", kind: "note", count: 2, tags: ["a"]) { pk sk kind count } }`,
    });
    expect(answer).toEqual({
      status: 200,
      body: { data: { putItem: { pk, sk, kind: 'note', count: 2 } } },
    });
  }

  /** The next thing the subscription `id` delivered (Apollo 4 delivers errors as `next`). */
  function deliveryFor(id: string, from: number) {
    return app.waitFor(
      (event) =>
        ['next', 'error', 'complete'].includes(String(event['event'])) && event['id'] === id,
      { from },
    );
  }

  it("receives the event of another client's mutation, as that mutation selected it", async () => {
    const from = app.events.length;
    await app.call('subscribe', {
      client: 'key',
      id: 'put',
      query: SUBSCRIPTION,
      variables: { pk: 'apollo-put' },
    });
    await receivedFrame(app, 'start_ack', from);
    await putFromAnotherClient('apollo-other', '1');
    await putFromAnotherClient('apollo-put', '1');

    expect(await deliveryFor('put', from)).toEqual({
      event: 'next',
      id: 'put',
      value: {
        data: {
          onItemPut: {
            __typename: 'Item',
            pk: 'apollo-put',
            sk: '1',
            kind: 'note',
            count: 2,
            tags: null,
          },
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
    // The auth link and the subscription link each add the key, in their own spelling.
    expect(socket?.sent[1]?.['payload']).toMatchObject({
      extensions: {
        authorization: { 'x-api-key': local.api.apiKey, 'X-Api-Key': local.api.apiKey },
      },
    });
    expect(types(socket?.received ?? [])).toEqual([
      'connection_ack',
      'start_ack',
      'data',
      'complete',
    ]);
    expect(socket?.closeCode).toBe(1000);
  });

  it('receives the event of its own mutation, sent by Apollo over HTTP', async () => {
    const from = app.events.length;
    await app.call('subscribe', {
      client: 'key',
      id: 'own',
      query: SUBSCRIPTION,
      variables: { pk: 'apollo-own' },
    });
    await receivedFrame(app, 'start_ack', from);
    expect(
      await app.call('mutate', {
        client: 'key',
        query: 'mutation { putItem(pk: "apollo-own", sk: "2", tags: ["b"]) { pk sk tags } }',
      }),
    ).toEqual({
      resolved: {
        data: { putItem: { __typename: 'Item', pk: 'apollo-own', sk: '2', tags: ['b'] } },
      },
    });
    expect(await deliveryFor('own', from)).toEqual({
      event: 'next',
      id: 'own',
      value: {
        data: {
          onItemPut: {
            __typename: 'Item',
            pk: 'apollo-own',
            sk: '2',
            kind: null,
            count: null,
            tags: ['b'],
          },
        },
      },
    });
    await app.call('unsubscribe', { id: 'own' });
    await socketsClosed(app, from);
  });

  describe('with a wrong API key', () => {
    beforeAll(async () => {
      await app.call('createClient', {
        name: 'bad-key',
        url: local.api.url,
        apiKey: 'da2-notthekey',
      });
    });

    afterAll(async () => {
      await app.call('stopClient', { client: 'bad-key' });
    });

    it('fails the subscription fast, on the connection_error, without retrying', async () => {
      const from = app.events.length;
      const started = Date.now();
      await app.call('subscribe', { client: 'bad-key', id: 'bad-key', query: SUBSCRIPTION });
      const delivery = await deliveryFor('bad-key', from);
      expect(Date.now() - started).toBeLessThan(3000);
      expect(delivery).toMatchInlineSnapshot(`
{
  "event": "next",
  "id": "bad-key",
  "value": {
    "error": {
      "cause": {
        "errors": [
          {
            "extensions": {},
            "message": "Connection failed: UnauthorizedException",
          },
        ],
      },
      "message": "An error of unexpected shape occurred.",
      "name": "UnconventionalError",
    },
  },
}
`);
      expect(await deliveryFor('bad-key', app.events.indexOf(delivery) + 1)).toEqual({
        event: 'complete',
        id: 'bad-key',
      });
      await socketsClosed(app, from);
      expect(
        socketsSince(app, from).map((socket) => ({
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

    it('rejects a mutation with the HTTP 401 AppSync answers', async () => {
      expect(
        await app.call('mutate', {
          client: 'bad-key',
          query: 'mutation { putItem(pk: "apollo-bad", sk: "1") { pk } }',
        }),
      ).toMatchInlineSnapshot(`
{
  "rejected": {
    "bodyText": "{"errors":[{"errorType":"UnauthorizedException","message":"You are not authorized to make this call."}]}",
    "message": "Response not successful: Received status code 401",
    "name": "ServerError",
    "response": {},
    "statusCode": 401,
  },
}
`);
    });
  });

  it('is refused onAdminItemPut with the API key, with the error AppSync sends', async () => {
    const from = app.events.length;
    await app.call('subscribe', {
      client: 'key',
      id: 'admin-key',
      query: 'subscription { onAdminItemPut { pk } }',
    });
    expect(await deliveryFor('admin-key', from)).toMatchInlineSnapshot(`
{
  "event": "next",
  "id": "admin-key",
  "value": {
    "error": {
      "cause": {
        "errors": [
          {
            "extensions": {},
            "message": "Connection failed: {"errors":[{"errorType":"Unauthorized","message":"Not Authorized to access onAdminItemPut on type Subscription"}]}",
          },
        ],
      },
      "message": "An error of unexpected shape occurred.",
      "name": "UnconventionalError",
    },
  },
}
`);
    await socketsClosed(app, from);
    expect(
      socketsSince(app, from).map((socket) => ({
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
    await app.call('subscribe', {
      client: 'key',
      id: 'refused',
      query: 'subscription { onRefused { pk } }',
    });
    expect(await deliveryFor('refused', from)).toMatchInlineSnapshot(`
{
  "event": "next",
  "id": "refused",
  "value": {
    "error": {
      "cause": {
        "errors": [
          {
            "extensions": {},
            "message": "Connection failed: {"errors":[{"errorType":"Refused","message":"Subscriptions to onRefused are refused."}]}",
          },
        ],
      },
      "message": "An error of unexpected shape occurred.",
      "name": "UnconventionalError",
    },
  },
}
`);
    await socketsClosed(app, from);
  });

  describe('with a user-pool ID token', () => {
    const signedIn = async (name: string, groups: string[]): Promise<string> => {
      const issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
      const jwtToken = issuer.mint({ username: `apollo-${name}`, groups, tokenUse: 'id' });
      await app.call('createClient', { name, url: local.api.url, jwtToken });
      return jwtToken;
    };

    it('is refused onAdminItemPut outside the admins group', async () => {
      const token = await signedIn('reader', ['readers']);
      const from = app.events.length;
      await app.call('subscribe', {
        client: 'reader',
        id: 'admin-reader',
        query: 'subscription { onAdminItemPut { pk } }',
      });
      expect(await deliveryFor('admin-reader', from)).toMatchInlineSnapshot(`
{
  "event": "next",
  "id": "admin-reader",
  "value": {
    "error": {
      "cause": {
        "errors": [
          {
            "extensions": {},
            "message": "Connection failed: {"errors":[{"errorType":"Unauthorized","message":"Not Authorized to access onAdminItemPut on type Subscription"}]}",
          },
        ],
      },
      "message": "An error of unexpected shape occurred.",
      "name": "UnconventionalError",
    },
  },
}
`);
      await socketsClosed(app, from);
      const [socket] = socketsSince(app, from);
      expect(headerFromProtocols(socket?.offered ?? [])).toEqual({
        host: new URL(local.api.url).host,
        Authorization: token,
      });
      await app.call('stopClient', { client: 'reader' });
    });

    it('receives onAdminItemPut events in the admins group', async () => {
      await signedIn('admin', ['admins']);
      const from = app.events.length;
      await app.call('subscribe', {
        client: 'admin',
        id: 'admin',
        query: 'subscription { onAdminItemPut { pk sk kind } }',
      });
      await receivedFrame(app, 'start_ack', from);
      await putFromAnotherClient('apollo-admin', '3');
      expect(await deliveryFor('admin', from)).toEqual({
        event: 'next',
        id: 'admin',
        value: {
          data: {
            onAdminItemPut: { __typename: 'Item', pk: 'apollo-admin', sk: '3', kind: 'note' },
          },
        },
      });
      await app.call('unsubscribe', { id: 'admin' });
      await socketsClosed(app, from);
      await app.call('stopClient', { client: 'admin' });
    });
  });
});
