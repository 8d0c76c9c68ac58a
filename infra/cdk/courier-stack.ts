import { Duration, Expiration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { Manifest, TableSpec } from '../../resolvers/manifest';

export interface CourierStackProps extends StackProps {
  readonly manifest: Manifest;
  /** Path of the deployable SDL, schema/schema.graphql. */
  readonly schemaFile: string;
  /** The code of every resolver bundle, by code-unit id (see readBundles). */
  readonly bundles: Readonly<Record<string, string>>;
}

/** The name CloudFormation gives a construct id: letters and digits only. */
function constructId(name: string): string {
  return name.replace(/[^A-Za-z0-9]/g, '');
}

function attributeType(type: 'S' | 'N' | 'B'): dynamodb.AttributeType {
  return {
    S: dynamodb.AttributeType.STRING,
    N: dynamodb.AttributeType.NUMBER,
    B: dynamodb.AttributeType.BINARY,
  }[type];
}

function createTable(scope: Construct, name: string, spec: TableSpec): dynamodb.Table {
  const table = new dynamodb.Table(scope, `${constructId(name)}Table`, {
    partitionKey: { name: spec.partitionKey.name, type: attributeType(spec.partitionKey.type) },
    ...(spec.sortKey
      ? { sortKey: { name: spec.sortKey.name, type: attributeType(spec.sortKey.type) } }
      : {}),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    ...(spec.timeToLiveAttribute ? { timeToLiveAttribute: spec.timeToLiveAttribute } : {}),
    ...(spec.stream ? { stream: dynamodb.StreamViewType[spec.stream] } : {}),
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const [indexName, index] of Object.entries(spec.globalSecondaryIndexes ?? {})) {
    table.addGlobalSecondaryIndex({
      indexName,
      partitionKey: { name: index.partitionKey.name, type: attributeType(index.partitionKey.type) },
      ...(index.sortKey
        ? { sortKey: { name: index.sortKey.name, type: attributeType(index.sortKey.type) } }
        : {}),
      projectionType: dynamodb.ProjectionType[index.projection],
    });
  }
  return table;
}

/**
 * aws-cdk-lib's Table declares `tableStreamArn?: string`, which `exactOptionalPropertyTypes` sees
 * as incompatible with ITable's `string | undefined`; the two are the same at run time.
 */
function asITable(table: dynamodb.Table): dynamodb.ITable {
  return table as unknown as dynamodb.ITable;
}

/**
 * Courier on AWS, read from the manifest: the AppSync API from schema/, one table per manifest
 * table, one data source per manifest data source, and every resolver with its bundled code.
 */
export class CourierStack extends Stack {
  readonly api: appsync.GraphqlApi;
  readonly userPool: cognito.UserPool;

  constructor(scope: Construct, id: string, props: CourierStackProps) {
    super(scope, id, props);
    const { manifest } = props;

    this.userPool = new cognito.UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
    });
    new cognito.CfnUserPoolGroup(this, 'AdminsGroup', {
      userPoolId: this.userPool.userPoolId,
      groupName: 'admins',
      description: 'Queue administrators: create, delete, purge and redrive queues.',
    });

    const tables = new Map(
      Object.entries<TableSpec>(manifest.tables).map(([name, spec]) => [
        name,
        createTable(this, name, spec),
      ]),
    );
    const tableNamed = (name: string): dynamodb.Table => {
      const table = tables.get(name);
      if (!table) {
        throw new Error(
          `The manifest names table ${JSON.stringify(name)}, which it does not declare.`,
        );
      }
      return table;
    };

    this.api = new appsync.GraphqlApi(this, 'Api', {
      name: 'courier',
      definition: appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(props.schemaFile)),
      authorizationConfig: {
        defaultAuthorization: {
          authorizationType: appsync.AuthorizationType.API_KEY,
          apiKeyConfig: { expires: Expiration.after(Duration.days(365)) },
        },
        additionalAuthorizationModes: [
          {
            authorizationType: appsync.AuthorizationType.USER_POOL,
            userPoolConfig: { userPool: this.userPool },
          },
          { authorizationType: appsync.AuthorizationType.IAM },
        ],
      },
      environmentVariables: Object.fromEntries(
        Object.entries(manifest.environment).map(([key, value]) => [
          key,
          typeof value === 'string' ? value : tableNamed(value.tableName).tableName,
        ]),
      ),
      logConfig: { fieldLogLevel: appsync.FieldLogLevel.ERROR },
      xrayEnabled: true,
    });

    const dataSources = new Map<string, appsync.BaseDataSource>();
    for (const [name, spec] of Object.entries(manifest.dataSources)) {
      if (spec.kind === 'LAMBDA') {
        // Refused rather than deployed wrong: the stack does not create Lambda functions yet.
        throw new Error(
          `Data source ${name} is a Lambda function; the cloud stack cannot deploy Lambda data sources yet.`,
        );
      }
      dataSources.set(
        name,
        spec.kind === 'DYNAMODB'
          ? this.api.addDynamoDbDataSource(constructId(name), asITable(tableNamed(spec.table)))
          : this.api.addNoneDataSource(constructId(name)),
      );
    }
    const dataSourceNamed = (name: string): appsync.BaseDataSource => {
      const dataSource = dataSources.get(name);
      if (!dataSource) {
        throw new Error(
          `The manifest names data source ${JSON.stringify(name)}, which it does not declare.`,
        );
      }
      return dataSource;
    };
    const code = (id: string): appsync.Code => {
      const bundle = props.bundles[id];
      if (bundle === undefined) {
        throw new Error(`No bundle for ${id}: run \`npm run build\` before synthesizing.`);
      }
      return appsync.Code.fromInline(bundle);
    };
    const runtime = appsync.FunctionRuntime.JS_1_0_0;

    for (const [coordinate, resolver] of Object.entries(manifest.resolvers)) {
      const [typeName = '', fieldName = ''] = coordinate.split('.');
      const id = constructId(coordinate);
      if (resolver.kind === 'UNIT') {
        new appsync.Resolver(this, `${id}Resolver`, {
          api: this.api,
          typeName,
          fieldName,
          dataSource: dataSourceNamed(resolver.dataSource),
          runtime,
          code: code(coordinate),
        });
      } else {
        const pipelineConfig = resolver.functions.map(
          (fn) =>
            new appsync.AppsyncFunction(this, `${id}${constructId(fn.name)}Function`, {
              api: this.api,
              name: `${id}_${constructId(fn.name)}`,
              dataSource: dataSourceNamed(fn.dataSource),
              runtime,
              code: code(`${coordinate}/${fn.name}`),
            }),
        );
        new appsync.Resolver(this, `${id}Resolver`, {
          api: this.api,
          typeName,
          fieldName,
          pipelineConfig,
          runtime,
          code: code(coordinate),
        });
      }
    }
  }
}
