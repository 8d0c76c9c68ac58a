// What every synthesized Courier stack must satisfy, checked against whatever manifest it was
// synthesized from: each function walks the manifest and finds its parts in the template.
import { Match } from 'aws-cdk-lib/assertions';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type {
  EnvironmentValue,
  LambdaSpec,
  Manifest,
  TableSpec,
} from '../../../resolvers/manifest';
import { codeUnits } from '../../../resolvers/manifest';
import { parseExplorerConfig } from '../../explorer/src/config';
import { AUTH_MODES } from '../api';
import { DYNAMODB_RESOLVER_ACTIONS } from '../data-sources';
import { DATA_SOURCE_TAG, LAMBDA_RUNTIME } from '../functions';
import { splitCoordinate } from '../ids';
import { TABLE_TAG } from '../tables';
import type { Synthesized } from './synthesize';
import {
  asList,
  props,
  referencedIds,
  renderText,
  resourceWithId,
  resourcesOfType,
  roleIdOf,
  roleStatements,
  type Resource,
  type Statement,
} from './template-model';

/** Lambda's defaults as the manifest documents them. */
const DEFAULT_MEMORY_MB = 512;
const DEFAULT_TIMEOUT_SECONDS = 10;
const TRACING_ACTIONS = ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'];
const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];

function lambdaSpecs(manifest: Manifest): [string, LambdaSpec<string>][] {
  return Object.entries(manifest.dataSources).flatMap(([name, spec]) =>
    spec.kind === 'LAMBDA' ? [[name, spec] as [string, LambdaSpec<string>]] : [],
  );
}

function tagged(resource: Resource, key: string, value: string): boolean {
  return asList(props(resource)['Tags'] as { Key: string; Value: string }[]).some(
    (tag) => tag.Key === key && tag.Value === value,
  );
}

/** Logical ids of the resources of a type that carry a tag with this value. */
function idsTagged(s: Synthesized, type: string, key: string, value: string): string[] {
  return Object.entries(resourcesOfType(s.template, type))
    .filter(([, resource]) => tagged(resource, key, value))
    .map(([id]) => id);
}

export function tableId(s: Synthesized, name: string): string {
  const [id, ...others] = idsTagged(s, 'AWS::DynamoDB::Table', TABLE_TAG, name);
  if (id === undefined || others.length > 0) {
    throw new Error(`Expected one table tagged ${TABLE_TAG}=${name}.`);
  }
  return id;
}

export function functionId(s: Synthesized, dataSource: string): string {
  const [id, ...others] = idsTagged(s, 'AWS::Lambda::Function', DATA_SOURCE_TAG, dataSource);
  if (id === undefined || others.length > 0) {
    throw new Error(`Expected one function tagged ${DATA_SOURCE_TAG}=${dataSource}.`);
  }
  return id;
}

function dataSourceResource(s: Synthesized, name: string): Resource {
  const found = Object.values(resourcesOfType(s.template, 'AWS::AppSync::DataSource')).filter(
    (resource) => props(resource)['Name'] === name,
  );
  if (found.length !== 1 || !found[0]) {
    throw new Error(`Expected one data source named ${name}, found ${found.length}.`);
  }
  return found[0];
}

function apiId(s: Synthesized): string {
  const [id, ...others] = Object.keys(resourcesOfType(s.template, 'AWS::AppSync::GraphQLApi'));
  if (id === undefined || others.length > 0) {
    throw new Error('Expected exactly one GraphQL API.');
  }
  return id;
}

function resolverResource(s: Synthesized, coordinate: string): Resource | undefined {
  const { typeName, fieldName } = splitCoordinate(coordinate);
  const found = Object.values(resourcesOfType(s.template, 'AWS::AppSync::Resolver')).filter(
    (resource) =>
      props(resource)['TypeName'] === typeName && props(resource)['FieldName'] === fieldName,
  );
  return found.length === 1 ? found[0] : undefined;
}

