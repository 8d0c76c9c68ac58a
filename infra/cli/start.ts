import { parseArgs } from 'node:util';
import { JavaMissingError } from '../local/dynamodb-local/errors';
import { trustInstructions } from '../local/http/tls';
import { startLocalApi, type LocalApi } from '../local/start';
import type { RequestLog } from '../local/engine/handle-request';

const USAGE =
  'Usage: courier start [--port PORT] [--data-dir DIR] [--in-memory] [--https] [--no-request-logs]\n' +
  'Serves the API on 127.0.0.1 (PORT env or --port, default 4000) with its explorer; API_KEY env sets the key.';

class UsageError extends Error {}

interface StartArguments {
  readonly port: number;
  readonly dataDir: string | undefined;
  readonly inMemory: boolean;
  readonly requestLogs: boolean;
  readonly https: boolean;
}

function parsePort(text: string, source: string): number {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(
      `${source} ${JSON.stringify(text)} is not a port; expected a whole number from 0 to 65535 (0 picks a free one).`,
    );
  }
  return port;
}

export function parseStartArguments(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): StartArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        'data-dir': { type: 'string' },
        'in-memory': { type: 'boolean', default: false },
        'no-request-logs': { type: 'boolean', default: false },
        https: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const port =
    values.port !== undefined
      ? parsePort(values.port, '--port')
      : env['PORT'] !== undefined && env['PORT'] !== ''
        ? parsePort(env['PORT'], 'PORT')
        : 4000;
  return {
    port,
    dataDir: values['data-dir'],
    inMemory: values['in-memory'],
    requestLogs: !values['no-request-logs'] && env['COURIER_REQUEST_LOGS'] !== 'off',
    https: values.https,
  };
}

/** One JSON line per request: easy to read, easy to grep and to feed to a log tool. */
function formatRequestLog(log: RequestLog): string {
  return JSON.stringify({ time: new Date().toISOString(), ...log });
}

/** `courier start`: the contract of design.md §3. Resolves when the server has stopped. */
export async function runStart(args: readonly string[]): Promise<number> {
  let parsed: StartArguments;
  try {
    parsed = parseStartArguments(args);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`courier start: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const started = performance.now();
  const progress = (step: string): void => {
    process.stderr.write(`  … ${step}\n`);
  };
  let api: LocalApi;
  try {
    api = await startLocalApi({
      port: parsed.port,
      ...(process.env['API_KEY'] ? { apiKey: process.env['API_KEY'] } : {}),
      ...(parsed.dataDir !== undefined ? { dataDir: parsed.dataDir } : {}),
      inMemory: parsed.inMemory,
      https: parsed.https,
      onProgress: progress,
      ...(parsed.requestLogs
        ? { onRequestLog: (log: RequestLog) => console.log(formatRequestLog(log)) }
        : {}),
    });
  } catch (error) {
    console.error(`courier start: ${startFailure(error, parsed.port)}`);
    return 1;
  }
  progress(`ready in ${Math.round(performance.now() - started)} ms`);
  console.log(
    [
      `GraphQL endpoint: ${api.url}`,
      `Realtime endpoint: ${api.realtimeUrl}`,
      `API key: ${api.apiKey}`,
      `Explorer: ${api.explorerUrl}`,
    ].join('\n'),
  );
  if (api.certificate) {
    console.log(trustInstructions(api.certificate).join('\n'));
  }

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals): void => {
      if (stopping) {
        return;
      }
      stopping = true;
      process.stderr.write(`  … ${signal}: stopping\n`);
      api.stop().then(
        () => resolve(0),
        (error: unknown) => {
          console.error(`courier start: stopping failed: ${String(error)}`);
          resolve(1);
        },
      );
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** One clear line for what stopped the start-up. */
function startFailure(error: unknown, port: number): string {
  if (error instanceof JavaMissingError) {
    return error.message;
  }
  if ((error as NodeJS.ErrnoException | undefined)?.code === 'EADDRINUSE') {
    return `port ${port} on 127.0.0.1 is already in use; stop what listens there or choose another with --port (or PORT).`;
  }
  return error instanceof Error ? error.message : String(error);
}
