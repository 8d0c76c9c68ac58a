import {
  apiKeyHeaders,
  iamHeaders,
  startTestRealtime,
  TEST_HOST,
  waitFor,
  type TestRealtime,
} from './testing/harness';
import { headerProtocol, startMessage, type RawClient } from './testing/raw-client';

let test: TestRealtime;
beforeAll(async () => {
  test = await startTestRealtime({ maxSubscriptionsPerConnection: 3 });
});
afterAll(() => test.stop());

const ON_MESSAGE = 'subscription S($channel: String) { onMessage(channel: $channel) { id body } }';

async function subscribed(client: RawClient, id: string, query = ON_MESSAGE): Promise<void> {
  client.send(startMessage(id, query, apiKeyHeaders(), { channel: 'a' }));
  expect(await client.next()).toEqual({ type: 'start_ack', id });
}

describe('a subscription', () => {
  it('is acknowledged, receives data frames under its id, and stops with complete', async () => {
    const client = await test.connected();
    await subscribed(client, 'sub-1');
    const call = test.service.calls.at(-1);
    expect(call?.request).toEqual({
      query: ON_MESSAGE,
      variables: { channel: 'a' },
      operationName: null,
    });
    expect(call?.caller).toMatchObject({
      principal: { mode: 'API_KEY', groups: null },
      identity: null,
      authType: 'API Key Authorization',
      headers: { host: TEST_HOST, 'x-api-key': apiKeyHeaders()['x-api-key'] },
    });
    // The handshake's own headers carry credentials: resolvers do not see them.
    expect(Object.keys(call?.caller.headers ?? {})).not.toContain('sec-websocket-protocol');

    expect(
      test.service.publish('onMessage', { data: { onMessage: { id: '1', body: 'hi' } } }),
    ).toBe(1);
    expect(await client.next()).toEqual({
      type: 'data',
      id: 'sub-1',
      payload: { data: { onMessage: { id: '1', body: 'hi' } } },
    });
    test.service.publish('onMessage', { data: { onMessage: null }, errors: [{ message: 'x' }] });
    expect(await client.next()).toEqual({
      type: 'data',
      id: 'sub-1',
      payload: { data: { onMessage: null }, errors: [{ message: 'x' }] },
    });

    const unsubscribed = test.service.unsubscribed;
    client.send({ type: 'stop', id: 'sub-1' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-1' });
    expect(test.service.unsubscribed).toBe(unsubscribed + 1);
    expect(test.service.publish('onMessage', { data: { onMessage: null } })).toBe(0);
  });

  it('is completed when the engine ends it, and its id can then be used again', async () => {
    const client = await test.connected();
    await subscribed(client, 'sub-2', 'subscription { onInvalidated { id } }');
    test.service.complete('onInvalidated');
    expect(await client.next()).toEqual({ type: 'complete', id: 'sub-2' });
    await subscribed(client, 'sub-2', 'subscription { onInvalidated { id } }');
  });

  it('gets events the engine delivered before start_ack went out, after it', async () => {
    const client = await test.connected();
    client.send(startMessage('eager', 'subscription { onEager { early } }', apiKeyHeaders()));
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'eager' });
    expect(await client.next()).toEqual({
      type: 'data',
      id: 'eager',
      payload: { data: { onEager: { early: true } } },
    });
  });

  it('may start before any connection_init (init is optional)', async () => {
    const client = await test.open(['graphql-ws', headerProtocol(apiKeyHeaders())]);
    await subscribed(client, 'no-init');
    expect(client.frames.map((frame) => frame['type'])).toEqual(['start_ack']);
  });

  it('is acknowledged again on a second connection_init', async () => {
    const client = await test.connected();
    client.send({ type: 'connection_init' });
    expect((await client.next())['type']).toBe('connection_ack');
  });

  it('may use another auth mode than the connection (IAM signs the data string per start)', async () => {
    const client = await test.connected();
    const message = startMessage('iam', ON_MESSAGE, {});
    const data = (message['payload'] as { data: string }).data;
    const payload = {
      data,
      extensions: { authorization: await iamHeaders(test.host, '/graphql', data) },
    };
    client.send({ id: 'iam', type: 'start', payload });
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'iam' });
    expect(test.service.calls.at(-1)?.caller.authType).toBe('IAM Authorization');

    const signedForOtherBody = {
      data,
      extensions: { authorization: await iamHeaders(test.host, '/graphql', '{}') },
    };
    client.send({ id: 'iam-2', type: 'start', payload: signedForOtherBody });
    expect(await client.next()).toMatchObject({
      type: 'error',
      id: 'iam-2',
      payload: { errors: [{ errorType: 'InvalidSignatureException' }] },
    });
  });

  it('stopped while the engine registers it gets complete at once and is unsubscribed later', async () => {
    const client = await test.connected();
    test.service.hold();
    const calls = test.service.calls.length;
    client.send(startMessage('slow', ON_MESSAGE, apiKeyHeaders()));
    await waitFor(() => test.service.calls.length === calls + 1, 3000, 'the subscribe call');
    client.send({ type: 'stop', id: 'slow' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'slow' });
    const active = test.service.active.size;
    const unsubscribed = test.service.unsubscribed;
    test.service.release();
    await waitFor(() => test.service.unsubscribed === unsubscribed + 1);
    expect(test.service.active.size).toBe(active);
    // Nothing else arrives for it: no start_ack after the complete.
    client.send({ type: 'connection_init' });
    expect((await client.next())['type']).toBe('connection_ack');
  });

  it('stop for an id that is not active is answered with complete', async () => {
    const client = await test.connected();
    client.send({ type: 'stop', id: 'never-started' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'never-started' });
  });
});

