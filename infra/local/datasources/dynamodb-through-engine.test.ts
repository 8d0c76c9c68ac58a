import { useLocalApi } from '../testing/local-api';

/** Every DynamoDB operation kind, driven through GraphQL over HTTP against DynamoDB Local. */
const local = useLocalApi();

type Data = Record<string, unknown>;
const data = async (query: string, variables?: Record<string, unknown>): Promise<Data> => {
  const answer = await local.graphql(query, variables);
  expect(answer.status).toBe(200);
  return answer.body as Data;
};

describe('single-item operations', () => {
  it('puts an item and returns it as written, sets and lists as arrays', async () => {
    const body = await data(
      'mutation { putItem(pk: "single", sk: "a", kind: "k", count: 3, tags: ["x", "y"], data: "{\\"n\\":1}") { pk sk kind count tags data } }',
    );
    expect(body).toEqual({
      data: {
        putItem: { pk: 'single', sk: 'a', kind: 'k', count: 3, tags: ['x', 'y'], data: '{"n":1}' },
      },
    });
  });

  it('gets an item, null when missing, and honours a projection', async () => {
    await data('mutation { putItem(pk: "single", sk: "b", kind: "k", count: 1) { pk } }');
    expect(await data('{ getItem(pk: "single", sk: "b") { sk kind count } }')).toEqual({
      data: { getItem: { sk: 'b', kind: 'k', count: 1 } },
    });
    expect(await data('{ getItem(pk: "single", sk: "missing") { sk } }')).toEqual({
      data: { getItem: null },
    });
    expect(
      await data('{ getItem(pk: "single", sk: "b", fields: ["pk", "sk"]) { pk sk kind count } }'),
    ).toEqual({ data: { getItem: { pk: 'single', sk: 'b', kind: null, count: null } } });
  });

  it('treats a conditional put that finds the identical item as a success (AppSync re-check)', async () => {
    const put =
      'mutation { putItem(pk: "single", sk: "c", kind: "same", onlyIfNew: true) { kind } }';
    expect(await data(put)).toEqual({ data: { putItem: { kind: 'same' } } });
    expect(await data(put)).toEqual({ data: { putItem: { kind: 'same' } } });
  });

  it('fails a conditional put on a different item with ConditionalCheckFailedException and the current item', async () => {
    await data(
      'mutation { putItem(pk: "single", sk: "d", kind: "first", onlyIfNew: true) { kind } }',
    );
    const body = await data(
      'mutation { putItem(pk: "single", sk: "d", kind: "second", onlyIfNew: true) { kind } }',
    );
    expect(body['data']).toEqual({ putItem: null });
    expect(body['errors']).toEqual([
      expect.objectContaining({
        errorType: 'DynamoDB:ConditionalCheckFailedException',
        data: { kind: 'first' },
        message: expect.stringContaining('The conditional request failed'),
      }),
    ]);
    expect(await data('{ getItem(pk: "single", sk: "d") { kind } }')).toEqual({
      data: { getItem: { kind: 'first' } },
    });
  });

  it('updates with an expression, returning the whole new item; a failed condition writes nothing', async () => {
    await data('mutation { putItem(pk: "single", sk: "e", kind: "counter", count: 1) { pk } }');
    expect(
      await data('mutation { updateItem(pk: "single", sk: "e", add: 2) { count kind } }'),
    ).toEqual({
      data: { updateItem: { count: 3, kind: 'counter' } },
    });
    const failed = await data(
      'mutation { updateItem(pk: "single", sk: "e", add: 10, expectedCount: 99) { count } }',
    );
    expect(failed['errors']).toEqual([
      expect.objectContaining({ errorType: 'DynamoDB:ConditionalCheckFailedException' }),
    ]);
    expect(await data('{ getItem(pk: "single", sk: "e") { count } }')).toEqual({
      data: { getItem: { count: 3 } },
    });
  });

  it('deletes, returning the old item; a conditional delete of a gone item succeeds', async () => {
    await data('mutation { putItem(pk: "single", sk: "f", kind: "doomed") { pk } }');
    expect(
      await data('mutation { deleteItem(pk: "single", sk: "f", onlyIfKind: "doomed") { kind } }'),
    ).toEqual({ data: { deleteItem: { kind: 'doomed' } } });
    expect(
      await data('mutation { deleteItem(pk: "single", sk: "f", onlyIfKind: "doomed") { kind } }'),
    ).toEqual({ data: { deleteItem: null } });
  });
});

