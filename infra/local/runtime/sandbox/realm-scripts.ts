import { buildSync } from 'esbuild';
import path from 'node:path';

export interface RealmScripts {
  /** Defines `__courierInstall` in the utils realm. */
  readonly utils: string;
  /** Defines `__courierSetup` in the resolver realm. */
  readonly resolverSetup: string;
}

function bundle(entry: string): string {
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'neutral',
    target: 'es2022',
    mainFields: ['module', 'main'],
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) {
    throw new Error(`Bundling ${entry} produced no output.`);
  }
  return output.text;
}

let cached: RealmScripts | undefined;

/**
 * The scripts each sandbox realm starts from, bundled from this repository's TypeScript once per
 * process: the APPSYNC_JS API for the utils realm, the globals and guards for the resolver realm.
 */
export function realmScripts(): RealmScripts {
  cached ??= {
    utils: bundle(path.join(__dirname, '..', 'realm', 'entry.ts')),
    resolverSetup: bundle(path.join(__dirname, 'in-realm', 'resolver-setup.ts')),
  };
  return cached;
}
