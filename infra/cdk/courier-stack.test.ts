import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manifest } from '../../resolvers/index';
import { codeUnits } from '../../resolvers/manifest';
import { bundleResolvers } from '../build/bundle';
import { resolversDir, schemaDir } from '../build/paths';
import { readBundles } from './bundles';
import { CourierStack } from './courier-stack';

let bundleDir: string;
let template: Template;
let bundles: Record<string, string>;

beforeAll(async () => {
  bundleDir = await mkdtemp(path.join(tmpdir(), 'courier-cdk-'));
  await bundleResolvers({ manifest, resolversDir, outDir: bundleDir });
  bundles = readBundles(manifest, bundleDir);
  const app = new App({ outdir: path.join(bundleDir, 'cdk.out') });
  const stack = new CourierStack(app, 'Courier', {
    manifest,
    schemaFile: path.join(schemaDir, 'schema.graphql'),
    bundles,
  });
  template = Template.fromStack(stack);
});

afterAll(async () => {
  await rm(bundleDir, { recursive: true, force: true });
});

describe('CourierStack', () => {
  it('creates the GraphQL API from schema/schema.graphql alone', () => {
    template.resourceCountIs('AWS::AppSync::GraphQLApi', 1);
    template.hasResourceProperties('AWS::AppSync::GraphQLSchema', {
      Definition: readFileSync(path.join(schemaDir, 'schema.graphql'), 'utf8'),
    });
  });

  it('authorizes with an API key by default, and Cognito user pools and IAM as additional modes', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      AuthenticationType: 'API_KEY',
      AdditionalAuthenticationProviders: [
        Match.objectLike({ AuthenticationType: 'AMAZON_COGNITO_USER_POOLS' }),
        { AuthenticationType: 'AWS_IAM' },
      ],
      XrayEnabled: true,
      LogConfig: Match.objectLike({ FieldLogLevel: 'ERROR' }),
    });
    template.hasResourceProperties('AWS::AppSync::ApiKey', { Expires: Match.anyValue() });
    template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: 'admins' });
  });

  it('creates one on-demand table with point-in-time recovery per manifest table', () => {
    const tables = Object.entries(manifest.tables);
    template.resourceCountIs('AWS::DynamoDB::Table', tables.length);
    for (const [, spec] of tables) {
      template.hasResourceProperties('AWS::DynamoDB::Table', {
        KeySchema: [{ AttributeName: spec.partitionKey.name, KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      });
    }
  });

  it('passes table names to resolvers as AppSync environment variables', () => {
    template.hasResourceProperties('AWS::AppSync::GraphQLApi', {
      EnvironmentVariables: { QUEUES_TABLE: { Ref: Match.stringLikeRegexp('^queuesTable') } },
    });
  });

  it('creates one data source per manifest data source', () => {
    template.resourceCountIs('AWS::AppSync::DataSource', Object.keys(manifest.dataSources).length);
    for (const [name, spec] of Object.entries(manifest.dataSources)) {
      template.hasResourceProperties('AWS::AppSync::DataSource', {
        Name: name,
        Type: spec.kind === 'DYNAMODB' ? 'AMAZON_DYNAMODB' : 'NONE',
      });
    }
  });

  it('creates one APPSYNC_JS resolver per manifest resolver, with its bundled code inline', () => {
    const resolvers = Object.entries(manifest.resolvers);
    template.resourceCountIs('AWS::AppSync::Resolver', resolvers.length);
    for (const [coordinate, resolver] of resolvers) {
      const [typeName, fieldName] = coordinate.split('.');
      template.hasResourceProperties('AWS::AppSync::Resolver', {
        TypeName: typeName,
        FieldName: fieldName,
        Kind: resolver.kind,
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
        Code: bundles[coordinate],
        ...(resolver.kind === 'UNIT' ? { DataSourceName: resolver.dataSource } : {}),
      });
    }
  });

  it('creates one function per pipeline step of the manifest', () => {
    const functions = codeUnits(manifest).filter((unit) => unit.id.includes('/'));
    template.resourceCountIs('AWS::AppSync::FunctionConfiguration', functions.length);
    for (const fn of functions) {
      template.hasResourceProperties('AWS::AppSync::FunctionConfiguration', {
        Runtime: { Name: 'APPSYNC_JS', RuntimeVersion: '1.0.0' },
        Code: bundles[fn.id],
      });
    }
  });

  it('refuses to synthesize without the bundles, naming the one missing', () => {
    const app = new App({ outdir: path.join(bundleDir, 'cdk.out.missing') });
    const { 'Query.queue': _missing, ...incomplete } = bundles;
    expect(
      () =>
        new CourierStack(app, 'Courier', {
          manifest,
          schemaFile: path.join(schemaDir, 'schema.graphql'),
          bundles: incomplete,
        }),
    ).toThrow('No bundle for Query.queue: run `npm run build` before synthesizing.');
  });
});
