import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../build/paths';
import { openLocalIssuer } from '../local/auth/local-issuer';
import { dataDirLayout } from '../local/data-dir';
import { runToken } from './token';

const run = promisify(execFile);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'courier-token-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function courierToken(
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [path.join(projectRoot, 'bin', 'courier.mjs'), 'token', ...args],
      { cwd: dir },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('courier token', () => {
  it('prints only a token, which the pool in --data-dir verifies', async () => {
    const result = await courierToken(
      '--user',
      'ana',
      '--groups',
      'admins,readers',
      '--data-dir',
      'data',
    );
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const issuer = await openLocalIssuer(dataDirLayout(path.join(dir, 'data')).issuer);
    expect(issuer.verify(result.stdout.trim())).toMatchObject({
      ok: true,
      claims: {
        'cognito:username': 'ana',
        'cognito:groups': ['admins', 'readers'],
        token_use: 'id',
      },
    });
  });

  it('mints access tokens with a chosen lifetime, in .courier/ by default', async () => {
    const before = Math.floor(Date.now() / 1000);
    const result = await courierToken(
      '--user',
      'bob',
      '--token-use',
      'access',
      '--expires-in',
      '60',
    );
    expect(result.code).toBe(0);
    const file = dataDirLayout(path.join(dir, '.courier')).issuer;
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    const verified = (await openLocalIssuer(file)).verify(result.stdout.trim());
    expect(verified).toMatchObject({ ok: true, claims: { username: 'bob', token_use: 'access' } });
    const exp = verified.ok ? verified.claims.exp : 0;
    expect(exp - before).toBeGreaterThanOrEqual(60);
    expect(exp - before).toBeLessThan(70);
  });

  it('fails with exit code 1 and a message on stderr when --user is missing', async () => {
    const result = await courierToken('--groups', 'admins');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toBe(
      'courier token: --user is required: the username to put in the token, such as --user ana.',
    );
  });

  describe('refuses bad arguments, naming them and what is allowed', () => {
    let errors: string[];
    let printed: string[];
    beforeEach(() => {
      errors = [];
      printed = [];
      jest
        .spyOn(console, 'error')
        .mockImplementation((text: unknown) => void errors.push(String(text)));
      jest
        .spyOn(console, 'log')
        .mockImplementation((text: unknown) => void printed.push(String(text)));
    });
    afterEach(() => {
      jest.restoreAllMocks();
    });

    it.each([
      [
        ['--user', 'ana maria'],
        'courier token: --user: username "ana maria" is not valid: expected 1 to 128 characters, no spaces or control characters.',
      ],
      [
        ['--user', 'ana', '--groups', 'admins,,readers'],
        'courier token: --groups "admins,,readers" has an empty group name; expected group names separated by commas, such as --groups admins,readers.',
      ],
      [
        ['--user', 'ana', '--groups', 'big bosses'],
        'courier token: --groups: group name "big bosses" is not valid: expected 1 to 128 characters, no spaces or control characters.',
      ],
      [
        ['--user', 'ana', '--token-use', 'refresh'],
        'courier token: --token-use "refresh" is not valid; expected id or access.',
      ],
      [
        ['--user', 'ana', '--expires-in', '0'],
        'courier token: --expires-in "0" is not valid; expected a whole number of seconds from 1 to 86400.',
      ],
      [
        ['--user', 'ana', '--expires-in', '1h'],
        'courier token: --expires-in "1h" is not valid; expected a whole number of seconds from 1 to 86400.',
      ],
      [
        ['--user', 'ana', '--expires-in', '86401'],
        'courier token: --expires-in "86401" is not valid; expected a whole number of seconds from 1 to 86400.',
      ],
      [
        ['--user', 'ana', '--group', 'admins'],
        "courier token: Unknown option '--group'; expected one of --user, --groups, --token-use, --expires-in, --data-dir, --help.",
      ],
      [['--user'], "courier token: Option '--user <value>' argument missing."],
    ])('%j', async (args, firstLine) => {
      expect(await runToken(args)).toBe(1);
      expect(printed).toEqual([]);
      expect(errors.join('\n').split('\n')[0]).toBe(firstLine);
      expect(errors.join('\n')).toContain('Usage: courier token --user NAME');
    });

    it('prints its usage with --help', async () => {
      expect(await runToken(['--help'])).toBe(0);
      expect(printed.join('\n')).toMatch(/^Usage: courier token --user NAME/);
    });
  });
});