/** Every table, data source, Lambda function and resolver of the manifest, and nothing more. */
export function expectEveryManifestPartDeployed(s: Synthesized): void {
  const { manifest } = s.api;
  const missing: string[] = [];
  const present = (what: string, check: () => unknown): void => {
    try {
      if (check() === undefined) missing.push(what);
    } catch {
      missing.push(what);
    }
  };
  for (const name of Object.keys(manifest.tables)) {
    present(`table ${name}`, () => tableId(s, name));
  }
  for (const name of Object.keys(manifest.dataSources)) {
    present(`data source ${name}`, () => dataSourceResource(s, name));
  }
  for (const [name] of lambdaSpecs(manifest)) {
    present(`Lambda function ${name}`, () => functionId(s, name));
  }
  for (const coordinate of Object.keys(manifest.resolvers)) {
    present(`resolver ${coordinate}`, () => resolverResource(s, coordinate));
  }
  expect(missing).toEqual([]);

  const count = (type: string): number => Object.keys(resourcesOfType(s.template, type)).length;
  const steps = Object.values(manifest.resolvers).flatMap((resolver) =>
    resolver.kind === 'PIPELINE' ? resolver.functions : [],
  );
  expect({
    tables: count('AWS::DynamoDB::Table'),
    dataSources: count('AWS::AppSync::DataSource'),
    resolvers: count('AWS::AppSync::Resolver'),
    pipelineFunctions: count('AWS::AppSync::FunctionConfiguration'),
    manifestFunctions: Object.values(resourcesOfType(s.template, 'AWS::Lambda::Function')).filter(
      (resource) =>
        asList(props(resource)['Tags'] as { Key: string }[]).some((t) => t.Key === DATA_SOURCE_TAG),
    ).length,
  }).toEqual({
    tables: Object.keys(manifest.tables).length,
    dataSources: Object.keys(manifest.dataSources).length,
    resolvers: Object.keys(manifest.resolvers).length,
    pipelineFunctions: steps.length,
    manifestFunctions: lambdaSpecs(manifest).length,
  });
}

