// The explorer's realtime client: the pure protocol parts, then whole subscriptions over Node's
// WebSocket against the engine's real realtime endpoint (with a scripted subscription service).
import type { FormattedExecutionResult } from 'graphql';
import {
  startTestRealtime,
  TEST_API_KEY,
  waitFor,
  type TestRealtime,
} from '../local/realtime/testing/harness';
import type { RealtimeOptions } from '../local/realtime/server';
import {
  amzDate,
  base64UrlEncode,
  clientFrames,
  headerProtocol,
  parseServerFrame,
  realtimeAuthorization,
} from './src/realtime-protocol';
import { createRealtimeTransport, type RealtimeTransportOptions } from './src/realtime';
import { nodeSocketOpener, type NodeSocketOpener } from './testing/node-socket';

const fixedNow = new Date('2026-11-21T18:51:27.123Z');

describe('realtime protocol parts', () => {
  it.each([
    ['{}', 'e30'],
    ['{"a":"?>?"}', 'eyJhIjoiPz4_In0'],
    ['{"k":">>>"}', 'eyJrIjoiPj4-In0'],
    ['é', 'w6k'],
  ])('encodes %j as base64url without padding: %s', (text, expected) => {
    expect(base64UrlEncode(text)).toBe(expected);
    expect(base64UrlEncode(text)).toBe(Buffer.from(text, 'utf8').toString('base64url'));
  });

  it('puts the auth object in a header- subprotocol that decodes back to it', () => {
    const auth = { host: '127.0.0.1:4000', 'x-api-key': TEST_API_KEY };
    const protocol = headerProtocol(auth);
    expect(protocol).toMatch(/^header-[A-Za-z0-9_-]+$/);
    expect(JSON.parse(Buffer.from(protocol.slice(7), 'base64url').toString('utf8'))).toEqual(auth);
  });

  it('writes x-amz-date as YYYYMMDDTHHMMSSZ in UTC', () => {
    expect(amzDate(fixedNow)).toBe('20261121T185127Z');
  });

  it.each<[string, string, Record<string, string>, Record<string, string>]>([
    [
      'an API key',
      'http://127.0.0.1:4000/graphql',
      { 'content-type': 'application/json', accept: 'application/json', 'x-api-key': 'da2-k' },
      { host: '127.0.0.1:4000', 'x-api-key': 'da2-k', 'x-amz-date': '20261121T185127Z' },
    ],
    [
      'a user-pool token',
      'https://abc.appsync-api.eu-west-1.amazonaws.com/graphql',
      { 'content-type': 'application/json', authorization: 'eyJ.jwt' },
      { host: 'abc.appsync-api.eu-west-1.amazonaws.com', Authorization: 'eyJ.jwt' },
    ],
    [
      'no credential',
      'http://localhost:9/graphql',
      { 'content-type': 'application/json' },
      { host: 'localhost:9' },
    ],
    [
      'a header typed in the headers editor',
      'http://localhost:9/graphql',
      { authorization: 't', 'x-trace': '1', host: 'ignored' },
      { host: 'localhost:9', Authorization: 't', 'x-trace': '1' },
    ],
  ])('builds the auth object for %s', (_case, graphqlUrl, headers, expected) => {
    expect(realtimeAuthorization(graphqlUrl, headers, fixedNow)).toEqual(expected);
  });

  it('sends payload.data as a JSON string and the auth object in extensions', () => {
    const frame = clientFrames.start(
      'id-1',
      { query: 'subscription S { onItemPut { pk } }', operationName: 'S', variables: null },
      { host: 'h:1', 'x-api-key': 'k' },
    );
    expect(frame).toMatchInlineSnapshot(`
{
  "id": "id-1",
  "payload": {
    "data": "{"query":"subscription S { onItemPut { pk } }","variables":{},"operationName":"S"}",
    "extensions": {
      "authorization": {
        "host": "h:1",
        "x-api-key": "k",
      },
    },
  },
  "type": "start",
}
`);
    expect(clientFrames.connectionInit()).toEqual({ type: 'connection_init' });
    expect(clientFrames.stop('id-1')).toEqual({ type: 'stop', id: 'id-1' });
  });

  it.each([
    [
      '{"type":"connection_ack","payload":{"connectionTimeoutMs":60000}}',
      { type: 'connection_ack', connectionTimeoutMs: 60000 },
    ],
    ['{"type":"connection_ack"}', { type: 'connection_ack', connectionTimeoutMs: 300000 }],
    ['{"type":"ka"}', { type: 'ka' }],
    ['{"type":"start_ack","id":"a"}', { type: 'start_ack', id: 'a' }],
    ['{"type":"complete","id":"a"}', { type: 'complete', id: 'a' }],
    [
      '{"type":"data","id":"a","payload":{"data":{"onItemPut":{"pk":"p"}}}}',
      { type: 'data', id: 'a', result: { data: { onItemPut: { pk: 'p' } } } },
    ],
    [
      '{"type":"data","id":"a","payload":{}}',
      {
        type: 'error',
        id: 'a',
        errors: [
          {
            message:
              'A data frame without data or errors arrived: {"type":"data","id":"a","payload":{}}',
          },
        ],
      },
    ],
    [
      '{"type":"error","id":"a","payload":{"errors":[{"errorType":"Refused","message":"No."}]}}',
      { type: 'error', id: 'a', errors: [{ errorType: 'Refused', message: 'No.' }] },
    ],
    [
      '{"type":"error","payload":{"errors":{"errorType":"LimitExceededError","message":"Rate limit exceeded"}}}',
      {
        type: 'error',
        id: undefined,
        errors: [{ errorType: 'LimitExceededError', message: 'Rate limit exceeded' }],
      },
    ],
    [
      '{"type":"error","payload":{"errors":[{"errorType":"MaxSubscriptionsReachedError"}]}}',
      {
        type: 'error',
        id: undefined,
        errors: [
          { errorType: 'MaxSubscriptionsReachedError', message: 'MaxSubscriptionsReachedError' },
        ],
      },
    ],
    [
      '{"type":"connection_error","payload":{"errors":[{"errorType":"UnauthorizedException","message":"You are not authorized to make this call.","errorCode":401}]}}',
      {
        type: 'connection_error',
        errors: [
          {
            errorType: 'UnauthorizedException',
            message: 'You are not authorized to make this call.',
            errorCode: 401,
          },
        ],
      },
    ],
    [
      '{"type":"connection_error"}',
      {
        type: 'connection_error',
        errors: [{ message: 'The realtime endpoint refused the connection.' }],
      },
    ],
    ['{"type":"something_new"}', { type: 'unknown', name: 'something_new' }],
    ['not json', { type: 'unreadable', text: 'not json' }],
    ['[1]', { type: 'unreadable', text: '[1]' }],
  ])('reads %s', (text, expected) => {
    expect(parseServerFrame(text)).toEqual(expected);
  });
});

