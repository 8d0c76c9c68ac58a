import {
  CreateTableCommand,
  GetItemCommand,
  type AttributeDefinition,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type KeySchemaElement,
} from '@aws-sdk/client-dynamodb';
import { uniqueTableName, useDynamoDbLocal } from '../../testing/dynamodb-local';
import type { DataSource, DataSourceResult } from '../types';
import { createDynamoDbDataSource } from './index';

/**
 * Every operation against a real DynamoDB Local (one JVM for the file). Each describe block
 * creates its own tables, so blocks do not see each other's items.
 */

const ddb = useDynamoDbLocal();
const SECRET = 'test secret';
const call = { unit: 'Query.test' };
const SDK_SUFFIX = (code: string) =>
  new RegExp(
    `\\(Service: AmazonDynamoDBv2; Status Code: 400; Error Code: ${code}; Request ID: [^)]+\\)$`,
  );

async function createTable(
  client: DynamoDBClient,
  prefix: string,
  keys: { hash: [string, 'S' | 'N']; range?: [string, 'S' | 'N'] },
  index?: { name: string; hash: [string, 'S' | 'N']; range?: [string, 'S' | 'N'] },
): Promise<string> {
  const name = uniqueTableName(prefix);
  const definitions = new Map<string, AttributeDefinition>();
  const schema = (
    hash: [string, 'S' | 'N'],
    range: [string, 'S' | 'N'] | undefined,
  ): KeySchemaElement[] =>
    [hash, range].flatMap((part, i) => {
      if (part === undefined) return [];
      definitions.set(part[0], { AttributeName: part[0], AttributeType: part[1] });
      return [{ AttributeName: part[0], KeyType: i === 0 ? 'HASH' : 'RANGE' }];
    });
  const keySchema = schema(keys.hash, keys.range);
  const gsi: GlobalSecondaryIndex[] | undefined = index && [
    {
      IndexName: index.name,
      KeySchema: schema(index.hash, index.range),
      Projection: { ProjectionType: 'ALL' },
    },
  ];
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      KeySchema: keySchema,
      AttributeDefinitions: [...definitions.values()],
      GlobalSecondaryIndexes: gsi,
    }),
  );
  return name;
}

function dataSourceFor(tableName: string, secret = SECRET): DataSource {
  return createDynamoDbDataSource({ client: ddb.client, tableName, tokenSecret: secret });
}

const S = (value: string) => ({ S: value });
const N = (value: number) => ({ N: value });