const APPSYNC_JS = { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' };

/** Resolvers and pipeline functions carry their bundle as APPSYNC_JS 1.0.0; direct ones no code. */
export function expectResolversFromBundles(s: Synthesized): void {
  const { manifest } = s.api;
  const functions = resourcesOfType(s.template, 'AWS::AppSync::FunctionConfiguration');
  for (const [coordinate, resolver] of Object.entries(manifest.resolvers)) {
    const resource = resolverResource(s, coordinate);
    expect(resource).toBeDefined();
    const properties = props(resource as Resource);
    if (resolver.kind === 'UNIT') {
      expect(properties).toMatchObject({ Kind: 'UNIT', DataSourceName: resolver.dataSource });
      expect(properties['MaxBatchSize']).toBe(resolver.maxBatchSize);
      if (resolver.direct) {
        expect(properties).not.toHaveProperty('Code');
        expect(properties).not.toHaveProperty('Runtime');
        expect(properties).not.toHaveProperty('RequestMappingTemplate');
        expect(manifest.dataSources[resolver.dataSource]?.kind).toBe('LAMBDA');
      } else {
        expect(properties['Runtime']).toEqual(APPSYNC_JS);
        expect(properties['Code']).toBe(s.bundles[coordinate]);
      }
      continue;
    }
    expect(properties).toMatchObject({ Kind: 'PIPELINE', Runtime: APPSYNC_JS });
    expect(properties['Code']).toBe(s.bundles[coordinate]);
    const chain = (properties['PipelineConfig'] as { Functions: unknown[] }).Functions;
    expect(chain).toHaveLength(resolver.functions.length);
    resolver.functions.forEach((step, index) => {
      const [id] = [...referencedIds(chain[index])];
      const fn = props(functions[id ?? ''] as Resource);
      expect(fn['Runtime']).toEqual(APPSYNC_JS);
      expect(fn['Code']).toBe(s.bundles[`${coordinate}/${step.name}`]);
      expect(fn['DataSourceName']).toBe(step.dataSource);
      expect(fn['MaxBatchSize']).toBe(step.maxBatchSize);
    });
  }
  // Every bundle the build makes is deployed somewhere.
  const deployedCode = new Set(
    [
      ...Object.values(resourcesOfType(s.template, 'AWS::AppSync::Resolver')),
      ...Object.values(functions),
    ].map((resource) => props(resource)['Code']),
  );
  for (const unit of codeUnits(manifest)) {
    expect(deployedCode.has(s.bundles[unit.id])).toBe(true);
  }
}

/** `${Id.Arn}` of a table, and its indexes' ARN when it has any. */
function tableArnTexts(id: string, spec: TableSpec): string[] {
  const arn = `\${${id}.Arn}`;
  return Object.keys(spec.globalSecondaryIndexes ?? {}).length > 0
    ? [arn, `${arn}/index/*`]
    : [arn];
}

/** Each statement split into one (action, resource) pair per action and resource. */
function grants(statements: readonly Statement[]): { action: string; resource: string }[] {
  return statements.flatMap((statement) => {
    expect(statement.Effect).toBe('Allow');
    return asList(statement.Action).flatMap((action) =>
      asList(statement.Resource as unknown).map((resource) => ({
        action,
        resource: renderText(resource),
      })),
    );
  });
}

/** A data source's role reaches only its own table (and indexes) or invokes only its function. */
export function expectDataSourceRolesScoped(s: Synthesized): void {
  for (const [name, spec] of Object.entries(s.api.manifest.dataSources)) {
    const properties = props(dataSourceResource(s, name));
    if (spec.kind === 'NONE') {
      expect(properties).toMatchObject({ Type: 'NONE' });
      expect(properties).not.toHaveProperty('ServiceRoleArn');
      continue;
    }
    const roleId = roleIdOf(properties['ServiceRoleArn']);
    expect(props(resourceWithId(s.template, roleId))).not.toHaveProperty('ManagedPolicyArns');
    const granted = grants(roleStatements(s.template, roleId));
    if (spec.kind === 'DYNAMODB') {
      const table = tableId(s, spec.table);
      expect(properties).toMatchObject({
        Type: 'AMAZON_DYNAMODB',
        DynamoDBConfig: { TableName: { Ref: table } },
      });
      const resources = tableArnTexts(table, s.api.manifest.tables[spec.table] as TableSpec);
      expect(new Set(granted.map((grant) => grant.resource))).toEqual(new Set(resources));
      expect(new Set(granted.map((grant) => grant.action))).toEqual(
        new Set(DYNAMODB_RESOLVER_ACTIONS),
      );
    } else {
      const fn = functionId(s, name);
      expect(properties).toMatchObject({
        Type: 'AWS_LAMBDA',
        LambdaConfig: { LambdaFunctionArn: { 'Fn::GetAtt': [fn, 'Arn'] } },
      });
      expect(granted).toEqual([{ action: 'lambda:InvokeFunction', resource: `\${${fn}.Arn}` }]);
    }
  }
}

function expectedEnvironment(
  s: Synthesized,
  environment: Readonly<Record<string, EnvironmentValue<string>>>,
): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [
      key,
      typeof value === 'string'
        ? value
        : 'tableName' in value
          ? { Ref: tableId(s, value.tableName) }
          : { 'Fn::GetAtt': [apiId(s), 'GraphQLUrl'] },
    ]),
  );
}

/**
 * Each function: bundled Node.js on arm64 with the spec's memory, timeout and environment, and a
 * role holding exactly the DynamoDB actions its spec lists on exactly its tables, appsync:GraphQL
 * on exactly its apiFields, and nothing else but its own logs and X-Ray.
 */
export function expectFunctionsLeastPrivilege(s: Synthesized): void {
  const api = apiId(s);
  for (const [name, spec] of lambdaSpecs(s.api.manifest)) {
    const fn = props(resourceWithId(s.template, functionId(s, name)));
    expect(fn).toMatchObject({
      Runtime: LAMBDA_RUNTIME.name,
      Architectures: ['arm64'],
      Handler: `index.${spec.handler ?? 'handler'}`,
      MemorySize: spec.memoryMb ?? DEFAULT_MEMORY_MB,
      Timeout: spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
      TracingConfig: { Mode: 'Active' },
    });
    expect((fn['Environment'] as { Variables?: unknown } | undefined)?.Variables ?? {}).toEqual(
      expectedEnvironment(s, spec.environment ?? {}),
    );

    const roleId = roleIdOf(fn['Role']);
    expect(props(resourceWithId(s.template, roleId))).not.toHaveProperty('ManagedPolicyArns');
    const granted = grants(roleStatements(s.template, roleId));
    const [logGroup] = [...referencedIds((fn['LoggingConfig'] as { LogGroup: unknown }).LogGroup)];
    const byService = (prefix: string) => granted.filter((g) => g.action.startsWith(prefix));

    const expectedDynamoDb = Object.entries(spec.tables ?? {}).flatMap(([table, actions]) =>
      tableArnTexts(tableId(s, table), s.api.manifest.tables[table] as TableSpec).flatMap(
        (resource) => (actions ?? []).map((action) => `dynamodb:${action} ${resource}`),
      ),
    );
    const expectedApi = (spec.apiFields ?? []).map((coordinate) => {
      const { typeName, fieldName } = splitCoordinate(coordinate);
      return `appsync:GraphQL \${${api}.Arn}/types/${typeName}/fields/${fieldName}`;
    });
    const pairs = (list: { action: string; resource: string }[]) =>
      list.map((g) => `${g.action} ${g.resource}`).sort();
    expect(pairs(byService('dynamodb:'))).toEqual([...expectedDynamoDb].sort());
    expect(pairs(byService('appsync:'))).toEqual([...expectedApi].sort());
    expect(pairs(byService('logs:'))).toEqual(LOG_ACTIONS.map((a) => `${a} \${${logGroup}.Arn}`));
    expect(pairs(byService('xray:'))).toEqual(TRACING_ACTIONS.map((a) => `${a} *`));
    const known = ['dynamodb:', 'appsync:', 'logs:', 'xray:'];
    expect(granted.filter((g) => !known.some((prefix) => g.action.startsWith(prefix)))).toEqual([]);
  }
}

