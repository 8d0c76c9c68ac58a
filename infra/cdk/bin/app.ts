import { App } from 'aws-cdk-lib';
import path from 'node:path';
import { manifest } from '../../../resolvers/index';
import { projectRoot, resolversDir, schemaDir } from '../../build/paths';
import { CourierStack } from '../courier-stack';
import { prepareDeployment } from '../prepare';
import { deploymentContext } from '../stage';

/**
 * The CDK app, offline: `cdk synth|diff|deploy` run it through cdk.json, and
 * `tsx infra/cdk/bin/app.ts` alone writes the same template to cdk.out/. Context: `-c stage=prod`
 * (default dev), `-c apiKeyExpires=YYYY-MM-DD` (see stage.ts).
 */
async function main(): Promise<void> {
  const app = new App({ outdir: process.env['CDK_OUTDIR'] ?? path.join(projectRoot, 'cdk.out') });
  const { stage, apiKeyExpires } = deploymentContext(
    (key) => app.node.tryGetContext(key),
    new Date(),
  );
  const { bundles, explorerDir } = await prepareDeployment(manifest, resolversDir);
  new CourierStack(app, `Courier-${stage}`, {
    description: `Courier (${stage}): durable message queues on AppSync`,
    manifest,
    schemaFile: path.join(schemaDir, 'schema.graphql'),
    root: projectRoot,
    projectRoot,
    bundles,
    explorerDir,
    stage,
    apiKeyExpires,
  });
  const assembly = app.synth();
  for (const stack of assembly.stacks) {
    console.error(
      `Synthesized ${stack.stackName}: ${path.relative(projectRoot, stack.templateFullPath)}`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
