import { App } from 'aws-cdk-lib';
import path from 'node:path';
import { manifest } from '../../../resolvers/index';
import { defaultBundleDir, projectRoot, schemaDir } from '../../build/paths';
import { readBundles } from '../bundles';
import { CourierStack } from '../courier-stack';

/** The CDK app: `npm run synth` writes its CloudFormation template to cdk.out/, offline. */
const app = new App({ outdir: process.env['CDK_OUTDIR'] ?? path.join(projectRoot, 'cdk.out') });
new CourierStack(app, 'Courier', {
  manifest,
  schemaFile: path.join(schemaDir, 'schema.graphql'),
  bundles: readBundles(manifest, defaultBundleDir),
});
const assembly = app.synth();
for (const stack of assembly.stacks) {
  console.log(
    `Synthesized ${stack.stackName}: ${path.relative(projectRoot, stack.templateFullPath)}`,
  );
}
