import { execFile, spawnSync } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './paths';

const run = promisify(execFile);

/** The eslint CLI as `npm run lint` runs it (jest's module sandbox cannot load eslint.config.mjs). */
function lintTestFile(code: string): string {
  const eslint = path.join(projectRoot, 'node_modules', '.bin', 'eslint');
  const result = spawnSync(eslint, ['--stdin', '--stdin-filename', 'infra/build/example.test.ts'], {
    cwd: projectRoot,
    input: `${code}\n`,
    encoding: 'utf8',
  });
  return result.stdout;
}

describe('the test policy', () => {
  // The calls are assembled from parts, so no search for focused tests mistakes these fixtures for one.
  const body = "('x', () => { expect(1).toBe(1); });";
  const suite = "('x', () => { it('y', () => { expect(1).toBe(1); }); });";
  it.each([
    ['it.only', ['it', 'only'].join('.') + body],
    ['describe.skip', ['describe', 'skip'].join('.') + suite],
    ['test.todo', `${['test', 'todo'].join('.')}('x');`],
    ['xit', `x${'it'}${body}`],
    ['fdescribe', `f${'describe'}${suite}`],
  ])('refuses %s in a test file', (_case, code) => {
    expect(lintTestFile(code)).toContain(
      'Focused and skipped tests are not allowed: every test runs in CI',
    );
  });

  it('accepts an ordinary test', () => {
    expect(lintTestFile("it('x', () => {\n  expect(1).toBe(1);\n});")).toBe('');
  });

  it('fails a jest run that finds no tests', async () => {
    const jest = path.join(projectRoot, 'node_modules', '.bin', 'jest');
    await expect(
      run(jest, ['--ci', 'no-test-file-matches-this'], { cwd: projectRoot }),
    ).rejects.toMatchObject({
      code: 1,
      stdout: expect.stringContaining('No tests found'),
    });
  });
});