describe('errors', () => {
  const auth = apiKeyHeaders();
  const unsupported = (type: string): Record<string, unknown> => ({
    type: 'error',
    payload: {
      errors: [
        {
          errorType: 'UnsupportedOperation',
          message: `${type} not supported through the realtime channel`,
        },
      ],
    },
  });
  const badRequest = (message: string, id?: string): Record<string, unknown> => ({
    type: 'error',
    ...(id === undefined ? {} : { id }),
    payload: { errors: [{ errorType: 'BadRequestException', message }] },
  });

  it.each<[string, string | Buffer | Record<string, unknown>, Record<string, unknown>]>([
    [
      'a start whose API key is wrong',
      startMessage('e1', ON_MESSAGE, apiKeyHeaders('da2-wrong')),
      {
        type: 'error',
        id: 'e1',
        payload: {
          errors: [
            {
              errorType: 'UnauthorizedException',
              message: 'You are not authorized to make this call.',
            },
          ],
        },
      },
    ],
    [
      'a start without extensions.authorization',
      { id: 'e2', type: 'start', payload: { data: JSON.stringify({ query: ON_MESSAGE }) } },
      {
        type: 'error',
        id: 'e2',
        payload: {
          errors: [
            {
              errorType: 'UnauthorizedException',
              message: 'You are not authorized to make this call.',
            },
          ],
        },
      },
    ],
    [
      'a start whose data is an object, not a JSON string',
      {
        id: 'e3',
        type: 'start',
        payload: { data: { query: ON_MESSAGE }, extensions: { authorization: auth } },
      },
      badRequest(
        'payload.data must be a JSON string of {query, variables}; received object.',
        'e3',
      ),
    ],
    [
      'a start whose data is not JSON',
      { id: 'e4', type: 'start', payload: { data: '{query', extensions: { authorization: auth } } },
      badRequest(
        'payload.data is not valid JSON; expected a JSON string of {query, variables}.',
        'e4',
      ),
    ],
    [
      'a start whose data has no query',
      { id: 'e5', type: 'start', payload: { data: '{}', extensions: { authorization: auth } } },
      badRequest(
        'payload.data has no query string; expected a JSON string of {query, variables}.',
        'e5',
      ),
    ],
    [
      'a start whose variables are an array',
      {
        id: 'e6',
        type: 'start',
        payload: {
          data: JSON.stringify({ query: ON_MESSAGE, variables: [] }),
          extensions: { authorization: auth },
        },
      },
      badRequest("payload.data's variables must be an object; received an array.", 'e6'),
    ],
    [
      'a start the engine refuses (its errors, as the engine wrote them)',
      startMessage('e7', 'subscription { onRefused { id } }', auth),
      {
        type: 'error',
        id: 'e7',
        payload: {
          errors: [
            {
              message:
                "Validation error of type FieldUndefined: Field 'onRefused' in type 'Subscription' is undefined @ 'onRefused'",
            },
          ],
        },
      },
    ],
    [
      'a start the engine fails on',
      startMessage('e8', 'subscription { onThrows { id } }', auth),
      {
        type: 'error',
        id: 'e8',
        payload: {
          errors: [
            {
              errorType: 'InternalFailure',
              message: 'The engine failed to start the subscription: the fake service failed',
            },
          ],
        },
      },
    ],
    [
      'a start without an id',
      { type: 'start', payload: {} },
      badRequest('A start message needs a non-empty string id; received none.'),
    ],
    [
      'a stop with a numeric id',
      { type: 'stop', id: 7 },
      badRequest('A stop message needs a non-empty string id; received 7.'),
    ],
    [
      'an unknown message type (graphql-transport-ws subscribe)',
      { type: 'subscribe', id: 'x' },
      unsupported('subscribe'),
    ],
    ['text that is not JSON', 'hello', unsupported('unknown')],
    ['a JSON array', '[]', unsupported('unknown')],
    ['a JSON object without a type', '{"id":"x"}', unsupported('unknown')],
    ['a binary frame', Buffer.from('{"type":"connection_init"}'), unsupported('unknown')],
  ])(
    'answers %s with an error frame and keeps the connection',
    async (_name, message, expected) => {
      const client = await test.connected();
      if (Buffer.isBuffer(message)) {
        client.ws.send(message, { binary: true });
      } else {
        client.send(message);
      }
      expect(await client.next()).toEqual(expected);
      client.send({ type: 'connection_init' });
      expect((await client.next())['type']).toBe('connection_ack');
    },
  );

  it('refuses a second start with an active id (DuplicatedOperationError) and keeps the first', async () => {
    const client = await test.connected();
    await subscribed(client, 'dup');
    client.send(startMessage('dup', ON_MESSAGE, apiKeyHeaders()));
    expect(await client.next()).toMatchInlineSnapshot(`
{
  "id": "dup",
  "payload": {
    "errors": [
      {
        "errorType": "DuplicatedOperationError",
        "message": "Duplicated operation with id dup: a subscription with this id is already active on this connection.",
      },
    ],
  },
  "type": "error",
}
`);
    test.service.publish('onMessage', { data: { onMessage: { id: '2' } } });
    expect(await client.next()).toMatchObject({ type: 'data', id: 'dup' });
  });

  it('refuses a start with the id of one still being registered', async () => {
    const client = await test.connected();
    test.service.hold();
    client.send(startMessage('pending', ON_MESSAGE, apiKeyHeaders()));
    client.send(startMessage('pending', ON_MESSAGE, apiKeyHeaders()));
    expect(await client.next()).toMatchObject({
      type: 'error',
      id: 'pending',
      payload: { errors: [{ errorType: 'DuplicatedOperationError' }] },
    });
    test.service.release();
    expect(await client.next()).toEqual({ type: 'start_ack', id: 'pending' });
  });

  it('refuses the subscription past the per-connection limit (MaxSubscriptionsReachedError)', async () => {
    const client = await test.connected();
    for (const id of ['m1', 'm2', 'm3']) {
      await subscribed(client, id);
    }
    client.send(startMessage('m4', ON_MESSAGE, apiKeyHeaders()));
    expect(await client.next()).toMatchInlineSnapshot(`
{
  "id": "m4",
  "payload": {
    "errors": [
      {
        "errorType": "MaxSubscriptionsReachedError",
        "message": "Max number of 3 subscriptions reached",
      },
    ],
  },
  "type": "error",
}
`);
    client.send({ type: 'stop', id: 'm1' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'm1' });
    await subscribed(client, 'm4');
  });
});

describe('closing', () => {
  it('ends every subscription of a connection that goes away', async () => {
    const client = await test.connected();
    const before = test.service.active.size;
    for (const id of ['c1', 'c2', 'c3']) {
      await subscribed(client, id);
    }
    expect(test.service.active.size).toBe(before + 3);
    client.ws.terminate();
    await waitFor(() => test.service.active.size === before, 3000, 'the unsubscribes');
  });

  it('ends a subscription the engine registers after its connection went away', async () => {
    const client = await test.connected();
    const before = test.service.active.size;
    const unsubscribed = test.service.unsubscribed;
    test.service.hold();
    const calls = test.service.calls.length;
    client.send(startMessage('late', ON_MESSAGE, apiKeyHeaders()));
    await waitFor(() => test.service.calls.length === calls + 1);
    client.ws.terminate();
    await client.closed;
    test.service.release();
    await waitFor(() => test.service.unsubscribed === unsubscribed + 1);
    expect(test.service.active.size).toBe(before);
  });
});
