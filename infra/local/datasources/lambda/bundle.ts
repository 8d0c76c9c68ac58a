import { build, buildSync, type Message, type Plugin } from 'esbuild';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** Why a Lambda handler could not be bundled: esbuild's messages, each with its location. */
export class LambdaBuildError extends Error {
  readonly code = 'LAMBDA_BUILD_FAILED';

  constructor(
    readonly functionName: string,
    readonly entry: string,
    readonly messages: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(
      `The Lambda function ${functionName} cannot be built from ${entry}:\n${messages.map((m) => `  ${m}`).join('\n')}`,
      options,
    );
    this.name = 'LambdaBuildError';
  }
}

function describeMessage(message: Message): string {
  const at = message.location
    ? `${message.location.file}:${message.location.line}:${message.location.column + 1}: `
    : '';
  return `${at}${message.text}`;
}

/**
 * Leaves every package out of the bundle, as `packages: 'external'` does, but imports it by the
 * absolute URL of the file the project resolves it to: the bundle lives in the build directory,
 * outside the project, and must still load the project's node_modules.
 */
const projectPackages: Plugin = {
  name: 'courier-project-packages',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData === 'courier-resolving' || path.isAbsolute(args.path)) {
        return undefined;
      }
      if (isBuiltin(args.path)) {
        return { path: args.path, external: true };
      }
      const resolved = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'courier-resolving',
      });
      if (resolved.errors.length > 0) {
        return { errors: resolved.errors };
      }
      return { path: pathToFileURL(resolved.path).href, external: true };
    });
  },
};

export interface HandlerBundleOptions {
  readonly functionName: string;
  /** The project whose resolvers/ holds the entry. */
  readonly projectRoot: string;
  /** The entry, relative to resolvers/. */
  readonly entry: string;
  /** Where to write the module (`.mjs`) and its source map. */
  readonly outFile: string;
}

/**
 * Bundles a handler module as the cloud bundles it (esbuild, Node 20, the project's own code
 * inlined, packages left to node_modules), as an ES module with a source map for stack traces.
 */
export async function bundleHandler(options: HandlerBundleOptions): Promise<void> {
  const entryPath = path.join(options.projectRoot, 'resolvers', options.entry);
  try {
    await build({
      entryPoints: [entryPath],
      absWorkingDir: options.projectRoot,
      outfile: options.outFile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'esm',
      sourcemap: 'linked',
      sourcesContent: false,
      plugins: [projectPackages],
      logLevel: 'silent',
    });
  } catch (error) {
    const messages =
      typeof error === 'object' &&
      error !== null &&
      'errors' in error &&
      Array.isArray(error.errors)
        ? (error.errors as Message[]).map(describeMessage)
        : [String(error)];
    throw new LambdaBuildError(options.functionName, `resolvers/${options.entry}`, messages, {
      cause: error,
    });
  }
}

let runtimeScript: string | undefined;

/** The worker's script: worker-runtime.ts bundled once per process, run with `eval`. */
export function lambdaRuntimeScript(): string {
  if (runtimeScript === undefined) {
    const result = buildSync({
      entryPoints: [path.join(__dirname, 'worker-runtime.ts')],
      bundle: true,
      write: false,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      logLevel: 'silent',
    });
    const [output] = result.outputFiles;
    if (!output) {
      throw new Error('Bundling the Lambda runtime produced no output.');
    }
    runtimeScript = output.text;
  }
  return runtimeScript;
}
