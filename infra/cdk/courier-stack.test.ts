import { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot, schemaDir } from '../build/paths';
import { checkDeployableSchema } from './api';
import { CourierStack } from './courier-stack';
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
} from './testing/stack-expectations';
import {
  courierApi,
  prepareWorkspace,
  synthesize,
  type Synthesized,
  type Workspace,
} from './testing/synthesize';

// Courier's own manifest, whatever it holds today: every check walks the manifest.
let workspace: Workspace;
let dev: Synthesized;
let prod: Synthesized;

beforeAll(async () => {
  workspace = await prepareWorkspace(courierApi);
  dev = synthesize(courierApi, workspace, 'dev');
  // prod differs in settings, not code: its Lambdas are not bundled a second time.
  prod = synthesize(courierApi, workspace, 'prod', { bundleFunctions: false });
}, 120_000);

afterAll(async () => {
  await workspace.remove();
});

describe("CourierStack from Courier's manifest", () => {
  it('deploys every table, data source, Lambda function and resolver of the manifest, and nothing more', () => {
    expectEveryManifestPartDeployed(dev);
    expectEveryManifestPartDeployed(prod);
  });

  it('creates the GraphQL API from schema/schema.graphql alone', () => {
    dev.template.resourceCountIs('AWS::AppSync::GraphQLApi', 1);
    dev.template.hasResourceProperties('AWS::AppSync::GraphQLSchema', {
      Definition: readFileSync(path.join(schemaDir, 'schema.graphql'), 'utf8'),
    });
    expect(() => checkDeployableSchema(path.join(schemaDir, 'appsync.graphql'))).toThrow(
      /declares AppSync's own "(directive @aws_\w+|scalar AWS\w+)"; deploy schema\/schema\.graphql/,
    );
  });

  it('deploys each resolver and pipeline function with its bundle as APPSYNC_JS 1.0.0', () => {
    expectResolversFromBundles(dev);
  });

  it('lets each data source role reach only its own table or invoke only its own function', () => {
    expectDataSourceRolesScoped(dev);
  });

  it('grants each Lambda exactly the DynamoDB actions, tables and API fields its spec lists', () => {
    expectFunctionsLeastPrivilege(dev);
  });

  it('creates the tables on demand with point-in-time recovery, TTL and indexes from the spec', () => {
    expectTablesAsSpecified(dev);
  });

  it('authorizes with an API key by default, Cognito and IAM beside it, with logs and X-Ray', () => {
    expectApiAuthAndObservability(dev);
    expectApiAuthAndObservability(prod);
  });

  it('serves the explorer from a private bucket through CloudFront only', () => {
    expectExplorerPrivateBehindCloudFront(dev);
  });

  it("writes config.json with this stack's endpoints, API key and auth modes", () => {
    expectExplorerConfig(dev);
  });

  it('outputs the endpoints, user pool, client and explorer URL', () => {
    expectOutputs(dev);
  });

  it('retains and protects data in prod', () => {
    expectStageRemovalPolicies(prod);
  });

  it('removes everything with the stack in dev', () => {
    expectStageRemovalPolicies(dev);
  });

  it('refuses to synthesize without every bundle, naming the missing ones', () => {
    const [first, second, ...rest] = Object.keys(workspace.bundles);
    const incomplete = Object.fromEntries(rest.map((id) => [id, workspace.bundles[id] ?? '']));
    expect(
      () =>
        new CourierStack(new App(), 'Incomplete', {
          manifest: courierApi.manifest,
          schemaFile: courierApi.schemaFile,
          root: courierApi.root,
          projectRoot,
          bundles: incomplete,
          explorerDir: workspace.explorerDir,
          stage: 'dev',
          apiKeyExpires: dev.apiKeyExpires,
        }),
    ).toThrow(`No bundle for ${first}, ${second}: run \`npm run build\` before synthesizing.`);
  });

  it('refuses to synthesize without a built explorer page', () => {
    const missing = path.join(workspace.dir, 'no-explorer');
    expect(
      () =>
        new CourierStack(new App(), 'NoExplorer', {
          manifest: courierApi.manifest,
          schemaFile: courierApi.schemaFile,
          root: courierApi.root,
          projectRoot,
          bundles: workspace.bundles,
          explorerDir: missing,
          stage: 'dev',
          apiKeyExpires: dev.apiKeyExpires,
        }),
    ).toThrow(
      `The explorer page is not built: ${path.join(missing, 'index.html')} is missing. Run \`npm run build\` first.`,
    );
  });
});
