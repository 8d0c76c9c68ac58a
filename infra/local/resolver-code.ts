import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '../../resolvers/manifest';
import { bundleResolvers, oversizedBundles } from '../build/bundle';
import { projectRoot } from '../build/paths';

/** Content hashes of bundles that passed AppSync's deployment checks. */
const VERIFIED_FILE = path.join(projectRoot, 'dist', 'verified-bundles.json');

/** Resolver code that AppSync would refuse to deploy: the engine refuses to run it too. */
export class ResolverCodeError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Resolver code AppSync would reject on deployment:\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
    this.name = 'ResolverCodeError';
  }
}

/**
 * Bundles every resolver of the manifest exactly as the build does and checks each bundle as
 * AppSync checks it on deployment, so code that runs locally also deploys. The check takes
 * seconds, so bundles that passed are remembered by content hash in `verifiedFile`.
 */
export async function loadResolverCode(options: {
  readonly manifest: Manifest;
  readonly resolversDir: string;
  readonly outDir: string;
  readonly verifiedFile?: string;
}): Promise<Record<string, string>> {
  const verifiedFile = options.verifiedFile ?? VERIFIED_FILE;
  await mkdir(options.outDir, { recursive: true });
  const bundles = await bundleResolvers(options);
  const oversized = oversizedBundles(bundles);
  if (oversized.length > 0) {
    throw new ResolverCodeError(oversized);
  }
  const verified = await readVerified(verifiedFile);
  const unchecked = bundles.filter((bundle) => !verified.has(hashOf(bundle.code)));
  if (unchecked.length > 0) {
    // TypeScript and ESLint load only when there is something to check.
    const { verifyBundles } = await import('../build/verify-bundles');
    const problems = await verifyBundles(unchecked, options.outDir);
    if (problems.length > 0) {
      throw new ResolverCodeError(problems);
    }
    unchecked.forEach((bundle) => verified.add(hashOf(bundle.code)));
    await writeVerified(verifiedFile, verified);
  }
  return Object.fromEntries(bundles.map((bundle) => [bundle.unit.id, bundle.code]));
}

/** Bundles `npm run build` verified: `courier start` need not check them again. */
export async function rememberVerified(
  bundles: readonly { readonly code: string }[],
  verifiedFile: string = VERIFIED_FILE,
): Promise<void> {
  const verified = await readVerified(verifiedFile);
  bundles.forEach((bundle) => verified.add(hashOf(bundle.code)));
  await writeVerified(verifiedFile, verified);
}

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

async function readVerified(file: string): Promise<Set<string>> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
    return new Set(Array.isArray(parsed) ? parsed.filter((h) => typeof h === 'string') : []);
  } catch {
    return new Set();
  }
}

/** Written whole and renamed into place, so a concurrent reader never sees half a file. */
async function writeVerified(file: string, hashes: ReadonlySet<string>): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  await writeFile(temporary, `${JSON.stringify([...hashes].sort(), null, 1)}\n`);
  await rename(temporary, file);
}
