// Builds the explorer page (GraphiQL from the installed package, no CDN) into a directory that
// the engine serves at `/` and that can be uploaded as is to static hosting.
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The page's sources; `courier start` compares them with a build's stamp. */
export const explorerSourceDir = path.join(__dirname, 'src');

/** The build's record of itself, inside the output directory; never served. */
export const explorerStampFile = '.explorer-build.json';

const entry = path.join(explorerSourceDir, 'main.tsx');
/** esbuild's working directory; metafile input paths are relative to it. */
const workingDir = path.resolve(__dirname, '..', '..');
const stampVersion = 1;

const buildOptions = {
  entryPoints: { explorer: entry },
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  // Browsers of the last two years; GraphiQL 4 itself targets ES2020+.
  target: ['chrome120', 'edge120', 'firefox120', 'safari17'],
  jsx: 'automatic',
  define: { 'process.env.NODE_ENV': '"production"' },
  // Hashed names: CDN caches keep them forever; only index.html must be revalidated.
  entryNames: '[name]-[hash]',
  // graphiql/style.css inlines its fonts and images as data: URLs; anything else stays a file.
  assetNames: 'assets/[name]-[hash]',
  loader: { '.woff2': 'file', '.woff': 'file', '.png': 'file', '.svg': 'file' },
  legalComments: 'eof',
  sourcemap: false,
  metafile: true,
  write: false,
  logLevel: 'silent',
  tsconfig: path.join(__dirname, 'tsconfig.json'),
} as const satisfies BuildOptions;

/** What {@link buildExplorer} produced. */
export interface ExplorerBuildResult {
  /** Output files, relative to the output directory, index.html first. */
  readonly files: string[];
}

interface Stamp {
  readonly version: number;
  readonly files: string[];
  /** Every input (path relative to the project root) with the size and mtime it had when built. */
  readonly inputs: Record<string, string>;
}

/** The explorer build failed (esbuild's messages are in `cause`). */
export class ExplorerBuildError extends Error {
  readonly code = 'ExplorerBuildError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExplorerBuildError';
  }
}

