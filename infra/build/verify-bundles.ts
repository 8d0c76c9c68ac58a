import appsyncPlugin from '@aws-appsync/eslint-plugin';
import tseslint from 'typescript-eslint';
import { ESLint, type Linter } from 'eslint';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import ts from 'typescript';
import type { Bundle } from './bundle';
import { projectRoot } from './paths';

const utilsPackage = path.join(projectRoot, 'node_modules', '@aws-appsync', 'utils');

/**
 * Compiler options AppSync's own check amounts to: ECMAScript only, and @aws-appsync/utils as the
 * only module, typed by its declarations. A util AppSync does not have fails here as it does on
 * deployment (TS2339).
 */
const bundleCompilerOptions = {
  allowJs: true,
  checkJs: true,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022'],
  module: 'ESNext',
  moduleResolution: 'Bundler',
  types: [],
  skipLibCheck: true,
  paths: {
    '@aws-appsync/utils': [utilsPackage],
    '@aws-appsync/utils/*': [`${utilsPackage}/*`],
  },
};

function createBundleProgram(bundles: readonly Bundle[], dir: string): ts.Program {
  const parsed = ts.convertCompilerOptionsFromJson(bundleCompilerOptions, dir);
  return ts.createProgram(
    bundles.map((bundle) => bundle.file),
    parsed.options,
  );
}

function relative(file: string): string {
  return path.relative(projectRoot, file);
}

function typeProblems(program: ts.Program): string[] {
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    if (!diagnostic.file || diagnostic.start === undefined) {
      return `TS${diagnostic.code}: ${message}`;
    }
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    return `${relative(diagnostic.file.fileName)}:${line + 1}:${character + 1}: TS${diagnostic.code}: ${message}`;
  });
}

async function lintProblems(
  bundles: readonly Bundle[],
  program: ts.Program,
  dir: string,
): Promise<string[]> {
  const recommended = appsyncPlugin.configs?.['recommended'] as Linter.Config;
  const eslint = new ESLint({
    cwd: dir,
    overrideConfigFile: true,
    overrideConfig: [
      {
        ...recommended,
        files: ['**/*.js'],
        languageOptions: {
          parser: tseslint.parser,
          sourceType: 'module',
          parserOptions: { programs: [program] },
        },
      },
    ],
  });
  const results = await eslint.lintFiles(bundles.map((bundle) => bundle.file));
  return results.flatMap((result) =>
    result.messages.map(
      (message) =>
        `${relative(result.filePath)}:${message.line}:${message.column}: ${message.message} (${message.ruleId ?? 'parse'})`,
    ),
  );
}

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
    `${JSON.stringify({ compilerOptions: bundleCompilerOptions, include: ['**/*.js'] }, null, 2)}\n`,
  );
  const program = createBundleProgram(bundles, dir);
  return [...typeProblems(program), ...(await lintProblems(bundles, program, dir))];
}