/** Tables: on demand, point-in-time recovery, TTL, indexes and streams as the spec says. */
export function expectTablesAsSpecified(s: Synthesized): void {
  const keySchema = (spec: Pick<TableSpec, 'partitionKey' | 'sortKey'>) => [
    { AttributeName: spec.partitionKey.name, KeyType: 'HASH' },
    ...(spec.sortKey ? [{ AttributeName: spec.sortKey.name, KeyType: 'RANGE' }] : []),
  ];
  for (const [name, spec] of Object.entries<TableSpec>(s.api.manifest.tables)) {
    const table = props(resourceWithId(s.template, tableId(s, name)));
    expect(table).toMatchObject({
      KeySchema: keySchema(spec),
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
    expect(table['TimeToLiveSpecification']).toEqual(
      spec.timeToLiveAttribute
        ? { AttributeName: spec.timeToLiveAttribute, Enabled: true }
        : undefined,
    );
    expect(table['StreamSpecification']).toEqual(
      spec.stream ? { StreamViewType: spec.stream } : undefined,
    );
    const indexes = Object.entries(spec.globalSecondaryIndexes ?? {}).map(([indexName, index]) => ({
      IndexName: indexName,
      KeySchema: keySchema(index),
      Projection: { ProjectionType: index.projection },
    }));
    expect(table['GlobalSecondaryIndexes']).toEqual(indexes.length > 0 ? indexes : undefined);
  }
}

/** API key by default (explicit expiry), Cognito and IAM beside it, logs and X-Ray on. */
export function expectApiAuthAndObservability(s: Synthesized): void {
  const { template } = s;
  const userPool = Object.keys(resourcesOfType(template, 'AWS::Cognito::UserPool'));
  expect(userPool).toHaveLength(1);
  const client = Object.keys(resourcesOfType(template, 'AWS::Cognito::UserPoolClient'));
  expect(client).toHaveLength(1);
  const api = props(resourceWithId(template, apiId(s)));
  expect(api).toMatchObject({
    AuthenticationType: 'API_KEY',
    AdditionalAuthenticationProviders: [
      {
        AuthenticationType: 'AMAZON_COGNITO_USER_POOLS',
        // Only Courier's own app client: tokens of other clients of the pool are refused.
        UserPoolConfig: {
          UserPoolId: { Ref: userPool[0] },
          AppIdClientRegex: { 'Fn::Join': ['', ['^', { Ref: client[0] }, '$']] },
        },
      },
      { AuthenticationType: 'AWS_IAM' },
    ],
    XrayEnabled: true,
    LogConfig: { FieldLogLevel: s.stage === 'prod' ? 'ERROR' : 'ALL' },
  });
  expect(AUTH_MODES).toEqual([
    api['AuthenticationType'],
    ...(api['AdditionalAuthenticationProviders'] as { AuthenticationType: string }[]).map(
      (p) => p.AuthenticationType,
    ),
  ]);
  template.hasResourceProperties('AWS::AppSync::ApiKey', {
    Expires: Math.floor(s.apiKeyExpires.getTime() / 1000),
  });
  template.hasResourceProperties('AWS::Cognito::UserPoolGroup', {
    GroupName: 'admins',
    UserPoolId: { Ref: userPool[0] },
  });
  template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
    UserPoolId: { Ref: userPool[0] },
    GenerateSecret: false,
    ExplicitAuthFlows: Match.arrayWith(['ALLOW_USER_SRP_AUTH']),
  });

  // The log role may write to the API's own log group alone.
  const logConfig = api['LogConfig'] as { CloudWatchLogsRoleArn: unknown };
  const logRole = roleIdOf(logConfig.CloudWatchLogsRoleArn);
  const logGroups = Object.entries(resourcesOfType(template, 'AWS::Logs::LogGroup')).filter(
    ([, group]) =>
      renderText(props(group)['LogGroupName'] ?? '') === `/aws/appsync/apis/\${${apiId(s)}.ApiId}`,
  );
  expect(logGroups).toHaveLength(1);
  const [apiLogGroup] = logGroups[0] ?? [];
  expect(grants(roleStatements(template, logRole))).toEqual(
    LOG_ACTIONS.map((action) => ({ action, resource: `\${${apiLogGroup}.Arn}` })),
  );
}

