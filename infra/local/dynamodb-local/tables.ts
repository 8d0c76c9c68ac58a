import {
  type AttributeDefinition,
  CreateTableCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type GlobalSecondaryIndex,
  type GlobalSecondaryIndexDescription,
  type KeySchemaElement,
  ResourceNotFoundException,
  type TableDescription,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type {
  GlobalSecondaryIndexSpec,
  KeyAttribute,
  TableSpec,
} from '../../../resolvers/manifest';

/**
 * The physical name of a manifest table in DynamoDB Local: simply its logical name. Locally one
 * DynamoDB Local serves one engine and database (selected by the access key), so there is nothing
 * to tell apart; the cloud deployment gives tables their own (stack-generated) names instead.
 */
export function physicalTableName(logical: string): string {
  return logical;
}

/** An existing table's keys or indexes differ from the manifest; DynamoDB cannot change keys. */
export class TableSchemaMismatchError extends Error {
  readonly code = 'TABLE_SCHEMA_MISMATCH';

  constructor(
    readonly tableName: string,
    readonly differences: readonly string[],
  ) {
    super(
      `Table \`${tableName}\` in DynamoDB Local does not match the manifest: ${differences.join('; ')}. ` +
        'DynamoDB cannot change a key schema in place: delete the data directory (its dynamodb/ ' +
        'folder holds the tables; their items are lost) or run in memory, and start again.',
    );
    this.name = 'TableSchemaMismatchError';
  }
}

/** Two key attributes of the manifest share a name but not a type: no table can have both. */
export class TableSpecError extends Error {
  readonly code = 'TABLE_SPEC_INVALID';

  constructor(message: string) {
    super(message);
    this.name = 'TableSpecError';
  }
}

/**
 * Creates every manifest table in DynamoDB Local, with its keys, global secondary indexes, TTL and
 * stream, billed per request. Idempotent, so it runs at every start on a persistent data directory:
 * a table that exists with the same keys is kept (with its items), a missing index is added, TTL
 * is switched on to the manifest's attribute; different keys or indexes are a
 * TableSchemaMismatchError naming the table and the difference.
 */
export async function createTables(
  client: DynamoDBClient,
  tables: Readonly<Record<string, TableSpec>>,
  names: (logical: string) => string = physicalTableName,
): Promise<void> {
  // Check the whole manifest before touching any table.
  const planned = Object.entries(tables).map(([logical, spec]) => ({
    name: names(logical),
    spec,
    attributes: attributeDefinitions(logical, spec),
  }));
  await Promise.all(planned.map((table) => ensureTable(client, table)));
}

interface PlannedTable {
  readonly name: string;
  readonly spec: TableSpec;
  readonly attributes: AttributeDefinition[];
}

async function ensureTable(client: DynamoDBClient, planned: PlannedTable): Promise<void> {
  const { name, spec } = planned;
  const existing = await describe(client, name);
  if (existing === undefined) {
    await client.send(new CreateTableCommand(createTableInput(planned)));
  } else {
    const differences = keyDifferences(spec, existing);
    if (differences.length > 0) {
      throw new TableSchemaMismatchError(name, differences);
    }
    await addMissingIndexes(client, planned, existing);
  }
  await ensureTimeToLive(client, name, spec.timeToLiveAttribute);
}

async function describe(
  client: DynamoDBClient,
  name: string,
): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) {
      return undefined;
    }
    throw error;
  }
}

function createTableInput({ name, spec, attributes }: PlannedTable) {
  const indexes = Object.entries(spec.globalSecondaryIndexes ?? {});
  return {
    TableName: name,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: attributes,
    KeySchema: keySchema(spec.partitionKey, spec.sortKey),
    ...(indexes.length > 0
      ? { GlobalSecondaryIndexes: indexes.map(([indexName, index]) => gsi(indexName, index)) }
      : {}),
    ...(spec.stream !== undefined
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: spec.stream } }
      : {}),
  };
}

/** Every key attribute of the table and its indexes, once each; `logical` names it in errors. */
function attributeDefinitions(logical: string, spec: TableSpec): AttributeDefinition[] {
  const types = new Map<string, KeyAttribute['type']>();
  const indexKeys = Object.values(spec.globalSecondaryIndexes ?? {}).flatMap((index) => [
    index.partitionKey,
    index.sortKey,
  ]);
  for (const key of [spec.partitionKey, spec.sortKey, ...indexKeys]) {
    if (key === undefined) {
      continue;
    }
    const known = types.get(key.name);
    if (known !== undefined && known !== key.type) {
      throw new TableSpecError(
        `Table \`${logical}\` declares key attribute \`${key.name}\` as both ${known} and ${key.type}; expected one type per attribute.`,
      );
    }
    types.set(key.name, key.type);
  }
  return [...types].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType }));
}

