import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../build/paths';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'courier-credentials-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function courierCredentials(...args: string[]) {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(projectRoot, 'bin', 'courier.mjs'), 'credentials', ...args],
      { cwd: dir },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('courier credentials', () => {
  it("prints the data directory's key pair as shell exports, the same on every call", async () => {
    const dataDir = path.join(dir, 'data');
    const first = await courierCredentials('--data-dir', dataDir);
    expect(first.code).toBe(0);
    const stored = JSON.parse(await readFile(path.join(dataDir, 'credentials.json'), 'utf8')) as {
      accessKeyId: string;
      secretAccessKey: string;
    };
    expect(first.stdout).toBe(
      `export AWS_ACCESS_KEY_ID=${stored.accessKeyId}\nexport AWS_SECRET_ACCESS_KEY=${stored.secretAccessKey}\nexport AWS_REGION=us-east-1\n`,
    );
    expect((await courierCredentials('--data-dir', dataDir)).stdout).toBe(first.stdout);
  });

  it('refuses an unknown option with its usage and exit code 2', async () => {
    const result = await courierCredentials('--user', 'x');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: courier credentials [--data-dir DIR]');
  });
});
