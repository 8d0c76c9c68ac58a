import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../build/paths';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'courier-evaluate-'));
  await writeFile(
    path.join(dir, 'context.json'),
    JSON.stringify({ arguments: { id: 'record-id' }, result: { ok: true } }),
  );
  await writeFile(
    path.join(dir, 'code.js'),
    "import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n  console.log('id', ctx.args.id);\n  return { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) };\n}\nexport function response(ctx) {\n  return ctx.result;\n}\n",
  );
  await writeFile(
    path.join(dir, 'resolver.ts'),
    "import { util, type Context } from '@aws-appsync/utils';\nexport function request(ctx: Context<{ id: string }>) {\n  return { payload: util.str.normalize(ctx.args.id, 'nfc') };\n}\nexport function response(ctx: Context) {\n  return ctx.result;\n}\n",
  );
  await writeFile(
    path.join(dir, 'broken.js'),
    'export function request(ctx) {\n  util.error("nope");\n}\nexport function response(ctx) { return null; }\n',
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function courier(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(projectRoot, 'bin', 'courier.mjs'), 'evaluate', ...args],
      { cwd: dir },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('courier evaluate', () => {
  it('prints the EvaluateCode response of a bundle, as the AWS CLI does', async () => {
    const result = await courier(
      '--code',
      'file://code.js',
      '--context',
      'file://context.json',
      '--function',
      'request',
      '--runtime',
      'name=APPSYNC_JS,runtimeVersion=1.0.0',
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      evaluationResult: '{"operation":"GetItem","key":{"id":{"S":"record-id"}}}',
      logs: ['INFO - code.js:3:3: "id" "record-id"'],
    });
    expect(result.stdout).toContain('\n    "evaluationResult"');
  });

  it('bundles TypeScript code first', async () => {
    const result = await courier('--code', 'resolver.ts', '--context', 'context.json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      evaluationResult: '{"payload":"record-id"}',
      logs: [],
    });
  });

  it('exits 0 when the code reports an error, as the API answers 200', async () => {
    const result = await courier('--code', 'broken.js', '--context', 'context.json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ error: { message: 'nope' }, logs: [] });
  });

  it.each([
    [['--context', 'context.json'], 'courier evaluate: --code is required.'],
    [
      ['--code', 'missing.js', '--context', 'context.json'],
      'courier evaluate: cannot read --code missing.js',
    ],
    [
      ['--code', 'code.js', '--context', 'context.json', '--function', 'both'],
      'function: received "both"; expected "request" or "response".',
    ],
    [
      [
        '--code',
        'code.js',
        '--context',
        'context.json',
        '--runtime',
        'name=APPSYNC_JS,runtimeVersion=0.9',
      ],
      'runtime: received',
    ],
    [
      ['--code', 'code.js', '--context', 'context.json', '--bogus'],
      "courier evaluate: Unknown option '--bogus'",
    ],
  ])('exits 2 with a clear message for %j', async (args, message) => {
    const result = await courier(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
  });
});
