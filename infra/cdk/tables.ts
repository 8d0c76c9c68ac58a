import { Tags } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { KeyAttribute, Manifest, TableSpec } from '../../resolvers/manifest';
import { constructId } from './ids';
import type { StageSettings } from './stage';

/** The tag that names a table's manifest entry: physical names are CloudFormation's to choose. */
export const TABLE_TAG = 'courier:table';

/** One deployed manifest table with the spec it came from. */
export interface DeployedTable {
  readonly name: string;
  readonly spec: TableSpec;
  readonly table: dynamodb.Table;
}

export type DeployedTables = ReadonlyMap<string, DeployedTable>;

function key(attribute: KeyAttribute): dynamodb.Attribute {
  const type = {
    S: dynamodb.AttributeType.STRING,
    N: dynamodb.AttributeType.NUMBER,
    B: dynamodb.AttributeType.BINARY,
  }[attribute.type];
  return { name: attribute.name, type };
}

function createTable(
  scope: Construct,
  name: string,
  spec: TableSpec,
  stage: StageSettings,
): dynamodb.Table {
  const table = new dynamodb.Table(scope, `${constructId(name)}Table`, {
    partitionKey: key(spec.partitionKey),
    ...(spec.sortKey ? { sortKey: key(spec.sortKey) } : {}),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    ...(spec.timeToLiveAttribute ? { timeToLiveAttribute: spec.timeToLiveAttribute } : {}),
    ...(spec.stream ? { stream: dynamodb.StreamViewType[spec.stream] } : {}),
    deletionProtection: stage.deletionProtection,
    removalPolicy: stage.removalPolicy,
  });
  for (const [indexName, index] of Object.entries(spec.globalSecondaryIndexes ?? {})) {
    table.addGlobalSecondaryIndex({
      indexName,
      partitionKey: key(index.partitionKey),
      ...(index.sortKey ? { sortKey: key(index.sortKey) } : {}),
      projectionType: dynamodb.ProjectionType[index.projection],
    });
  }
  Tags.of(table).add(TABLE_TAG, name);
  return table;
}

/** One on-demand table per manifest table, with point-in-time recovery always on. */
export function createTables(
  scope: Construct,
  manifest: Manifest,
  stage: StageSettings,
): DeployedTables {
  return new Map(
    Object.entries<TableSpec>(manifest.tables).map(([name, spec]) => [
      name,
      { name, spec, table: createTable(scope, name, spec, stage) },
    ]),
  );
}

/** The deployed table a manifest reference names; the manifest check makes a miss a bug here. */
export function tableNamed(tables: DeployedTables, name: string): DeployedTable {
  const table = tables.get(name);
  if (!table) {
    throw new Error(
      `The manifest names table ${JSON.stringify(name)}, which it does not declare (tables: ${[...tables.keys()].join(', ')}).`,
    );
  }
  return table;
}

/**
 * The ARNs a grant on a table covers: the table, and its indexes when it has any (Query and Scan
 * on an index are authorized against the index's ARN).
 */
export function tableResources({ spec, table }: DeployedTable): string[] {
  const hasIndexes = Object.keys(spec.globalSecondaryIndexes ?? {}).length > 0;
  return hasIndexes ? [table.tableArn, `${table.tableArn}/index/*`] : [table.tableArn];
}
