import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { manifest } from '../../resolvers/index';
import { codeUnits, defineManifest } from '../../resolvers/manifest';
import { APPSYNC_CODE_LIMIT, bundleResolvers, oversizedBundles, type Bundle } from './bundle';
import { resolversDir } from './paths';
import { verifyBundles } from './verify-bundles';

let outDir: string;
let bundles: Bundle[];

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'courier-bundles-'));
  bundles = await bundleResolvers({ manifest, resolversDir, outDir });
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function sourceMapOf(bundle: Bundle): { sources: string[]; sourcesContent?: unknown } {
  const match = /\/\/# sourceMappingURL=data:application\/json;base64,(\S+)\s*$/.exec(bundle.code);
  if (!match?.[1]) {
    throw new Error(`${bundle.unit.id} has no inline source map`);
  }
  return JSON.parse(Buffer.from(match[1], 'base64').toString('utf8'));
}

describe('bundleResolvers', () => {
  it('writes one bundle per resolver and pipeline function of the manifest', () => {
    expect(bundles.map((bundle) => bundle.unit.id)).toEqual(
      codeUnits(manifest).map((unit) => unit.id),
    );
    expect(bundles.map((bundle) => path.relative(outDir, bundle.file))).toEqual(
      codeUnits(manifest).map((unit) => unit.bundle),
    );
  });

  it('exports request and response from an ES module that imports nothing but @aws-appsync/utils', () => {
    for (const bundle of bundles) {
      const imports = [...bundle.code.matchAll(/^import .* from "([^"]+)";$/gm)].map(
        (match) => match[1],
      );
      expect(
        imports.every(
          (specifier) =>
            specifier === '@aws-appsync/utils' || specifier?.startsWith('@aws-appsync/utils/'),
        ),
      ).toBe(true);
      expect(bundle.code).toMatch(/^export \{[^}]*\brequest\b[^}]*\}/m);
      expect(bundle.code).toMatch(/^export \{[^}]*\bresponse\b[^}]*\}/m);
      expect(bundle.code).not.toMatch(/\brequire\(/);
    }
  });

  it('inlines the shared resolver code', () => {
    const createQueue = bundles.find((bundle) => bundle.unit.id === 'Mutation.createQueue');
    expect(createQueue?.code).toContain('function checkCreateQueueInput(');
  });

  it('carries an inline source map without sources content, as AppSync requires', () => {
    for (const bundle of bundles) {
      const map = sourceMapOf(bundle);
      expect(map.sources.length).toBeGreaterThan(0);
      expect(map.sourcesContent).toBeUndefined();
    }
  });

  it('produces bundles that pass the AppSync lint and type check', async () => {
    expect(await verifyBundles(bundles, outDir)).toEqual([]);
  });
});

describe('oversizedBundles', () => {
  it('names each bundle over the limit with its size', () => {
    const bundle = bundles[0] as Bundle;
    expect(oversizedBundles([bundle], 100)).toEqual([
      `${bundle.unit.id}: ${bundle.code.length} characters; AppSync accepts at most 100.`,
    ]);
    expect(oversizedBundles(bundles)).toEqual([]);
    expect(APPSYNC_CODE_LIMIT).toBe(32_000);
  });
});

describe('verifyBundles', () => {
  let fixtureDir: string;

  beforeAll(async () => {
    fixtureDir = await mkdtemp(path.join(tmpdir(), 'courier-fixtures-'));
  });

  afterAll(async () => {
    await rm(fixtureDir, { recursive: true, force: true });
  });

  async function verifySource(source: string): Promise<string[]> {
    const sourceDir = path.join(fixtureDir, 'src');
    const bundleDir = path.join(fixtureDir, 'out');
    await rm(fixtureDir, { recursive: true, force: true });
    await mkdir(sourceDir, { recursive: true });
    await writeFile(path.join(sourceDir, 'Query.x.ts'), source);
    const fixture = defineManifest({
      tables: {},
      dataSources: { none: { kind: 'NONE' } },
      environment: {},
      resolvers: { 'Query.x': { kind: 'UNIT', dataSource: 'none' } },
      unresolved: {},
    });
    const built = await bundleResolvers({
      manifest: fixture,
      resolversDir: sourceDir,
      outDir: bundleDir,
    });
    return verifyBundles(built, bundleDir);
  }

  const resolver = (body: string): string =>
    `import { util } from '@aws-appsync/utils';\nexport function request(ctx: any) {\n${body}\n  return { payload: null };\n}\nexport function response(ctx: any) { return ctx.result; }\n`;

  it('accepts a resolver AppSync accepts', async () => {
    expect(
      await verifySource(resolver('  const id = util.autoId();\n  ctx.stash.id = id;')),
    ).toEqual([]);
  });

  // Each row: what AppSync refuses, the statements, and what the report must say.
  it.each([
    [
      'a while loop',
      '  let n = 0;\n  while (n < 3) { n = n + 1; }',
      /Query\.x\.js:\d+:\d+: While statements are not supported\. \(@aws-appsync\/no-while\)/,
    ],
    [
      'try/catch',
      '  try { util.autoId(); } catch (e) { util.autoId(); }',
      /\(@aws-appsync\/no-try\)/,
    ],
    [
      'a util that does not exist',
      '  util.toJson({});',
      /Query\.x\.js:\d+:\d+: Property 'toJson' does not exist on type 'Util'\. \(TS2339\)/,
    ],
    [
      'an array whose literal fixes its element type',
      '  const a = [{ x: 1 }];\n  a.push({ y: 2 });\n  ctx.stash.a = a;',
      /TS2353|TS2345/,
    ],
    [
      'the in operator',
      "  if ('x' in ctx.args) { util.autoId(); }",
      /\(@aws-appsync\/no-in-operator\)/,
    ],
  ])('reports %s with its location', async (_case, body, report) => {
    const problems = await verifySource(resolver(body));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(report)]));
  });
});
