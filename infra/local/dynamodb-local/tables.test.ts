import {
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  GetItemCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { TableSpec } from '../../../resolvers/manifest';
import { uniqueTableName, useDynamoDbLocal } from '../testing/dynamodb-local';
import {
  createTables,
  physicalTableName,
  TableSchemaMismatchError,
  TableSpecError,
} from './tables';

const messages: TableSpec = {
  partitionKey: { name: 'queueId', type: 'S' },
  sortKey: { name: 'seq', type: 'N' },
  globalSecondaryIndexes: {
    byVisibility: {
      partitionKey: { name: 'queueId', type: 'S' },
      sortKey: { name: 'visibleAt', type: 'N' },
      projection: 'ALL',
    },
    byGroup: { partitionKey: { name: 'groupId', type: 'S' }, projection: 'KEYS_ONLY' },
  },
  timeToLiveAttribute: 'expiresAt',
};

describe('createTables', () => {
  const ddb = useDynamoDbLocal();

  /** Creates `tables` under unique physical names; returns the name function used. */
  function names(): (logical: string) => string {
    const suffix = uniqueTableName('');
    return (logical) => `${logical}${suffix}`;
  }

  it('names tables by their logical name', () => {
    expect(physicalTableName('Messages')).toBe('Messages');
  });

  it('creates keys, indexes with their projections, TTL and on-demand billing', async () => {
    const name = names();
    await createTables(
      ddb.client,
      { Messages: messages, Queues: { partitionKey: { name: 'id', type: 'S' } } },
      name,
    );

    const { Table: table } = await ddb.client.send(
      new DescribeTableCommand({ TableName: name('Messages') }),
    );
    expect(table?.KeySchema).toEqual([
      { AttributeName: 'queueId', KeyType: 'HASH' },
      { AttributeName: 'seq', KeyType: 'RANGE' },
    ]);
    expect(table?.AttributeDefinitions).toEqual(
      expect.arrayContaining([
        { AttributeName: 'queueId', AttributeType: 'S' },
        { AttributeName: 'seq', AttributeType: 'N' },
        { AttributeName: 'visibleAt', AttributeType: 'N' },
        { AttributeName: 'groupId', AttributeType: 'S' },
      ]),
    );
    expect(table?.AttributeDefinitions).toHaveLength(4);
    expect(table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
    const indexes = Object.fromEntries(
      (table?.GlobalSecondaryIndexes ?? []).map((i) => [
        i.IndexName,
        { keys: i.KeySchema, projection: i.Projection?.ProjectionType },
      ]),
    );
    expect(indexes).toEqual({
      byVisibility: {
        keys: [
          { AttributeName: 'queueId', KeyType: 'HASH' },
          { AttributeName: 'visibleAt', KeyType: 'RANGE' },
        ],
        projection: 'ALL',
      },
      byGroup: { keys: [{ AttributeName: 'groupId', KeyType: 'HASH' }], projection: 'KEYS_ONLY' },
    });
    const ttl = await ddb.client.send(
      new DescribeTimeToLiveCommand({ TableName: name('Messages') }),
    );
    expect(ttl.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'expiresAt',
    });

    const { Table: queues } = await ddb.client.send(
      new DescribeTableCommand({ TableName: name('Queues') }),
    );
    expect(queues?.KeySchema).toEqual([{ AttributeName: 'id', KeyType: 'HASH' }]);
    expect(queues?.GlobalSecondaryIndexes).toBeUndefined();
  });

  it('keeps an existing table and its items when run again', async () => {
    const name = names();
    await createTables(ddb.client, { Messages: messages }, name);
    const item = { queueId: { S: 'q' }, seq: { N: '1' } };
    await ddb.client.send(new PutItemCommand({ TableName: name('Messages'), Item: item }));

    await createTables(ddb.client, { Messages: messages }, name);

    const read = await ddb.client.send(
      new GetItemCommand({ TableName: name('Messages'), Key: item }),
    );
    expect(read.Item).toEqual(item);
  });

  it('adds an index the manifest gained since the table was created', async () => {
    const name = names();
    const { byGroup: _, ...withoutByGroup } = messages.globalSecondaryIndexes ?? {};
    await createTables(
      ddb.client,
      { Messages: { ...messages, globalSecondaryIndexes: withoutByGroup } },
      name,
    );

    await createTables(ddb.client, { Messages: messages }, name);

    const { Table: table } = await ddb.client.send(
      new DescribeTableCommand({ TableName: name('Messages') }),
    );
    expect((table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual([
      'byGroup',
      'byVisibility',
    ]);
  });

  it('moves TTL to the attribute the manifest names now', async () => {
    const name = names();
    await createTables(ddb.client, { Messages: messages }, name);

    await createTables(
      ddb.client,
      { Messages: { ...messages, timeToLiveAttribute: 'deleteAt' } },
      name,
    );

    const ttl = await ddb.client.send(
      new DescribeTimeToLiveCommand({ TableName: name('Messages') }),
    );
    expect(ttl.TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: 'deleteAt',
    });
  });

  it.each<[string, TableSpec, string]>([
    [
      'a different sort key',
      { ...messages, sortKey: { name: 'seq', type: 'S' } },
      "the table's sort key is `seq` (N) but the manifest says `seq` (S)",
    ],
    [
      'a different partition key and no sort key',
      {
        partitionKey: { name: 'id', type: 'S' },
        globalSecondaryIndexes: messages.globalSecondaryIndexes ?? {},
      },
      "the table's partition key is `queueId` (S) but the manifest says `id` (S); the table's sort key is `seq` (N) but the manifest says none",
    ],
    [
      'a different index projection',
      {
        ...messages,
        globalSecondaryIndexes: {
          ...messages.globalSecondaryIndexes,
          byGroup: { partitionKey: { name: 'groupId', type: 'S' }, projection: 'ALL' },
        },
      },
      'index `byGroup` projects KEYS_ONLY but the manifest says ALL',
    ],
    [
      'an index the manifest no longer has',
      { ...messages, globalSecondaryIndexes: {} },
      'it has index `byGroup`, which the manifest does not declare; it has index `byVisibility`, which the manifest does not declare',
    ],
  ])(
    'refuses an existing table with %s, naming the table and the fix',
    async (_, changed, difference) => {
      const name = names();
      await createTables(ddb.client, { Messages: messages }, name);

      const error: unknown = await createTables(ddb.client, { Messages: changed }, name).catch(
        (e: unknown) => e,
      );

      expect(error).toBeInstanceOf(TableSchemaMismatchError);
      expect((error as Error).message.replace(name('Messages'), 'Messages')).toBe(
        `Table \`Messages\` in DynamoDB Local does not match the manifest: ${difference}. DynamoDB cannot change a key schema in place: delete the data directory (its dynamodb/ folder holds the tables; their items are lost) or run in memory, and start again.`,
      );
    },
  );

  it('refuses a manifest that gives one key attribute two types', async () => {
    const spec: TableSpec = {
      partitionKey: { name: 'id', type: 'S' },
      globalSecondaryIndexes: {
        byId: { partitionKey: { name: 'id', type: 'N' }, projection: 'ALL' },
      },
    };
    await expect(createTables(ddb.client, { Broken: spec }, names())).rejects.toThrow(
      new TableSpecError(
        'Table `Broken` declares key attribute `id` as both S and N; expected one type per attribute.',
      ),
    );
  });

  it('accepts a table created by hand when it matches the manifest', async () => {
    const name = names();
    await ddb.client.send(
      new CreateTableCommand({
        TableName: name('Queues'),
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await expect(
      createTables(ddb.client, { Queues: { partitionKey: { name: 'id', type: 'S' } } }, name),
    ).resolves.toBeUndefined();
  });
});
