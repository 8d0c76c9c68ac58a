import { buildSync } from 'esbuild';
import path from 'node:path';
import vm from 'node:vm';

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

/** Names not bound: `eval` must stay direct, `undefined` is a literal to V8, `globalThis` is read to bind the rest. */
const UNBOUND = new Set(['eval', 'arguments', 'undefined', 'globalThis']);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A global lookup in a node:vm context goes through the context's interceptor: about 200 ns each,
 * against a few for a local. The realm scripts' own code reads the built-ins through constants made
 * once when the script starts (the same objects, so nothing else changes); later changes to the
 * realm's globals, such as the resolver realm hiding some, do not reach that code.
 */
function withBuiltInsBound(script: string): string {
  const names = (
    vm.runInNewContext('Object.getOwnPropertyNames(globalThis)') as readonly string[]
  ).filter((name) => IDENTIFIER.test(name) && !UNBOUND.has(name));
  return `(function () {\nconst { ${names.join(', ')} } = globalThis;\n${script}\n})();\n`;
}

let cached: RealmScripts | undefined;

/**
 * The scripts each sandbox realm starts from, bundled from this repository's TypeScript once per
 * process: the APPSYNC_JS API for the utils realm, the globals and guards for the resolver realm.
 */
export function realmScripts(): RealmScripts {
  cached ??= {
    utils: withBuiltInsBound(bundle(path.join(__dirname, '..', 'realm', 'entry.ts'))),
    resolverSetup: withBuiltInsBound(bundle(path.join(__dirname, 'in-realm', 'resolver-setup.ts'))),
  };
  return cached;
}
