// Synthesizing the stack for template tests: resolver bundles and the explorer page built into a
// throwaway directory (never dist/), then one App per stage.
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manifest as courierManifest } from '../../../resolvers/index';
import type { Manifest } from '../../../resolvers/manifest';
import { bundleResolvers } from '../../build/bundle';
import { projectRoot, schemaDir } from '../../build/paths';
import { buildExplorer } from '../../explorer/build';
import { fixtureManifest } from '../../local/testing/fixture-api/index';
import { CourierStack } from '../courier-stack';
import type { Bundles } from '../resolvers';
import { apiKeyExpiry, type Stage } from '../stage';

/** An API the stack can deploy: a manifest, its schema, and the folder holding its resolvers/. */
export interface ApiDefinition {
  readonly manifest: Manifest;
  readonly schemaFile: string;
  readonly root: string;
}

export const courierApi: ApiDefinition = {
  manifest: courierManifest,
  schemaFile: path.join(schemaDir, 'schema.graphql'),
  root: projectRoot,
};

const fixtureRoot = path.join(projectRoot, 'infra', 'local', 'testing', 'fixture-api');
export const fixtureApi: ApiDefinition = {
  manifest: fixtureManifest,
  schemaFile: path.join(fixtureRoot, 'schema.graphql'),
  root: fixtureRoot,
};

export interface Workspace {
  readonly dir: string;
  readonly bundles: Bundles;
  readonly explorerDir: string;
  remove(): Promise<void>;
}

/** Bundles the API's resolvers and builds the explorer page into a fresh temporary directory. */
export async function prepareWorkspace(api: ApiDefinition): Promise<Workspace> {
  const dir = await mkdtemp(path.join(tmpdir(), 'courier-cdk-'));
  const explorerDir = path.join(dir, 'explorer');
  const [bundles] = await Promise.all([
    bundleResolvers({
      manifest: api.manifest,
      resolversDir: path.join(api.root, 'resolvers'),
      outDir: path.join(dir, 'resolvers'),
    }),
    buildExplorer(explorerDir),
  ]);
  return {
    dir,
    bundles: Object.fromEntries(bundles.map((bundle) => [bundle.unit.id, bundle.code])),
    explorerDir,
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

export interface Synthesized {
  readonly api: ApiDefinition;
  readonly stage: Stage;
  readonly stack: CourierStack;
  readonly template: Template;
  readonly bundles: Bundles;
  /** The cloud assembly directory, where assets are staged. */
  readonly assemblyDir: string;
  readonly apiKeyExpires: Date;
}

let synthesized = 0;

/** Synthesizes the stack for one API and stage into its own assembly directory. */
export function synthesize(
  api: ApiDefinition,
  workspace: Workspace,
  stage: Stage,
  options: {
    /** false skips bundling the Lambda functions (a stage's settings do not need their code). */
    readonly bundleFunctions?: boolean;
  } = {},
): Synthesized {
  synthesized += 1;
  const assemblyDir = path.join(workspace.dir, `cdk.out.${synthesized}.${stage}`);
  const apiKeyExpires = apiKeyExpiry(undefined, new Date());
  const { bundles } = workspace;
  const app = new App({
    outdir: assemblyDir,
    // CDK's own switch: the stacks whose assets are bundled (none = placeholders).
    ...(options.bundleFunctions === false ? { context: { 'aws:cdk:bundling-stacks': [] } } : {}),
  });
  const stack = new CourierStack(app, `Courier-${stage}`, {
    manifest: api.manifest,
    schemaFile: api.schemaFile,
    root: api.root,
    projectRoot,
    bundles,
    explorerDir: workspace.explorerDir,
    stage,
    apiKeyExpires,
  });
  return {
    api,
    stage,
    stack,
    template: Template.fromStack(stack),
    bundles,
    assemblyDir,
    apiKeyExpires,
  };
}
