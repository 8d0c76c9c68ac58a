import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { isRunning, waitUntilGone } from './fixtures/processes';

const FIXTURE = path.join(__dirname, 'fixtures', 'start-and-wait.ts');
const JVM_TIMEOUT_MS = 60_000;

/** Starts a parent process that starts DynamoDB Local, and resolves with the JVM's pid. */
async function startParent(
  mode: 'idle' | 'exit',
): Promise<{ parent: ChildProcess; jvmPid: number }> {
  const parent = spawn(process.execPath, ['--import', 'tsx', FIXTURE, mode], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  parent.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    let stdout = '';
    parent.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end >= 0) {
        resolve(stdout.slice(0, end));
      }
    });
    parent.once('exit', (code) =>
      reject(new Error(`The parent exited (${code}) before starting DynamoDB Local: ${stderr}`)),
    );
  });
  const { pid } = JSON.parse(line) as { pid: number };
  return { parent, jvmPid: pid };
}

describe('DynamoDB Local never outlives the process that started it', () => {
  it.each(['SIGKILL', 'SIGTERM', 'SIGINT'] as const)(
    'stops the JVM when the parent dies of %s',
    async (signal) => {
      const { parent, jvmPid } = await startParent('idle');
      try {
        expect(isRunning(jvmPid)).toBe(true);
        const exited = new Promise((resolve) => parent.once('exit', resolve));
        parent.kill(signal);
        await exited;
        expect(await waitUntilGone(jvmPid, 5000)).toBe(true);
      } finally {
        parent.kill('SIGKILL');
        if (isRunning(jvmPid)) {
          process.kill(jvmPid, 'SIGKILL');
        }
      }
    },
    JVM_TIMEOUT_MS,
  );

  it(
    'stops the JVM when the parent ends on its own without calling stop()',
    async () => {
      const { parent, jvmPid } = await startParent('exit');
      try {
        const code = await new Promise((resolve) => parent.once('exit', resolve));
        expect(code).toBe(0);
        expect(await waitUntilGone(jvmPid, 5000)).toBe(true);
      } finally {
        if (isRunning(jvmPid)) {
          process.kill(jvmPid, 'SIGKILL');
        }
      }
    },
    JVM_TIMEOUT_MS,
  );
});
