import { build, type BuildOptions } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { codeUnits, type CodeUnit, type Manifest } from '../../resolvers/manifest';

/** AppSync rejects resolver code longer than this many characters (source map included). */
export const APPSYNC_CODE_LIMIT = 32_000;

/** How AppSync wants code bundled: one ES module, @aws-appsync/utils* left as imports, a source map without sources. */
const APPSYNC_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['@aws-appsync/utils', '@aws-appsync/utils/*'],
  sourcemap: 'inline',
  sourcesContent: false,
  treeShaking: true,
  logLevel: 'silent',
} as const satisfies BuildOptions;

/** Bundles one entry file (TypeScript or JavaScript) as AppSync expects, in memory. */
export async function bundleFile(entry: string): Promise<string> {
  const result = await build({
    ...APPSYNC_BUNDLE_OPTIONS,
    entryPoints: [entry],
    write: false,
    outfile: 'code.js',
  });
  return result.outputFiles[0]?.text ?? '';
}

export interface Bundle {
  readonly unit: CodeUnit;
  /** Absolute path of the bundle file. */
  readonly file: string;
  readonly code: string;
}

/**
 * Bundles every resolver and pipeline function of the manifest into one ES module each, as AppSync
 * expects them: @aws-appsync/utils left as imports, everything else inlined, an inline source map
 * without sources. One esbuild run for all units keeps the build fast.
 */
export async function bundleResolvers(options: {
  manifest: Manifest;
  resolversDir: string;
  outDir: string;
}): Promise<Bundle[]> {
  const units = codeUnits(options.manifest);
  await build({
    ...APPSYNC_BUNDLE_OPTIONS,
    entryPoints: units.map((unit) => ({
      in: path.join(options.resolversDir, unit.source),
      out: unit.id,
    })),
    outdir: options.outDir,
    write: true,
  });
  return Promise.all(
    units.map(async (unit) => {
      const file = path.join(options.outDir, unit.bundle);
      return { unit, file, code: await readFile(file, 'utf8') };
    }),
  );
}

/** Bundles over AppSync's code limit, each named with its size. */
export function oversizedBundles(
  bundles: readonly Bundle[],
  limit: number = APPSYNC_CODE_LIMIT,
): string[] {
  return bundles
    .filter((bundle) => bundle.code.length > limit)
    .map(
      (bundle) =>
        `${bundle.unit.id}: ${bundle.code.length} characters; AppSync accepts at most ${limit}.`,
    );
}