describe('Query and Scan', () => {
  beforeAll(async () => {
    const sks = Array.from({ length: 9 }, (_, i) => `q${i}`);
    await data(`mutation { batchPutItems(pk: "paged", sks: ${JSON.stringify(sks)}) { sk } }`);
    await data('mutation { putItem(pk: "paged", sk: "q9", kind: "special") { sk } }');
  });

  it('pages through a query with limit and nextToken, in key order', async () => {
    const seen: string[] = [];
    let nextToken: string | null = null;
    let pages = 0;
    do {
      const body: Data = await data(
        'query ($t: String) { queryItems(pk: "paged", limit: 4, nextToken: $t) { items { sk } nextToken } }',
        { t: nextToken },
      );
      const page = (
        body['data'] as { queryItems: { items: { sk: string }[]; nextToken: string | null } }
      ).queryItems;
      seen.push(...page.items.map((item) => item.sk));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken !== null && pages < 10);
    expect(seen).toEqual(Array.from({ length: 10 }, (_, i) => `q${i}`));
    expect(pages).toBe(3);
  });

  it('applies the filter after the limit: a short page can still have a nextToken', async () => {
    const body = await data(
      '{ queryItems(pk: "paged", limit: 4, kind: "special") { items { sk } nextToken scannedCount } }',
    );
    expect(body['data']).toEqual({
      queryItems: { items: [], nextToken: expect.any(String), scannedCount: 4 },
    });
  });

  it('refuses a pagination token from another resolver with AppSync error', async () => {
    const first = await data('{ scanItems(limit: 1) { nextToken } }');
    const token = (first['data'] as { scanItems: { nextToken: string } }).scanItems.nextToken;
    const body = await data(
      'query ($t: String) { queryItems(pk: "paged", nextToken: $t) { items { sk } } }',
      { t: token },
    );
    expect(body['errors']).toEqual([
      expect.objectContaining({
        errorType: 'DynamoDB:UserIllegalArgumentException',
        message:
          'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
      }),
    ]);
  });
});

describe('batch operations and transactions', () => {
  it('batch-gets in request order with null for missing keys', async () => {
    await data('mutation { batchPutItems(pk: "batch", sks: ["b1", "b2"]) { sk } }');
    expect(
      await data('{ batchGetItems(pk: "batch", sks: ["b2", "nope", "b1"]) { sk kind } }'),
    ).toEqual({
      data: { batchGetItems: [{ sk: 'b2', kind: 'batch' }, null, { sk: 'b1', kind: 'batch' }] },
    });
  });

  it('batch-deletes and returns the deleted keys', async () => {
    await data('mutation { batchPutItems(pk: "batch", sks: ["d1", "d2"]) { sk } }');
    expect(await data('mutation { batchDeleteItems(pk: "batch", sks: ["d1", "d2"]) }')).toEqual({
      data: { batchDeleteItems: ['d1', 'd2'] },
    });
    expect(await data('{ batchGetItems(pk: "batch", sks: ["d1"]) { sk } }')).toEqual({
      data: { batchGetItems: [null] },
    });
  });

  it('writes a transaction and reads it back with TransactGetItems', async () => {
    const written = await data(
      'mutation { transactPut(pk: "tx", sks: ["t1", "t2"]) { keys cancellationReasons error } }',
    );
    expect(written).toEqual({
      data: {
        transactPut: {
          keys: JSON.stringify([
            { pk: 'tx', sk: 't1' },
            { pk: 'tx', sk: 't2' },
          ]),
          cancellationReasons: null,
          error: null,
        },
      },
    });
    expect(await data('{ transactGetItems(pk: "tx", sks: ["t1", "none"]) { sk kind } }')).toEqual({
      data: { transactGetItems: [{ sk: 't1', kind: 'transact' }, null] },
    });
  });

  it('cancels a transaction whose condition fails, writing nothing, with reasons per item', async () => {
    await data('mutation { putItem(pk: "tx2", sk: "exists") { sk } }');
    const body = await data(
      'mutation { transactPut(pk: "tx2", sks: ["fresh", "exists"], requireAbsent: true) { keys cancellationReasons error } }',
    );
    const result = (body['data'] as { transactPut: Record<string, string | null> }).transactPut;
    expect(result['keys']).toBeNull();
    expect(result['error']).toBe('DynamoDB:TransactionCanceledException');
    expect(JSON.parse(result['cancellationReasons'] ?? 'null')).toEqual([
      { type: 'None', message: 'None' },
      expect.objectContaining({ type: 'ConditionalCheckFailed' }),
    ]);
    expect(await data('{ getItem(pk: "tx2", sk: "fresh") { sk } }')).toEqual({
      data: { getItem: null },
    });
  });
});