/** The explorer bucket is private and readable by this distribution alone, over HTTPS. */
export function expectExplorerPrivateBehindCloudFront(s: Synthesized): void {
  const { template } = s;
  const buckets = Object.entries(resourcesOfType(template, 'AWS::S3::Bucket'));
  expect(buckets).toHaveLength(1);
  const [bucketId, bucket] = buckets[0] as [string, Resource];
  expect(props(bucket)).toMatchObject({
    PublicAccessBlockConfiguration: {
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    },
  });
  expect(props(bucket)).not.toHaveProperty('WebsiteConfiguration');

  const distributions = Object.entries(resourcesOfType(template, 'AWS::CloudFront::Distribution'));
  expect(distributions).toHaveLength(1);
  const [distributionId, distribution] = distributions[0] as [string, Resource];
  const config = props(distribution)['DistributionConfig'] as Record<string, unknown>;
  expect(config).toMatchObject({
    DefaultRootObject: 'index.html',
    DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' },
  });
  const originList = config['Origins'] as Record<string, unknown>[];
  expect(originList).toHaveLength(1);
  expect(originList[0]).toMatchObject({
    DomainName: { 'Fn::GetAtt': [bucketId, 'RegionalDomainName'] },
    S3OriginConfig: { OriginAccessIdentity: '' },
  });
  expect(referencedIds(originList[0]?.['OriginAccessControlId']).size).toBe(1);

  const policies = Object.values(resourcesOfType(template, 'AWS::S3::BucketPolicy')).filter(
    (policy) => referencedIds(props(policy)['Bucket']).has(bucketId),
  );
  expect(policies).toHaveLength(1);
  const statements = asList(
    (props(policies[0] as Resource)['PolicyDocument'] as { Statement: Statement[] }).Statement,
  );
  // enforceSSL: everything over plain HTTP is denied.
  expect(statements).toContainEqual(
    expect.objectContaining({
      Effect: 'Deny',
      Action: 's3:*',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }),
  );
  const reads = statements.filter(
    (statement) =>
      statement.Effect === 'Allow' &&
      asList(statement.Action).some((action) => /^s3:(GetObject|\*)/.test(action)),
  );
  expect(reads).toHaveLength(1);
  expect(reads[0]).toMatchObject({
    Principal: { Service: 'cloudfront.amazonaws.com' },
    Action: 's3:GetObject',
  });
  const sourceArn = (reads[0]?.Condition as { StringEquals: { 'AWS:SourceArn': unknown } })
    .StringEquals['AWS:SourceArn'];
  expect(renderText(sourceArn)).toMatch(new RegExp(`:distribution/\\$\\{${distributionId}\\}$`));
  // No statement lets anyone at all in.
  for (const statement of statements.filter((st) => st.Effect === 'Allow')) {
    expect(JSON.stringify(statement.Principal)).not.toMatch(/"\*"/);
  }
}

