import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  appsyncCompilerOptions,
  appsyncGlobalsFile,
  checkAppSyncCode,
  formatProblem,
  utilsDeclarations,
} from '../appsync/code-check';
import type { Bundle } from './bundle';
import { projectRoot } from './paths';

/**
 * Checks bundles as AppSync does on deployment: @aws-appsync/eslint-plugin's recommended rules and
 * a type check against @aws-appsync/utils. Returns one message per problem, with its location.
 */
export async function verifyBundles(bundles: readonly Bundle[], dir: string): Promise<string[]> {
  if (bundles.length === 0) {
    return [];
  }
  // Editors and `tsc -p` see the same options the build checks with.
  await writeFile(
    path.join(dir, 'tsconfig.json'),
    `${JSON.stringify({ compilerOptions: appsyncCompilerOptions, include: ['**/*.js'], files: [appsyncGlobalsFile, utilsDeclarations] }, null, 2)}\n`,
  );
  const byName = new Map(
    bundles.map((bundle) => [path.relative(projectRoot, bundle.file), bundle]),
  );
  return checkAppSyncCode([...byName].map(([name, bundle]) => ({ name, code: bundle.code }))).map(
    formatProblem,
  );
}
