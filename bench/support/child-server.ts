/**
 * A benchmark server in its own process (`node --import tsx <script>`), so the load the bench
 * process generates and the work the server does are not measured on one event loop. The script
 * prints one JSON line describing its endpoints, then serves until SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface ChildServer {
  readonly child: ChildProcess;
  /** The script's first stdout line, parsed. */
  readonly info: Record<string, unknown>;
  /** Sends SIGTERM and resolves once the process (and what it started) has exited. */
  stop(): Promise<void>;
}

/** Starts `bench/support/<script>` and resolves with the line it prints once ready. */
export function startChildServer(script: string): Promise<ChildServer> {
  // node itself (not the tsx wrapper), so the signal that stops it reaches the server.
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, script)], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
    }
    await exited;
  };
  return new Promise((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      const end = out.indexOf('\n');
      if (end < 0) {
        return;
      }
      child.stdout?.off('data', onData);
      try {
        const info = JSON.parse(out.slice(0, end)) as Record<string, unknown>;
        resolve({ child, info, stop });
      } catch (error) {
        void stop();
        reject(
          new Error(
            `${script} printed ${JSON.stringify(out.slice(0, end))}; expected a JSON line`,
            {
              cause: error,
            },
          ),
        );
      }
    };
    child.stdout?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited with ${code} before printing its endpoints`)),
    );
  });
}