function indexHtml(script: string, style: string): string {
  // Relative references, so the page works at any path prefix (`/` locally, a bucket prefix).
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Courier explorer</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./${style}" />
    <script defer src="./${script}"></script>
  </head>
  <body>
    <div id="root"></div>
    <noscript>The Courier explorer needs JavaScript.</noscript>
  </body>
</html>
`;
}

async function fingerprint(file: string): Promise<string | undefined> {
  try {
    const info = await stat(file);
    return `${info.size}:${info.mtimeMs}`;
  } catch {
    return undefined;
  }
}

/** Inputs esbuild read, plus this file (it holds the build options) and the tsconfig. */
async function inputFingerprints(metafile: Metafile): Promise<Record<string, string>> {
  const files = [
    ...Object.keys(metafile.inputs),
    path.relative(workingDir, __filename),
    path.relative(workingDir, buildOptions.tsconfig),
  ];
  const inputs: Record<string, string> = {};
  for (const file of files) {
    inputs[file] = (await fingerprint(path.resolve(workingDir, file))) ?? 'missing';
  }
  return inputs;
}

async function readStamp(outDir: string): Promise<Stamp | undefined> {
  try {
    const raw: unknown = JSON.parse(await readFile(path.join(outDir, explorerStampFile), 'utf8'));
    if (typeof raw !== 'object' || raw === null) return undefined;
    const stamp = raw as Partial<Stamp>;
    if (stamp.version !== stampVersion || !Array.isArray(stamp.files)) return undefined;
    if (typeof stamp.inputs !== 'object' || stamp.inputs === null) return undefined;
    return stamp as Stamp;
  } catch {
    return undefined;
  }
}

/**
 * Bundles the page into `outDir`: index.html, one JS and one CSS file.
 * Files of an earlier build listed in its stamp are removed; nothing else in `outDir` is touched,
 * so a config.json placed there survives.
 */
export async function buildExplorer(outDirInput: string): Promise<ExplorerBuildResult> {
  const outDir = path.resolve(outDirInput);
  let result;
  try {
    result = await build({ ...buildOptions, outdir: outDir, absWorkingDir: workingDir });
  } catch (error) {
    throw new ExplorerBuildError(`esbuild could not bundle the explorer from ${entry}`, {
      cause: error,
    });
  }
  const outputs = result.outputFiles.map((file) => ({
    name: path.relative(outDir, file.path).split(path.sep).join('/'),
    contents: file.contents,
  }));
  const script = outputs.find((file) => /^explorer-[^/]+\.js$/.test(file.name));
  const style = outputs.find((file) => /^explorer-[^/]+\.css$/.test(file.name));
  if (script === undefined || style === undefined) {
    throw new ExplorerBuildError(
      `esbuild produced ${outputs.map((file) => file.name).join(', ')}; expected explorer-*.js and explorer-*.css`,
    );
  }

  const previous = await readStamp(outDir);
  await Promise.all(
    (previous?.files ?? []).map((file) => rm(path.join(outDir, file), { force: true })),
  );
  const files = ['index.html', ...outputs.map((file) => file.name)];
  await mkdir(outDir, { recursive: true });
  for (const file of outputs) {
    await mkdir(path.dirname(path.join(outDir, file.name)), { recursive: true });
    await writeFile(path.join(outDir, file.name), file.contents);
  }
  await writeFile(path.join(outDir, 'index.html'), indexHtml(script.name, style.name));
  const stamp: Stamp = {
    version: stampVersion,
    files,
    inputs: await inputFingerprints(result.metafile),
  };
  await writeFile(path.join(outDir, explorerStampFile), JSON.stringify(stamp));
  return { files };
}

/**
 * Whether `outDir` holds a build of the current sources: every input (page sources, GraphiQL and
 * React in node_modules, build options) unchanged since, every output still present.
 */
export async function explorerBuildIsCurrent(outDir: string): Promise<boolean> {
  const stamp = await readStamp(outDir);
  if (stamp === undefined) return false;
  for (const [file, expected] of Object.entries(stamp.inputs)) {
    if ((await fingerprint(path.resolve(workingDir, file))) !== expected) return false;
  }
  // A new source file can only matter once an existing one imports it, which changes that one.
  for (const file of stamp.files) {
    if ((await fingerprint(path.join(outDir, file))) === undefined) return false;
  }
  return true;
}

/** Builds into `outDir` unless it already holds a current build; for `courier start`. */
export async function ensureExplorerBuilt(
  outDir: string,
): Promise<ExplorerBuildResult & { readonly built: boolean }> {
  if (await explorerBuildIsCurrent(outDir)) {
    const stamp = await readStamp(outDir);
    return { files: stamp?.files ?? [], built: false };
  }
  return { ...(await buildExplorer(outDir)), built: true };
}

/** One file of the built page, ready to send. */
export interface ExplorerAsset {
  readonly body: Buffer;
  readonly contentType: string;
  /** Hashed files never change; index.html and anything unhashed must be revalidated. */
  readonly cacheControl: string;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
};

/** The Content-Type for a file name; unknown extensions are sent as opaque bytes. */
export function contentTypeFor(file: string): string {
  return contentTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

const hashedName = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  const nested = await Promise.all(
    entries.map((item) => {
      const name = prefix === '' ? item.name : `${prefix}/${item.name}`;
      return item.isDirectory() ? listFiles(dir, name) : Promise.resolve([name]);
    }),
  );
  return nested.flat();
}

/**
 * The built page as URL path -> file (`/index.html`, `/explorer-XXXX.js`...; `/` is index.html),
 * read once so the HTTP server answers from memory. The build stamp is left out.
 */
export async function explorerAssets(dir: string): Promise<Map<string, ExplorerAsset>> {
  const assets = new Map<string, ExplorerAsset>();
  for (const name of await listFiles(dir)) {
    if (name === explorerStampFile) continue;
    assets.set(`/${name}`, {
      body: await readFile(path.join(dir, name)),
      contentType: contentTypeFor(name),
      cacheControl: hashedName.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }
  const index = assets.get('/index.html');
  if (index !== undefined) assets.set('/', index);
  return assets;
}
