import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { codeUnits, type Manifest } from '../../resolvers/manifest';

/** Reads the bundle of every code unit of the manifest; names the first one that is missing. */
export function readBundles(manifest: Manifest, bundleDir: string): Record<string, string> {
  return Object.fromEntries(
    codeUnits(manifest).map((unit) => {
      const file = path.join(bundleDir, unit.bundle);
      if (!existsSync(file)) {
        throw new Error(`${unit.id} has no bundle at ${file}; run \`npm run build\` first.`);
      }
      return [unit.id, readFileSync(file, 'utf8')];
    }),
  );
}