describe('single-item operations', () => {
  let table: string;
  let ds: DataSource;
  beforeAll(async () => {
    table = await createTable(ddb.client, 'items', { hash: ['id', 'S'] });
    ds = dataSourceFor(table);
  });

  it('puts an item and returns it as plain JSON, key merged with attributeValues', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'PutItem',
        key: { id: S('p1') },
        attributeValues: {
          count: N(3),
          price: { N: '12.50' },
          tags: { SS: ['a', 'b'] },
          sizes: { NS: [1, '2'] },
          blob: { B: 'aGk=' },
          nested: { M: { list: { L: [S('x'), { NULL: null }, { BOOL: true }] } } },
        },
      },
      call,
    );
    expect(outcome).toEqual({
      result: {
        id: 'p1',
        count: 3,
        price: 12.5,
        tags: ['a', 'b'],
        sizes: [1, 2],
        blob: 'aGk=',
        nested: { list: ['x', null, true] },
      },
    });
    const read = await ds.invoke({ operation: 'GetItem', key: { id: S('p1') } }, call);
    expect(read.error).toBeUndefined();
    expect(read.result).toMatchObject({ id: 'p1', count: 3, price: 12.5, blob: 'aGk=' });
  });

  it('gets null for a missing item', async () => {
    expect(
      await ds.invoke({ operation: 'GetItem', key: { id: S('none') }, consistentRead: true }, call),
    ).toEqual({ result: null });
  });

  it('gets only the projected attributes', async () => {
    await ds.invoke(
      { operation: 'PutItem', key: { id: S('p2') }, attributeValues: { a: N(1), b: N(2) } },
      call,
    );
    const outcome = await ds.invoke(
      {
        operation: 'GetItem',
        key: { id: S('p2') },
        projection: { expression: '#a', expressionNames: { '#a': 'a' } },
      },
      call,
    );
    expect(outcome).toEqual({ result: { a: 1 } });
  });

  it('updates an item and returns the whole item after the update', async () => {
    await ds.invoke(
      { operation: 'PutItem', key: { id: S('u1') }, attributeValues: { a: N(1), b: S('x') } },
      call,
    );
    const outcome = await ds.invoke(
      {
        operation: 'UpdateItem',
        key: { id: S('u1') },
        update: {
          expression: 'SET #a = #a + :one',
          expressionNames: { '#a': 'a' },
          expressionValues: { ':one': N(1) },
        },
      },
      call,
    );
    expect(outcome).toEqual({ result: { id: 'u1', a: 2, b: 'x' } });
  });

  it('creates the item when an update finds none', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'UpdateItem',
        key: { id: S('u2') },
        update: { expression: 'SET a = :a', expressionValues: { ':a': S('new') } },
      },
      call,
    );
    expect(outcome).toEqual({ result: { id: 'u2', a: 'new' } });
  });

  it('deletes an item and returns it; deleting a missing item returns null', async () => {
    await ds.invoke(
      { operation: 'PutItem', key: { id: S('d1') }, attributeValues: { a: N(1) } },
      call,
    );
    expect(await ds.invoke({ operation: 'DeleteItem', key: { id: S('d1') } }, call)).toEqual({
      result: { id: 'd1', a: 1 },
    });
    expect(await ds.invoke({ operation: 'DeleteItem', key: { id: S('d1') } }, call)).toEqual({
      result: null,
    });
  });

  it('reports a DynamoDB validation error as AppSync does, with the SDK message', async () => {
    const outcome = await ds.invoke({ operation: 'GetItem', key: { id: N(1) } }, call);
    expect(outcome.result).toBeNull();
    expect(outcome.error?.type).toBe('DynamoDB:AmazonDynamoDBException');
    expect(outcome.error?.message).toMatch(
      /^One or more parameter values were invalid: Type mismatch for key /,
    );
    expect(outcome.error?.message).toMatch(SDK_SUFFIX('ValidationException'));
  });

  it('reports a missing table as DynamoDB:ResourceNotFoundException', async () => {
    const outcome = await dataSourceFor('no-such-table').invoke(
      { operation: 'GetItem', key: { id: S('x') } },
      call,
    );
    expect(outcome.error?.type).toBe('DynamoDB:ResourceNotFoundException');
    expect(outcome.error?.message).toMatch(SDK_SUFFIX('ResourceNotFoundException'));
  });

  it('keeps the SDK exception as the non-enumerable cause of ctx.error', async () => {
    const outcome = await ds.invoke({ operation: 'GetItem', key: { id: N(1) } }, call);
    expect(Object.keys(outcome.error ?? {})).toEqual(['type', 'message']);
    expect((outcome.error as { cause?: Error }).cause?.name).toBe('ValidationException');
  });

  describe('a failed condition (re-read, then compare)', () => {
    const notExists = { expression: 'attribute_not_exists(id)' };

    async function seed(id: string, values: Record<string, unknown>): Promise<void> {
      const seeded = await ds.invoke(
        { operation: 'PutItem', key: { id: S(id) }, attributeValues: values },
        call,
      );
      expect(seeded.error).toBeUndefined();
    }

    function expectRejected(outcome: DataSourceResult, current: unknown): void {
      expect(outcome.result).toEqual(current);
      expect(outcome.error?.type).toBe('DynamoDB:ConditionalCheckFailedException');
      expect(outcome.error?.message).toMatch(/^The conditional request failed /);
      expect(outcome.error?.message).toMatch(SDK_SUFFIX('ConditionalCheckFailedException'));
    }

    it('treats a PutItem whose item is already there as a success (an idempotent retry)', async () => {
      await seed('c1', { a: N(1), tags: { SS: ['x', 'y'] } });
      const outcome = await ds.invoke(
        {
          operation: 'PutItem',
          key: { id: S('c1') },
          attributeValues: { a: { N: '1.0' }, tags: { SS: ['y', 'x'] } },
          condition: notExists,
        },
        call,
      );
      expect(outcome).toEqual({ result: { id: 'c1', a: 1, tags: ['x', 'y'] } });
    });

    it('rejects a PutItem whose item differs, with ctx.result the current item', async () => {
      await seed('c2', { a: N(1) });
      const outcome = await ds.invoke(
        {
          operation: 'PutItem',
          key: { id: S('c2') },
          attributeValues: { a: N(2) },
          condition: notExists,
        },
        call,
      );
      expectRejected(outcome, { id: 'c2', a: 1 });
    });

    it('ignores the equalsIgnore attributes when comparing', async () => {
      await seed('c3', { a: N(1), updatedAt: N(100) });
      const outcome = await ds.invoke(
        {
          operation: 'PutItem',
          key: { id: S('c3') },
          attributeValues: { a: N(1), updatedAt: N(200) },
          condition: { ...notExists, equalsIgnore: ['updatedAt'] },
        },
        call,
      );
      expect(outcome).toEqual({ result: { id: 'c3', a: 1, updatedAt: 100 } });
    });

    it('treats a DeleteItem whose item is already gone as a success', async () => {
      const outcome = await ds.invoke(
        {
          operation: 'DeleteItem',
          key: { id: S('never-there') },
          condition: { expression: 'attribute_exists(id)' },
        },
        call,
      );
      expect(outcome).toEqual({ result: null });
    });

    it('rejects a DeleteItem whose item is still there, with ctx.result the current item', async () => {
      await seed('c4', { owner: S('ann') });
      const outcome = await ds.invoke(
        {
          operation: 'DeleteItem',
          key: { id: S('c4') },
          condition: {
            expression: '#o = :o',
            expressionNames: { '#o': 'owner' },
            expressionValues: { ':o': S('bob') },
          },
        },
        call,
      );
      expectRejected(outcome, { id: 'c4', owner: 'ann' });
    });

    it('rejects a failed UpdateItem without comparing, with ctx.result the current item', async () => {
      await seed('c5', { a: N(5) });
      const outcome = await ds.invoke(
        {
          operation: 'UpdateItem',
          key: { id: S('c5') },
          update: { expression: 'SET a = :five', expressionValues: { ':five': N(5) } },
          condition: { expression: 'a = :one', expressionValues: { ':one': N(1) } },
        },
        call,
      );
      expectRejected(outcome, { id: 'c5', a: 5 });
    });

    it('rejects a failed UpdateItem of a missing item with ctx.result null', async () => {
      const outcome = await ds.invoke(
        {
          operation: 'UpdateItem',
          key: { id: S('c6') },
          update: { expression: 'SET a = :a', expressionValues: { ':a': N(1) } },
          condition: { expression: 'attribute_exists(id)', consistentRead: false },
        },
        call,
      );
      expectRejected(outcome, null);
      const stored = await ddb.client.send(
        new GetItemCommand({ TableName: table, Key: { id: S('c6') } }),
      );
      expect(stored.Item).toBeUndefined();
    });

    it('writes when the condition holds, with an explicit Reject strategy', async () => {
      const outcome = await ds.invoke(
        {
          operation: 'PutItem',
          key: { id: S('c7') },
          attributeValues: { a: N(1) },
          condition: { ...notExists, conditionalCheckFailedHandler: { strategy: 'Reject' } },
        },
        call,
      );
      expect(outcome).toEqual({ result: { id: 'c7', a: 1 } });
    });
  });
});