function keySchema(
  partitionKey: KeyAttribute,
  sortKey: KeyAttribute | undefined,
): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: 'HASH' },
    ...(sortKey === undefined ? [] : [{ AttributeName: sortKey.name, KeyType: 'RANGE' as const }]),
  ];
}

function gsi(name: string, index: GlobalSecondaryIndexSpec): GlobalSecondaryIndex {
  return {
    IndexName: name,
    KeySchema: keySchema(index.partitionKey, index.sortKey),
    Projection: { ProjectionType: index.projection },
  };
}

/** What differs between the manifest's keys and indexes and an existing table, in words. */
function keyDifferences(spec: TableSpec, table: TableDescription): string[] {
  const types = new Map(
    (table.AttributeDefinitions ?? []).map((d) => [d.AttributeName, d.AttributeType]),
  );
  const differences = [
    ...compareKeys('the table', spec.partitionKey, spec.sortKey, table.KeySchema, types),
  ];
  const existingIndexes = new Map(
    (table.GlobalSecondaryIndexes ?? []).map((index) => [index.IndexName, index]),
  );
  for (const [indexName, index] of Object.entries(spec.globalSecondaryIndexes ?? {})) {
    const existing = existingIndexes.get(indexName);
    existingIndexes.delete(indexName);
    if (existing !== undefined) {
      differences.push(...compareIndex(indexName, index, existing, types));
    }
  }
  for (const indexName of [...existingIndexes.keys()].sort()) {
    differences.push(`it has index \`${String(indexName)}\`, which the manifest does not declare`);
  }
  return differences;
}

function compareIndex(
  name: string,
  index: GlobalSecondaryIndexSpec,
  existing: GlobalSecondaryIndexDescription,
  types: ReadonlyMap<string | undefined, string | undefined>,
): string[] {
  const differences = compareKeys(
    `index \`${name}\``,
    index.partitionKey,
    index.sortKey,
    existing.KeySchema,
    types,
  );
  const projection = existing.Projection?.ProjectionType;
  if (projection !== index.projection) {
    differences.push(
      `index \`${name}\` projects ${String(projection)} but the manifest says ${index.projection}`,
    );
  }
  return differences;
}

function compareKeys(
  what: string,
  partitionKey: KeyAttribute,
  sortKey: KeyAttribute | undefined,
  schema: readonly KeySchemaElement[] | undefined,
  types: ReadonlyMap<string | undefined, string | undefined>,
): string[] {
  const describeKey = (key: KeyAttribute | undefined): string =>
    key === undefined ? 'none' : `\`${key.name}\` (${key.type})`;
  const actual = (keyType: 'HASH' | 'RANGE'): KeyAttribute | undefined => {
    const element = schema?.find((e) => e.KeyType === keyType);
    return element?.AttributeName === undefined
      ? undefined
      : {
          name: element.AttributeName,
          type: (types.get(element.AttributeName) ?? '?') as KeyAttribute['type'],
        };
  };
  const differences: string[] = [];
  for (const [label, expected, found] of [
    ['partition key', partitionKey, actual('HASH')],
    ['sort key', sortKey, actual('RANGE')],
  ] as const) {
    if (expected?.name !== found?.name || expected?.type !== found?.type) {
      differences.push(
        `${what}'s ${label} is ${describeKey(found)} but the manifest says ${describeKey(expected)}`,
      );
    }
  }
  return differences;
}

/** Indexes the manifest declares and the table lacks are added (DynamoDB allows this in place). */
async function addMissingIndexes(
  client: DynamoDBClient,
  { name, spec, attributes }: PlannedTable,
  table: TableDescription,
): Promise<void> {
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const [indexName, index] of Object.entries(spec.globalSecondaryIndexes ?? {})) {
    if (present.has(indexName)) {
      continue;
    }
    await client.send(
      new UpdateTableCommand({
        TableName: name,
        AttributeDefinitions: attributes,
        GlobalSecondaryIndexUpdates: [{ Create: gsi(indexName, index) }],
      }),
    );
  }
}

async function ensureTimeToLive(
  client: DynamoDBClient,
  name: string,
  attribute: string | undefined,
): Promise<void> {
  const current = (await client.send(new DescribeTimeToLiveCommand({ TableName: name })))
    .TimeToLiveDescription;
  const enabled =
    current?.TimeToLiveStatus === 'ENABLED' || current?.TimeToLiveStatus === 'ENABLING';
  const enabledOn = enabled ? current?.AttributeName : undefined;
  if (enabledOn === attribute) {
    return;
  }
  if (enabledOn !== undefined) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: enabledOn, Enabled: false },
      }),
    );
  }
  if (attribute !== undefined) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: name,
        TimeToLiveSpecification: { AttributeName: attribute, Enabled: true },
      }),
    );
  }
}