describe('subscriptions over the realtime endpoint', () => {
  let server: TestRealtime | undefined;
  let sockets: NodeSocketOpener;

  afterEach(async () => {
    sockets?.terminateAll();
    server?.service.release();
    await server?.stop();
    server = undefined;
  });

  async function start(
    serverOptions: Partial<RealtimeOptions> = {},
    transportOptions: Partial<RealtimeTransportOptions> = {},
  ) {
    server = await startTestRealtime(serverOptions);
    sockets = nodeSocketOpener();
    const transport = createRealtimeTransport({
      realtimeUrl: server.url,
      graphqlUrl: 'http://localhost:4000/graphql',
      openSocket: sockets.open,
      now: () => fixedNow,
      newId: () => 'sub-1',
      ...transportOptions,
    });
    return { server, transport };
  }

  const apiKeyHeaders = (key = TEST_API_KEY) => ({
    'content-type': 'application/json',
    accept: 'application/json',
    'x-api-key': key,
  });

  /** Consumes results as GraphiQL does: a for-await loop, stopped from outside. */
  function consume(results: AsyncIterable<FormattedExecutionResult>) {
    const seen: FormattedExecutionResult[] = [];
    const ended = (async () => {
      for await (const result of results) seen.push(result);
    })();
    return { seen, ended };
  }

  it('connects with the auth object, yields each event and sends stop when stopped', async () => {
    // A long grace: the socket closes early only if the server answers stop with complete.
    const { server, transport } = await start({}, { stopGraceMs: 30_000 });
    const results = transport(
      { query: 'subscription ($pk: String) { onItemPut(pk: $pk) { pk } }', variables: { pk: 'p' } },
      apiKeyHeaders(),
    );
    const { seen, ended } = consume(results);
    await waitFor(() => server.service.active.size === 1, 3000, 'the subscription');

    const expectedAuth = {
      host: 'localhost:4000',
      'x-api-key': TEST_API_KEY,
      'x-amz-date': '20261121T185127Z',
    };
    const protocols = sockets.sockets[0]?.protocols ?? [];
    expect(protocols[0]).toBe('graphql-ws');
    expect(JSON.parse(Buffer.from(protocols[1]?.slice(7) ?? '', 'base64url').toString())).toEqual(
      expectedAuth,
    );
    const call = server.service.calls[0];
    expect(call?.request).toMatchObject({
      query: 'subscription ($pk: String) { onItemPut(pk: $pk) { pk } }',
      variables: { pk: 'p' },
    });
    expect(call?.caller.headers).toMatchObject(expectedAuth);

    server.service.publish('onItemPut', { data: { onItemPut: { pk: 'p', n: 1 } } });
    server.service.publish('onItemPut', { data: { onItemPut: { pk: 'p', n: 2 } } });
    await waitFor(() => seen.length === 2, 3000, 'two events');
    expect(seen).toEqual([
      { data: { onItemPut: { pk: 'p', n: 1 } } },
      { data: { onItemPut: { pk: 'p', n: 2 } } },
    ]);

    // GraphiQL stops by asking the iterable for its iterator again and calling return().
    await results[Symbol.asyncIterator]().return?.();
    await ended; // the pending next() ends at once, without waiting for the server
    await waitFor(() => server.service.active.size === 0, 3000, 'the unsubscribe');
    expect(server.service.unsubscribed).toBe(1);
    await waitFor(() => server.realtime.connections() === 0, 3000, 'the socket to close');
  });

  it('sends a token as Authorization', async () => {
    const { server, transport } = await start();
    const { seen, ended } = consume(
      transport({ query: 'subscription { onItemPut { pk } }' }, { authorization: 'not-a-jwt' }),
    );
    await ended;
    // The test server takes API keys and IAM only, so the token is refused at connect time.
    expect(seen).toEqual([
      {
        errors: [
          {
            errorType: 'UnauthorizedException',
            message: 'You are not authorized to make this call.',
            errorCode: 401,
          },
        ],
      },
    ]);
    const protocol = sockets.sockets[0]?.protocols[1] ?? '';
    expect(JSON.parse(Buffer.from(protocol.slice(7), 'base64url').toString())).toEqual({
      host: 'localhost:4000',
      Authorization: 'not-a-jwt',
    });
    await waitFor(() => server.realtime.connections() === 0, 3000, 'the socket to close');
  });

  it('shows a refused subscription as a result with errors, and ends', async () => {
    const { server, transport } = await start();
    const { seen, ended } = consume(
      transport({ query: 'subscription { onRefused { pk } }' }, apiKeyHeaders()),
    );
    await ended;
    expect(seen).toMatchInlineSnapshot(`
[
  {
    "errors": [
      {
        "message": "Validation error of type FieldUndefined: Field 'onRefused' in type 'Subscription' is undefined @ 'onRefused'",
      },
    ],
  },
]
`);
    await waitFor(() => server.realtime.connections() === 0, 3000, 'the socket to close');
  });

  it('shows a refused API key (connection_error) and ends', async () => {
    const { transport } = await start();
    const { seen, ended } = consume(
      transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders('da2-wrong')),
    );
    await ended;
    expect(seen).toEqual([
      {
        errors: [
          {
            errorType: 'UnauthorizedException',
            message: 'You are not authorized to make this call.',
            errorCode: 401,
          },
        ],
      },
    ]);
  });

  it('ends quietly when the server completes the subscription', async () => {
    const { server, transport } = await start();
    const { seen, ended } = consume(
      transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders()),
    );
    await waitFor(() => server.service.active.size === 1, 3000, 'the subscription');
    server.service.publish('onItemPut', { data: { onItemPut: { pk: 'last' } } });
    await waitFor(() => seen.length === 1, 3000, 'the event');
    server.service.complete('onItemPut');
    await ended;
    expect(seen).toEqual([{ data: { onItemPut: { pk: 'last' } } }]);
    await waitFor(() => server.realtime.connections() === 0, 3000, 'the socket to close');
  });

  it('reports a connection the server closes', async () => {
    const { server, transport } = await start();
    const { seen, ended } = consume(
      transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders()),
    );
    await waitFor(() => server.service.active.size === 1, 3000, 'the subscription');
    await server.realtime.close();
    await ended;
    expect(seen).toEqual([
      {
        errors: [
          {
            message:
              'The realtime connection closed (code 1001: Server shutting down); the subscription has ended.',
          },
        ],
      },
    ]);
  });

  it('reports an endpoint it cannot reach', async () => {
    const { server, transport } = await start(
      {},
      { realtimeUrl: 'ws://127.0.0.1:1/graphql/realtime' },
    );
    const { seen, ended } = consume(
      transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders()),
    );
    await ended;
    expect(seen).toEqual([
      {
        errors: [
          {
            message:
              'Could not connect to ws://127.0.0.1:1/graphql/realtime (the connection closed, code 1006).',
          },
        ],
      },
    ]);
    expect(server.service.calls).toEqual([]);
  });

  it('gives up when start_ack does not come in time', async () => {
    const { server, transport } = await start({}, { ackTimeoutMs: 200 });
    server.service.hold();
    const { seen, ended } = consume(
      transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders()),
    );
    await ended;
    expect(seen).toEqual([
      { errors: [{ message: `No start_ack from ${server.url} within 200 ms.` }] },
    ]);
    await waitFor(() => server.realtime.connections() === 0, 3000, 'the socket to close');
  });

  it('stays live while ka frames arrive, and ends when they stop', async () => {
    const live = await start({ keepAliveMs: 40, connectionTimeoutMs: 250 });
    const kept = consume(
      live.transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders()),
    );
    await waitFor(() => live.server.service.active.size === 1, 3000, 'the subscription');
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(kept.seen).toEqual([]);
    expect(live.server.service.active.size).toBe(1);
    sockets.terminateAll();
    await live.server.stop();

    // The server still advertises 250 ms but sends ka only every minute.
    const silent = await start({ keepAliveMs: 60_000, connectionTimeoutMs: 250 });
    const dropped = consume(
      silent.transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders()),
    );
    await dropped.ended;
    expect(dropped.seen).toEqual([
      {
        errors: [
          {
            message: `No keep-alive from ${silent.server.url} for 250 ms; the subscription has ended.`,
          },
        ],
      },
    ]);
  });

  it('closes without subscribing when stopped while still connecting', async () => {
    const { server, transport } = await start();
    const results = transport({ query: 'subscription { onItemPut { pk } }' }, apiKeyHeaders());
    const iterator = results[Symbol.asyncIterator]();
    await expect(iterator.return?.()).resolves.toEqual({ value: undefined, done: true });
    await expect(iterator.next()).resolves.toEqual({ value: undefined, done: true });
    await waitFor(() => server.realtime.connections() === 0, 3000, 'no open socket');
    expect(server.service.calls).toEqual([]);
  });
});
