import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  buildExplorer,
  contentTypeFor,
  ensureExplorerBuilt,
  explorerAssets,
  explorerBuildIsCurrent,
  explorerStampFile,
} from './build';

let outDir: string;
let files: string[];
const read = (name: string) => readFile(path.join(outDir, name), 'utf8');

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'courier-explorer-'));
  ({ files } = await buildExplorer(outDir));
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('buildExplorer', () => {
  it('produces index.html, one script and one stylesheet', () => {
    expect(files).toHaveLength(3);
    expect(files[0]).toBe('index.html');
    expect(files.filter((name) => /^explorer-[A-Z0-9]+\.js$/.test(name))).toHaveLength(1);
    expect(files.filter((name) => /^explorer-[A-Z0-9]+\.css$/.test(name))).toHaveLength(1);
  });

  it('references the script and stylesheet from index.html by relative URL', async () => {
    const html = await read('index.html');
    for (const name of files.slice(1)) expect(html).toContain(`"./${name}"`);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
  });

  it('loads nothing from another host: no CDN, no remote fonts or stylesheets', async () => {
    const css = await read(files.find((name) => name.endsWith('.css')) ?? '');
    const js = await read(files.find((name) => name.endsWith('.js')) ?? '');
    expect(css).not.toMatch(/url\(\s*["']?(https?:)?\/\//);
    expect(css).not.toMatch(/@import/);
    // Remaining http(s) strings in the bundle are XML namespaces and documentation links.
    expect(js).not.toMatch(/unpkg\.com|jsdelivr\.net|cdnjs|esm\.sh|googleapis\.com|gstatic\.com/);
    expect(js).not.toMatch(/(import\(|importScripts\(|new Worker\()\s*["'`]https?:/);
  });

  it('bundles React for production', async () => {
    const js = await read(files.find((name) => name.endsWith('.js')) ?? '');
    expect(js).not.toContain('process.env.NODE_ENV');
    expect(js).not.toContain('react.development');
  });

  it('replaces the files of an earlier build and keeps anything else in the directory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'courier-explorer-'));
    try {
      await writeFile(path.join(dir, 'config.json'), '{}');
      const stale = path.join(dir, 'explorer-STALE000.js');
      await writeFile(stale, '');
      await writeFile(
        path.join(dir, explorerStampFile),
        JSON.stringify({ version: 1, files: ['explorer-STALE000.js'], inputs: {} }),
      );
      await buildExplorer(dir);
      await expect(readFile(stale)).rejects.toThrow('ENOENT');
      await expect(readFile(path.join(dir, 'config.json'), 'utf8')).resolves.toBe('{}');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('explorerBuildIsCurrent', () => {
  it('accepts a fresh build and ensureExplorerBuilt then skips building', async () => {
    await expect(explorerBuildIsCurrent(outDir)).resolves.toBe(true);
    await expect(ensureExplorerBuilt(outDir)).resolves.toEqual({ files, built: false });
  });

  it('refuses a directory without a build', async () => {
    await expect(explorerBuildIsCurrent(path.join(outDir, 'nothing-here'))).resolves.toBe(false);
  });

  it.each([
    [
      'an input changed since the build',
      (stamp: { inputs: Record<string, string> }) => {
        const first = Object.keys(stamp.inputs)[0] ?? '';
        return { ...stamp, inputs: { ...stamp.inputs, [first]: '1:1' } };
      },
    ],
    [
      'an output is missing',
      (stamp: { files: string[] }) => ({ ...stamp, files: [...stamp.files, 'explorer-GONE.js'] }),
    ],
    ['the stamp is from another stamp version', (stamp: object) => ({ ...stamp, version: 0 })],
  ])('refuses a build when %s', async (_case, edit) => {
    const stampPath = path.join(outDir, explorerStampFile);
    const original = await readFile(stampPath, 'utf8');
    try {
      await writeFile(stampPath, JSON.stringify(edit(JSON.parse(original))));
      await expect(explorerBuildIsCurrent(outDir)).resolves.toBe(false);
    } finally {
      await writeFile(stampPath, original);
    }
  });
});

describe('explorerAssets', () => {
  it('maps URL paths to the built files, / to index.html, without the stamp', async () => {
    const assets = await explorerAssets(outDir);
    expect([...assets.keys()].sort()).toEqual(['/', ...files.map((name) => `/${name}`)].sort());
    expect(assets.get('/')).toBe(assets.get('/index.html'));
    expect(assets.get('/index.html')?.body.toString('utf8')).toBe(await read('index.html'));
  });

  it('sends hashed files as immutable and index.html for revalidation', async () => {
    const assets = await explorerAssets(outDir);
    const script = files.find((name) => name.endsWith('.js')) ?? '';
    expect(assets.get(`/${script}`)?.cacheControl).toBe('public, max-age=31536000, immutable');
    expect(assets.get('/index.html')?.cacheControl).toBe('no-cache');
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['explorer-ABCDEFGH.js', 'text/javascript; charset=utf-8'],
    ['explorer-ABCDEFGH.css', 'text/css; charset=utf-8'],
    ['config.json', 'application/json; charset=utf-8'],
    ['assets/font-ABCDEFGH.woff2', 'font/woff2'],
    ['logo.svg', 'image/svg+xml'],
    ['unknown.bin', 'application/octet-stream'],
  ])('serves %s as %s', (name, type) => {
    expect(contentTypeFor(name)).toBe(type);
  });
});
