import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../build/paths';

const run = promisify(execFile);
const courier = path.join(projectRoot, 'bin', 'courier.mjs');

async function courierRun(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [courier, ...args], {
      cwd: projectRoot,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('the courier command', () => {
  it('lists its commands with --help', async () => {
    const result = await courierRun('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: courier <command> \[options\]/);
    expect(result.stdout).toMatch(/^ {2}start +serve the API offline/m);
    expect(result.stdout).toMatch(/^ {2}token +/m);
    expect(result.stdout).toMatch(/^ {2}evaluate +/m);
  });

  it('refuses an unknown command, naming it and the commands there are', async () => {
    const result = await courierRun('strat');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'courier: unknown command "strat"; expected one of: start, token, credentials, evaluate.',
    );
  });
});
