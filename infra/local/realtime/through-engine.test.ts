import { useLocalApi } from '../testing/local-api';
import { apiKeyAuth, connectWithApiKey, startMessage, type RawClient } from './testing/raw-client';

/** The realtime endpoint of a full local engine: raw WebSocket in, mutations over HTTP. */
const local = useLocalApi();
const clients: RawClient[] = [];

afterEach(() => {
  for (const client of clients.splice(0)) {
    client.ws.terminate();
  }
});

function auth(): Record<string, string> {
  return apiKeyAuth(local.api);
}

/** A connection past connection_init, closed after the test. */
function connected(): Promise<RawClient> {
  return connectWithApiKey(local.api, clients);
}

async function start(
  client: RawClient,
  id: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<Record<string, unknown>> {
  client.send(startMessage(id, query, auth(), variables));
  return client.next(10_000);
}

describe('subscriptions through the local engine', () => {
  it('delivers a mutation result, as the mutation selected it, to a matching subscriber', async () => {
    const client = await connected();
    expect(
      await start(
        client,
        'put',
        'subscription ($pk: String) { onItemPut(pk: $pk) { pk sk kind count __typename } }',
        { pk: 'ws-put' },
      ),
    ).toEqual({ type: 'start_ack', id: 'put' });
    await local.graphql('mutation { putItem(pk: "ws-other", sk: "1", kind: "k") { pk } }');
    const answer = await local.graphql(
      'mutation { putItem(pk: "ws-put", sk: "1", kind: "k", count: 2) { pk sk kind } }',
    );
    expect(answer.status).toBe(200);
    expect(await client.next(10_000)).toEqual({
      type: 'data',
      id: 'put',
      payload: {
        data: { onItemPut: { pk: 'ws-put', sk: '1', kind: 'k', count: null, __typename: 'Item' } },
      },
    });
    client.send({ type: 'stop', id: 'put' });
    expect(await client.next()).toEqual({ type: 'complete', id: 'put' });
  });

  it('sends complete when a mutation invalidates the subscription', async () => {
    const client = await connected();
    expect(
      await start(
        client,
        'inv',
        'subscription { onItemPutFiltered(pk: "ws-inv", minCount: 0) { pk } }',
      ),
    ).toEqual({ type: 'start_ack', id: 'inv' });
    await local.graphql('mutation { closeItemSubscriptions(pk: "ws-inv") }');
    expect(await client.next(10_000)).toEqual({ type: 'complete', id: 'inv' });
  });

  it('answers a subscription its resolver refuses with an error frame under its id', async () => {
    const client = await connected();
    const frame = await start(client, 'refused', 'subscription { onRefused { pk } }');
    expect(frame).toMatchObject({ type: 'error', id: 'refused' });
    expect(frame['payload']).toMatchInlineSnapshot(`
{
  "errors": [
    {
      "errorType": "Refused",
      "message": "Subscriptions to onRefused are refused.",
    },
  ],
}
`);
  });

  it('answers an invalid subscription document with an error frame under its id', async () => {
    const client = await connected();
    const frame = await start(client, 'invalid', 'subscription { onNothing { pk } }');
    expect(frame).toMatchObject({ type: 'error', id: 'invalid' });
    expect(frame['payload']).toMatchInlineSnapshot(`
{
  "errors": [
    {
      "locations": [
        {
          "column": 16,
          "line": 1,
          "sourceName": null,
        },
      ],
      "message": "Validation error of type FieldUndefined: Field 'onNothing' in type 'Subscription' is undefined @ 'onNothing'",
    },
  ],
}
`);
  });

  it('answers a query sent as a start with an error frame', async () => {
    const client = await connected();
    const frame = await start(client, 'query', 'query { __typename }');
    expect(frame['type']).toBe('error');
    expect(frame).toMatchInlineSnapshot(`
{
  "id": "query",
  "payload": {
    "errors": [
      {
        "errorType": "UnsupportedOperation",
        "message": "query not supported through the realtime channel",
      },
    ],
  },
  "type": "error",
}
`);
  });
});