describe('Query and Scan', () => {
  let table: string;
  let other: string;
  let ds: DataSource;
  const count = 10;

  beforeAll(async () => {
    table = await createTable(
      ddb.client,
      'threads',
      { hash: ['pk', 'S'], range: ['sk', 'N'] },
      { name: 'byAuthor', hash: ['author', 'S'], range: ['sk', 'N'] },
    );
    other = await createTable(ddb.client, 'threads-other', {
      hash: ['pk', 'S'],
      range: ['sk', 'N'],
    });
    ds = dataSourceFor(table);
    const writes = Array.from({ length: count }, (_, i) =>
      ds.invoke(
        {
          operation: 'PutItem',
          key: { pk: S('t1'), sk: N(i + 1) },
          attributeValues: {
            even: { BOOL: (i + 1) % 2 === 0 },
            author: S(i < 4 ? 'ann' : 'bob'),
            body: S(`m${i + 1}`),
          },
        },
        call,
      ),
    );
    await Promise.all(writes);
  });

  const byPartition = {
    expression: '#pk = :pk',
    expressionNames: { '#pk': 'pk' },
    expressionValues: { ':pk': S('t1') },
  };

  interface Page {
    items: { sk: number }[];
    nextToken: string | null;
    scannedCount: number;
  }

  async function allPages(request: Record<string, unknown>, unit = call.unit): Promise<Page[]> {
    const pages: Page[] = [];
    let nextToken: string | null = null;
    do {
      const outcome = await ds.invoke({ ...request, nextToken }, { unit });
      expect(outcome.error).toBeUndefined();
      const page = outcome.result as Page;
      pages.push(page);
      nextToken = page.nextToken;
    } while (nextToken !== null && pages.length < 20);
    return pages;
  }

  it('returns every item, a null nextToken and the scanned count when there is one page', async () => {
    const outcome = await ds.invoke({ operation: 'Query', query: byPartition }, call);
    expect(outcome.result).toMatchObject({ nextToken: null, scannedCount: count });
    expect((outcome.result as Page).items.map((item) => item.sk)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
  });

  it('applies limit before the filter: short pages with a nextToken, all matches in the end', async () => {
    const pages = await allPages({
      operation: 'Query',
      query: byPartition,
      limit: 3,
      filter: { expression: 'even = :t', expressionValues: { ':t': { BOOL: true } } },
    });
    const sks = pages.flatMap((page) => page.items.map((item) => item.sk));
    expect(sks).toEqual([2, 4, 6, 8, 10]);
    expect(pages[0]).toMatchObject({ scannedCount: 3 });
    expect(pages[0]?.items.length).toBeLessThan(3);
    expect(pages[0]?.nextToken).toEqual(expect.any(String));
    expect(pages.at(-1)?.nextToken).toBeNull();
  });

  it('queries backwards and with projection', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'Query',
        query: byPartition,
        scanIndexForward: false,
        limit: 2,
        select: 'SPECIFIC_ATTRIBUTES',
        projection: { expression: 'sk, #b', expressionNames: { '#b': 'body' } },
      },
      call,
    );
    expect(outcome.result).toMatchObject({
      items: [
        { sk: 10, body: 'm10' },
        { sk: 9, body: 'm9' },
      ],
    });
    expect(Object.keys((outcome.result as Page).items[0] ?? {}).sort()).toEqual(['body', 'sk']);
  });

  it('queries a global secondary index, paging with its own tokens', async () => {
    const pages = await allPages({
      operation: 'Query',
      index: 'byAuthor',
      query: { expression: 'author = :a', expressionValues: { ':a': S('ann') } },
      limit: 3,
    });
    expect(pages.flatMap((page) => page.items.map((item) => item.sk))).toEqual([1, 2, 3, 4]);
  });

  it('scans in segments that together hold every item', async () => {
    const segments = await Promise.all(
      [0, 1].map((segment) => allPages({ operation: 'Scan', segment, totalSegments: 2, limit: 4 })),
    );
    const sks = segments.flat().flatMap((page) => page.items.map((item) => item.sk));
    expect(sks.sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('scans with a filter and consistent reads', async () => {
    const pages = await allPages({
      operation: 'Scan',
      consistentRead: true,
      limit: 4,
      filter: { expression: 'author = :b', expressionValues: { ':b': S('bob') } },
    });
    expect(pages.flatMap((page) => page.items).length).toBe(6);
    expect(pages.reduce((n, page) => n + page.scannedCount, 0)).toBe(count);
  });

  describe('a token it did not issue', () => {
    const invalidToken = {
      result: null,
      error: {
        type: 'DynamoDB:UserIllegalArgumentException',
        message:
          'com.amazonaws.deepdish.common.pagination.InvalidPaginationTokenException: Invalid pagination token given.',
      },
    };

    async function firstToken(
      source: DataSource,
      unit: string,
      tableQuery = byPartition,
    ): Promise<string> {
      const outcome = await source.invoke(
        { operation: 'Query', query: tableQuery, limit: 2 },
        { unit },
      );
      const token = (outcome.result as Page).nextToken;
      expect(token).toEqual(expect.any(String));
      return token as string;
    }

    it('refuses a token from another resolver', async () => {
      const token = await firstToken(ds, 'Query.listThreads');
      expect(
        await ds.invoke(
          { operation: 'Query', query: byPartition, limit: 2, nextToken: token },
          { unit: 'Query.other' },
        ),
      ).toEqual(invalidToken);
    });

    it('accepts the token in the resolver that produced it', async () => {
      const token = await firstToken(ds, 'Query.listThreads');
      const outcome = await ds.invoke(
        { operation: 'Query', query: byPartition, limit: 2, nextToken: token },
        { unit: 'Query.listThreads' },
      );
      expect((outcome.result as Page).items.map((item) => item.sk)).toEqual([3, 4]);
    });

    it('refuses a token from another table of the same resolver', async () => {
      const token = await firstToken(ds, 'Query.listThreads');
      const otherSource = dataSourceFor(other);
      expect(
        await otherSource.invoke(
          { operation: 'Query', query: byPartition, nextToken: token },
          { unit: 'Query.listThreads' },
        ),
      ).toEqual(invalidToken);
    });

    it('refuses a token from an engine with another secret, and a made-up token', async () => {
      const token = await firstToken(dataSourceFor(table, 'another secret'), call.unit);
      expect(await ds.invoke({ operation: 'Scan', nextToken: token }, call)).toEqual(invalidToken);
      expect(
        await ds.invoke({ operation: 'Scan', nextToken: 'eyJ2ZXJzaW9uIjoyfQ==' }, call),
      ).toEqual(invalidToken);
    });
  });
});

describe('batch operations', () => {
  let posts: string;
  let authors: string;
  let ds: DataSource;
  beforeAll(async () => {
    [posts, authors] = await Promise.all([
      createTable(ddb.client, 'posts', { hash: ['id', 'S'] }),
      createTable(ddb.client, 'authors', { hash: ['org', 'S'], range: ['n', 'N'] }),
    ]);
    ds = dataSourceFor(posts);
  });

  it('puts items into several tables and echoes them per table', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'BatchPutItem',
        tables: {
          [posts]: [
            { id: S('p1'), title: S('one') },
            { id: S('p2'), title: S('two'), tags: { SS: ['a'] } },
          ],
          [authors]: [{ org: S('o'), n: N(1), name: S('ann') }],
        },
      },
      call,
    );
    expect(outcome).toEqual({
      result: {
        data: {
          [posts]: [
            { id: 'p1', title: 'one' },
            { id: 'p2', title: 'two', tags: ['a'] },
          ],
          [authors]: [{ org: 'o', n: 1, name: 'ann' }],
        },
        unprocessedItems: { [posts]: [], [authors]: [] },
      },
    });
  });

  it('gets items in request order with null for missing ones', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'BatchGetItem',
        tables: {
          [posts]: {
            keys: [{ id: S('p2') }, { id: S('missing') }, { id: S('p1') }],
            consistentRead: true,
          },
          [authors]: { keys: [{ org: S('o'), n: { N: '1' } }] },
        },
      },
      call,
    );
    expect(outcome).toEqual({
      result: {
        data: {
          [posts]: [{ id: 'p2', title: 'two', tags: ['a'] }, null, { id: 'p1', title: 'one' }],
          [authors]: [{ org: 'o', n: 1, name: 'ann' }],
        },
        unprocessedKeys: { [posts]: [], [authors]: [] },
      },
    });
  });

  it('places projected items by key even when the projection leaves the key out', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'BatchGetItem',
        tables: {
          [posts]: {
            keys: [{ id: S('p2') }, { id: S('p1') }],
            projection: { expression: '#t', expressionNames: { '#t': 'title' } },
          },
        },
      },
      call,
    );
    expect(outcome.result).toEqual({
      data: { [posts]: [{ title: 'two' }, { title: 'one' }] },
      unprocessedKeys: { [posts]: [] },
    });
  });

  it('deletes items and echoes their keys', async () => {
    const outcome = await ds.invoke(
      { operation: 'BatchDeleteItem', tables: { [posts]: [{ id: S('p1') }, { id: S('p2') }] } },
      call,
    );
    expect(outcome).toEqual({
      result: { data: { [posts]: [{ id: 'p1' }, { id: 'p2' }] }, unprocessedKeys: { [posts]: [] } },
    });
    const after = await ds.invoke(
      {
        operation: 'BatchGetItem',
        tables: { [posts]: { keys: [{ id: S('p1') }, { id: S('p2') }] } },
      },
      call,
    );
    expect(after.result).toEqual({
      data: { [posts]: [null, null] },
      unprocessedKeys: { [posts]: [] },
    });
  });

  it('reports DynamoDB refusing duplicate keys as ctx.error', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'BatchGetItem',
        tables: { [posts]: { keys: [{ id: S('p1') }, { id: S('p1') }] } },
      },
      call,
    );
    expect(outcome.result).toBeNull();
    expect(outcome.error?.type).toBe('DynamoDB:AmazonDynamoDBException');
    expect(outcome.error?.message).toMatch(SDK_SUFFIX('ValidationException'));
  });
});

