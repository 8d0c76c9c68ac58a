import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { manifest } from '../../resolvers/index';
import { buildExplorer } from '../explorer/build';
import { rememberVerified } from '../local/resolver-code';
import { bundleResolvers, oversizedBundles } from './bundle';
import { checkManifest } from './manifest-check';
import { defaultBundleDir, projectRoot, resolversDir } from './paths';
import { loadSchema } from './schema';
import { verifyBundles } from './verify-bundles';

/** `npm run build`: check the manifest against the schema, bundle every resolver, verify each bundle. */
async function main(): Promise<number> {
  const outDir = defaultBundleDir;
  const schema = loadSchema();
  const manifestProblems = checkManifest(manifest, schema, {
    sourceExists: (relativePath) => existsSync(path.join(resolversDir, relativePath)),
  });
  if (manifestProblems.length > 0) {
    return report('The manifest (resolvers/index.ts) and the schema disagree', manifestProblems);
  }

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const bundles = await bundleResolvers({ manifest, resolversDir, outDir });
  const problems = [...oversizedBundles(bundles), ...(await verifyBundles(bundles, outDir))];
  if (problems.length > 0) {
    return report('Resolver bundles AppSync would reject', problems);
  }

  await rememberVerified(bundles);
  const explorer = await buildExplorer(path.join(projectRoot, 'dist', 'explorer'));

  const where = path.relative(projectRoot, outDir);
  for (const bundle of bundles) {
    console.log(
      `  ${bundle.unit.bundle.padEnd(40)} ${String(bundle.code.length).padStart(6)} characters`,
    );
  }
  console.log(
    `Built ${bundles.length} resolver bundles into ${where}/ (AppSync lint and type check passed).`,
  );
  console.log(`Built the explorer page into dist/explorer/ (${explorer.files.join(', ')}).`);
  const unresolved = Object.keys(manifest.unresolved);
  if (unresolved.length > 0) {
    console.log(`Fields without a resolver yet (${unresolved.length}): ${unresolved.join(', ')}.`);
  }
  return 0;
}

function report(title: string, problems: readonly string[]): number {
  console.error(`${title}:`);
  for (const problem of problems) {
    console.error(`  - ${problem}`);
  }
  return 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
