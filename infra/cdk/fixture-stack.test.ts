import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { LambdaSpec, Manifest } from '../../resolvers/manifest';
import { fixtureManifest } from '../local/testing/fixture-api/index';
import {
  expectApiAuthAndObservability,
  expectDataSourceRolesScoped,
  expectEveryManifestPartDeployed,
  expectExplorerConfig,
  expectExplorerPrivateBehindCloudFront,
  expectFunctionsLeastPrivilege,
  expectOutputs,
  expectResolversFromBundles,
  expectStageRemovalPolicies,
  expectTablesAsSpecified,
  functionId,
  tableId,
} from './testing/stack-expectations';
import {
  fixtureApi,
  prepareWorkspace,
  synthesize,
  type ApiDefinition,
  type Synthesized,
  type Workspace,
} from './testing/synthesize';
import { props, resourceWithId } from './testing/template-model';

const echo = fixtureManifest.dataSources.echoLambda as LambdaSpec<string>;

/**
 * The fixture with what it does not use itself: a function that calls back into the API (with the
 * API's URL in its environment) and writes a second table, and a table with a stream.
 */
const callbackManifest: Manifest = {
  ...fixtureManifest,
  tables: {
    items: { ...fixtureManifest.tables.items, stream: 'NEW_AND_OLD_IMAGES' },
    audit: { partitionKey: { name: 'id', type: 'S' } },
  },
  dataSources: {
    ...fixtureManifest.dataSources,
    echoLambda: {
      ...echo,
      environment: { ...echo.environment, API_URL: { api: 'graphqlUrl' } },
      tables: { items: ['GetItem', 'Query'], audit: ['PutItem'] },
      apiFields: ['Mutation.putItem', 'Mutation.deleteItem'],
      memoryMb: 1024,
    },
  },
};
const callbackApi: ApiDefinition = { ...fixtureApi, manifest: callbackManifest };

let workspace: Workspace;
let dev: Synthesized;
let prod: Synthesized;
let callbacks: Synthesized;

beforeAll(async () => {
  workspace = await prepareWorkspace(fixtureApi);
  dev = synthesize(fixtureApi, workspace, 'dev');
  prod = synthesize(fixtureApi, workspace, 'prod', { bundleFunctions: false });
  callbacks = synthesize(callbackApi, workspace, 'dev', { bundleFunctions: false });
}, 120_000);

afterAll(async () => {
  await workspace.remove();
});

describe('CourierStack from the fixture manifest (every manifest feature)', () => {
  it('deploys every table, data source, Lambda function and resolver of the manifest, and nothing more', () => {
    expectEveryManifestPartDeployed(dev);
    expectEveryManifestPartDeployed(callbacks);
  });

  it('deploys unit, pipeline, batching and direct Lambda resolvers as the manifest declares them', () => {
    expectResolversFromBundles(dev);
    dev.template.hasResourceProperties('AWS::AppSync::Resolver', {
      TypeName: 'Item',
      FieldName: 'summary',
      MaxBatchSize: 5,
    });
    const direct = Object.values(dev.template.findResources('AWS::AppSync::Resolver')).find(
      (resource) =>
        (resource as { Properties: { FieldName: string } }).Properties.FieldName === 'lambdaDirect',
    ) as { Properties: Record<string, unknown> };
    expect(direct.Properties).toMatchObject({ Kind: 'UNIT', DataSourceName: 'echoLambda' });
    expect(direct.Properties).not.toHaveProperty('Code');
  });

  it('lets each data source role reach only its own table (and indexes) or its own function', () => {
    expectDataSourceRolesScoped(dev);
    expectDataSourceRolesScoped(callbacks);
  });

  it("grants the Lambda only its spec's DynamoDB actions on its tables", () => {
    expectFunctionsLeastPrivilege(dev);
  });

  it('grants appsync:GraphQL on exactly the apiFields, and passes the API URL and table names', () => {
    expectFunctionsLeastPrivilege(callbacks);
    const fn = props(resourceWithId(callbacks.template, functionId(callbacks, 'echoLambda')));
    expect(fn['MemorySize']).toBe(1024);
    expect(fn['Environment']).toMatchObject({
      Variables: { ITEMS_TABLE: { Ref: tableId(callbacks, 'items') } },
    });
  });

  it('bundles the Lambda handler locally with esbuild into one ES module, packages included', () => {
    const fn = props(resourceWithId(dev.template, functionId(dev, 'echoLambda')));
    const key = (fn['Code'] as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const bundle = readFileSync(path.join(dev.assemblyDir, `asset.${key}`, 'index.mjs'), 'utf8');
    expect(bundle).toMatch(/^export\s*\{[^}]*\bhandler\b[^}]*\}/m);
    // dynamoose and the AWS SDK are inside; only Node's own modules are imported.
    const imports = [...bundle.matchAll(/^import\s.*?from\s*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(imports.filter((name) => !name?.startsWith('node:') && !isBuiltin(name ?? ''))).toEqual(
      [],
    );
    expect(bundle).toContain('createRequire(import.meta.url)');
  });

  it('creates the tables with point-in-time recovery, TTL, indexes and streams from the spec', () => {
    expectTablesAsSpecified(dev);
    expectTablesAsSpecified(callbacks);
  });

  it('authorizes with an API key by default, Cognito and IAM beside it, with logs and X-Ray', () => {
    expectApiAuthAndObservability(dev);
    expectApiAuthAndObservability(prod);
  });

  it('serves the explorer privately through CloudFront with its config.json', () => {
    expectExplorerPrivateBehindCloudFront(dev);
    expectExplorerConfig(dev);
    expectOutputs(dev);
  });

  it('retains data in prod and removes it in dev', () => {
    expectStageRemovalPolicies(prod);
    expectStageRemovalPolicies(dev);
  });
});