/** config.json as the explorer parses it, every value resolved from this stack at deployment. */
export function expectExplorerConfig(s: Synthesized): void {
  const deployments = Object.values(resourcesOfType(s.template, 'Custom::CDKBucketDeployment'));
  expect(deployments).toHaveLength(1);
  const deployment = props(deployments[0] as Resource);
  const keys = deployment['SourceObjectKeys'] as string[];
  const markers = deployment['SourceMarkers'] as Record<string, unknown>[];
  const configs = keys.flatMap((key, index) => {
    const file = path.join(s.assemblyDir, `asset.${key.replace(/\.zip$/, '')}`, 'config.json');
    try {
      return [{ text: readFileSync(file, 'utf8'), markers: markers[index] ?? {} }];
    } catch {
      return [];
    }
  });
  expect(configs).toHaveLength(1);
  const { text, markers: tokens } = configs[0] as {
    text: string;
    markers: Record<string, unknown>;
  };
  const config = parseExplorerConfig(JSON.parse(text));
  const resolved = (value: string | undefined) => renderText(tokens[value ?? ''] ?? value);
  const api = apiId(s);
  const [apiKey] = Object.keys(resourcesOfType(s.template, 'AWS::AppSync::ApiKey'));
  expect({
    graphqlUrl: resolved(config.graphqlUrl),
    realtimeUrl: resolved(config.realtimeUrl),
    apiKey: resolved(config.apiKey),
    authModes: config.authModes,
  }).toEqual({
    graphqlUrl: `\${${api}.GraphQLUrl}`,
    realtimeUrl: `\${${api}.RealtimeUrl}`,
    apiKey: `\${${apiKey}.ApiKey}`,
    authModes: [...AUTH_MODES],
  });
  // The build's stamp stays out of the bucket.
  const pageAsset = keys.find((key) =>
    readdirSync(path.join(s.assemblyDir, `asset.${key.replace(/\.zip$/, '')}`)).includes(
      'index.html',
    ),
  );
  expect(pageAsset).toBeDefined();
  expect(
    readdirSync(path.join(s.assemblyDir, `asset.${(pageAsset ?? '').replace(/\.zip$/, '')}`)),
  ).not.toContain('.explorer-build.json');
}

/** The five outputs a client needs, plus the API id. */
export function expectOutputs(s: Synthesized): void {
  const api = apiId(s);
  const outputs = s.template.toJSON()['Outputs'] as Record<string, { Value: unknown }>;
  const [userPool] = Object.keys(resourcesOfType(s.template, 'AWS::Cognito::UserPool'));
  const [client] = Object.keys(resourcesOfType(s.template, 'AWS::Cognito::UserPoolClient'));
  const [distribution] = Object.keys(resourcesOfType(s.template, 'AWS::CloudFront::Distribution'));
  expect(
    Object.fromEntries(
      Object.entries(outputs).map(([name, output]) => [name, renderText(output.Value)]),
    ),
  ).toEqual({
    GraphQLUrl: `\${${api}.GraphQLUrl}`,
    RealtimeUrl: `\${${api}.RealtimeUrl}`,
    ApiId: `\${${api}.ApiId}`,
    UserPoolId: `\${${userPool}}`,
    UserPoolClientId: `\${${client}}`,
    ExplorerUrl: `https://\${${distribution}.DomainName}/`,
  });
}

/** prod keeps tables, users and logs (and protects them from deletion); dev removes them. */
export function expectStageRemovalPolicies(s: Synthesized): void {
  const policy = s.stage === 'prod' ? 'Retain' : 'Delete';
  const kept = [
    ...Object.values(resourcesOfType(s.template, 'AWS::DynamoDB::Table')),
    ...Object.values(resourcesOfType(s.template, 'AWS::Cognito::UserPool')),
    ...Object.values(resourcesOfType(s.template, 'AWS::Logs::LogGroup')),
  ];
  expect(kept.length).toBeGreaterThan(2);
  for (const resource of kept) {
    expect([resource.DeletionPolicy, resource.UpdateReplacePolicy]).toEqual([policy, policy]);
  }
  for (const table of Object.values(resourcesOfType(s.template, 'AWS::DynamoDB::Table'))) {
    expect(props(table)['DeletionProtectionEnabled']).toBe(s.stage === 'prod');
  }
  for (const pool of Object.values(resourcesOfType(s.template, 'AWS::Cognito::UserPool'))) {
    expect(props(pool)['DeletionProtection']).toBe(s.stage === 'prod' ? 'ACTIVE' : 'INACTIVE');
  }
}
