import { Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { Manifest } from '../../resolvers/manifest';
import type { DeployedFunctions } from './functions';
import { constructId } from './ids';
import { tableNamed, tableResources, type DeployedTables } from './tables';

/**
 * Every request a DynamoDB resolver can make (AppSync's DynamoDB operations, Sync included, map to
 * these). The manifest does not say which ones a data source's resolvers use, so the role gets all
 * of them, on its own table alone.
 */
export const DYNAMODB_RESOLVER_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:Query',
  'dynamodb:Scan',
  'dynamodb:BatchGetItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:TransactGetItems',
  'dynamodb:TransactWriteItems',
  'dynamodb:ConditionCheckItem',
] as const;

/**
 * A data source whose role holds exactly the given statements. aws-cdk-lib's own DynamoDB data
 * source grants with grantReadWriteData (stream and describe actions too); this one does not grant
 * anything by itself.
 */
class ScopedDataSource extends appsync.BackedDataSource {
  constructor(
    scope: Construct,
    id: string,
    props: { api: appsync.IGraphqlApi; name: string },
    extended: appsync.ExtendedDataSourceProps,
    statements: readonly iam.PolicyStatement[],
  ) {
    super(scope, id, props, extended);
    for (const statement of statements) {
      this.grantPrincipal.addToPrincipalPolicy(statement);
    }
  }
}

export interface DataSourcesProps {
  readonly manifest: Manifest;
  readonly api: appsync.GraphqlApi;
  readonly tables: DeployedTables;
  readonly functions: DeployedFunctions;
}

/** One AppSync data source per manifest data source, named as the manifest names it. */
export function createDataSources(
  scope: Construct,
  props: DataSourcesProps,
): ReadonlyMap<string, appsync.BaseDataSource> {
  const { api } = props;
  const dataSources = new Map<string, appsync.BaseDataSource>();
  for (const [name, spec] of Object.entries(props.manifest.dataSources)) {
    const id = `${constructId(name)}DataSource`;
    if (spec.kind === 'NONE') {
      dataSources.set(name, new appsync.NoneDataSource(scope, id, { api, name }));
    } else if (spec.kind === 'DYNAMODB') {
      const deployed = tableNamed(props.tables, spec.table);
      const statement = new iam.PolicyStatement({
        actions: [...DYNAMODB_RESOLVER_ACTIONS],
        resources: tableResources(deployed),
      });
      const config = {
        tableName: deployed.table.tableName,
        awsRegion: Stack.of(scope).region,
      };
      dataSources.set(
        name,
        new ScopedDataSource(
          scope,
          id,
          { api, name },
          { type: 'AMAZON_DYNAMODB', dynamoDbConfig: config },
          [statement],
        ),
      );
    } else {
      const deployed = props.functions.get(name);
      if (!deployed) {
        throw new Error(`Lambda data source ${name} has no function.`);
      }
      const { functionArn } = deployed.fn;
      // The unqualified ARN alone: AppSync invokes $LATEST, never a version or an alias.
      const statement = new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [functionArn],
      });
      dataSources.set(
        name,
        new ScopedDataSource(
          scope,
          id,
          { api, name },
          { type: 'AWS_LAMBDA', lambdaConfig: { lambdaFunctionArn: functionArn } },
          [statement],
        ),
      );
    }
  }
  return dataSources;
}