describe('transactions', () => {
  let accounts: string;
  let ledger: string;
  let ds: DataSource;
  beforeAll(async () => {
    [accounts, ledger] = await Promise.all([
      createTable(ddb.client, 'accounts', { hash: ['id', 'S'] }),
      createTable(ddb.client, 'ledger', { hash: ['id', 'S'] }),
    ]);
    ds = dataSourceFor(accounts);
    await ds.invoke(
      {
        operation: 'BatchPutItem',
        tables: {
          [accounts]: [
            { id: S('a'), balance: N(10) },
            { id: S('b'), balance: N(0) },
            { id: S('bank') },
          ],
        },
      },
      call,
    );
  });

  const transfer = (amount: number, entry: string) => ({
    operation: 'TransactWriteItems',
    transactItems: [
      {
        table: accounts,
        operation: 'UpdateItem',
        key: { id: S('a') },
        update: { expression: 'SET balance = balance - :x', expressionValues: { ':x': N(amount) } },
        condition: { expression: 'balance >= :x', expressionValues: { ':x': N(amount) } },
      },
      {
        table: accounts,
        operation: 'UpdateItem',
        key: { id: S('b') },
        update: { expression: 'SET balance = balance + :x', expressionValues: { ':x': N(amount) } },
      },
      {
        table: ledger,
        operation: 'PutItem',
        key: { id: S(entry) },
        attributeValues: { amount: N(amount) },
        condition: { expression: 'attribute_not_exists(id)' },
      },
      {
        table: accounts,
        operation: 'ConditionCheck',
        key: { id: S('bank') },
        condition: { expression: 'attribute_exists(id)' },
      },
    ],
  });

  const balances = async () =>
    (
      await ds.invoke(
        {
          operation: 'TransactGetItems',
          transactItems: [
            { table: accounts, key: { id: S('a') } },
            { table: accounts, key: { id: S('b') }, projection: { expression: 'balance' } },
            { table: ledger, key: { id: S('missing') } },
          ],
        },
        call,
      )
    ).result;

  it('writes all items and returns their keys in request order', async () => {
    expect(await ds.invoke(transfer(4, 'e1'), call)).toEqual({
      result: {
        keys: [{ id: 'a' }, { id: 'b' }, { id: 'e1' }, { id: 'bank' }],
        cancellationReasons: null,
      },
    });
    expect(await balances()).toEqual({
      items: [{ id: 'a', balance: 6 }, { balance: 4 }, null],
      cancellationReasons: null,
    });
  });

  it('cancels the whole transaction with one reason per item and the failing item', async () => {
    const outcome = await ds.invoke(transfer(100, 'e2'), call);
    expect(outcome.result).toEqual({
      keys: null,
      cancellationReasons: [
        {
          type: 'ConditionalCheckFailed',
          message: 'The conditional request failed',
          item: { id: 'a', balance: 6 },
        },
        { type: 'None', message: 'None' },
        { type: 'None', message: 'None' },
        { type: 'None', message: 'None' },
      ],
    });
    expect(outcome.error?.type).toBe('DynamoDB:TransactionCanceledException');
    expect(outcome.error?.message).toMatch(
      /^Transaction cancelled, please refer cancellation reasons for specific reasons \[ConditionalCheckFailed, None, None, None\] /,
    );
    expect(outcome.error?.message).toMatch(SDK_SUFFIX('TransactionCanceledException'));
    expect(await balances()).toEqual({
      items: [{ id: 'a', balance: 6 }, { balance: 4 }, null],
      cancellationReasons: null,
    });
  });

  it('leaves the item out of the reason when returnValuesOnConditionCheckFailure is false', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'TransactWriteItems',
        transactItems: [
          {
            table: accounts,
            operation: 'ConditionCheck',
            key: { id: S('bank') },
            condition: {
              expression: 'attribute_not_exists(id)',
              returnValuesOnConditionCheckFailure: false,
            },
          },
        ],
      },
      call,
    );
    expect(outcome.result).toEqual({
      keys: null,
      cancellationReasons: [
        // DynamoDB's own wording, passed through (DynamoDB Local ends it with a period here).
        {
          type: 'ConditionalCheckFailed',
          message: expect.stringMatching(/^The conditional request failed\.?$/),
        },
      ],
    });
  });

  it('deletes in a transaction', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'TransactWriteItems',
        transactItems: [{ table: ledger, operation: 'DeleteItem', key: { id: S('e1') } }],
      },
      call,
    );
    expect(outcome).toEqual({ result: { keys: [{ id: 'e1' }], cancellationReasons: null } });
  });

  it('reports two operations on one item as DynamoDB refuses them', async () => {
    const outcome = await ds.invoke(
      {
        operation: 'TransactWriteItems',
        transactItems: [
          { table: ledger, operation: 'DeleteItem', key: { id: S('x') } },
          { table: ledger, operation: 'DeleteItem', key: { id: S('x') } },
        ],
      },
      call,
    );
    expect(outcome.result).toBeNull();
    expect(outcome.error?.type).toBe('DynamoDB:AmazonDynamoDBException');
    expect(outcome.error?.message).toMatch(SDK_SUFFIX('ValidationException'));
  });
});
