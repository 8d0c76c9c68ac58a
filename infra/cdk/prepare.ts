import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from '../../resolvers/manifest';
import { checkManifest } from '../build/manifest-check';
import { defaultBundleDir, projectRoot } from '../build/paths';
import { loadSchema } from '../build/schema';
import { ensureExplorerBuilt } from '../explorer/build';
import { loadResolverCode } from '../local/resolver-code';
import type { Bundles } from './resolvers';

/** What the stack deploys besides the manifest: resolver code and the explorer page. */
export interface DeploymentInputs {
  readonly bundles: Bundles;
  readonly explorerDir: string;
}

/**
 * Brings the build up to date before synthesis, as `npm run build` would, so `cdk deploy` can
 * never ship stale bundles: the manifest checked against the schema, every resolver bundled from
 * its source into dist/resolvers and checked as AppSync checks it (bundles already verified are
 * remembered), and the explorer built into dist/explorer unless current.
 */
export async function prepareDeployment(
  manifest: Manifest,
  resolversDir: string,
): Promise<DeploymentInputs> {
  const problems = checkManifest(manifest, loadSchema(), {
    sourceExists: (relativePath) => existsSync(path.join(resolversDir, relativePath)),
  });
  if (problems.length > 0) {
    throw new Error(
      `The manifest and the schema disagree:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
    );
  }
  const explorerDir = path.join(projectRoot, 'dist', 'explorer');
  const [bundles] = await Promise.all([
    loadResolverCode({ manifest, resolversDir, outDir: defaultBundleDir }),
    ensureExplorerBuilt(explorerDir),
  ]);
  return { bundles, explorerDir };
}
