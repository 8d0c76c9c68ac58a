import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { LambdaSpec } from '../../../../resolvers/manifest';
import type { BatchingDataSource, DataSourceCall, DataSourceResult } from '../types';
import { bundleHandler, lambdaRuntimeScript } from './bundle';
import {
  DEFAULT_MEMORY_MB,
  DEFAULT_TIMEOUT_SECONDS,
  lambdaEnvironment,
  runtimeData,
  type FunctionIdentity,
} from './environment';
import {
  executionTimeoutError,
  invalidBatchResponseError,
  unhandledError,
  type LambdaDataSourceError,
} from './errors';
import {
  ExecutionEnvironment,
  type InvocationOutcome,
  type LogEvent,
} from './execution-environment';
import { ExecutionPool } from './pool';
import { eventJson, parseLambdaRequest } from './request';

/** Execution environments per function: two cores, so two invocations truly run at once. */
export const DEFAULT_POOL_SIZE = 2;
/** AppSync stops waiting for a data source after 30 seconds, whatever the function's timeout. */
export const APPSYNC_WAIT_MS = 30_000;
const DEFAULT_REGION = 'us-east-1';

export interface LambdaDataSourceOptions {
  /** The data source's name in the manifest, used as the function's name. */
  readonly name: string;
  readonly spec: LambdaSpec<string>;
  /** The project whose resolvers/ holds `spec.entry`. */
  readonly projectRoot: string;
  /** Where the bundle is written (`<buildDir>/<name>/index.mjs`). */
  readonly buildDir: string;
  /**
   * The function's environment, resolved: the manifest's variables with table names substituted,
   * plus AWS_ENDPOINT_URL_DYNAMODB, AWS_REGION and the credentials the engine adds.
   */
  readonly environment: Readonly<Record<string, string>>;
  /**
   * Variables known only once the engine listens (the API's own URL): read when an execution
   * environment starts, never before the first invocation.
   */
  readonly lateEnvironment?: () => Readonly<Record<string, string>>;
  /** Epoch milliseconds, for log timestamps. Defaults to Date.now. */
  readonly clock?: () => number;
  /** Execution environments kept at most; DEFAULT_POOL_SIZE when omitted. */
  readonly poolSize?: number;
  /** Receives every log line, prefixed with the function's name; stderr when omitted. */
  readonly onLog?: (line: string) => void;
  /** How long a synchronous invocation is waited for; APPSYNC_WAIT_MS when omitted. */
  readonly appSyncWaitMs?: number;
}

/** A Lambda data source that can also build its bundle ahead of the first call. */
export interface LambdaDataSource extends BatchingDataSource {
  /** Bundles the handler (once); rejects with a LambdaBuildError when it does not build. */
  build(): Promise<void>;
  close(): Promise<void>;
}

type Settled =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'error'; readonly error: LambdaDataSourceError };

/**
 * A Lambda data source backed by the project's own handler module, run locally as Lambda runs it:
 * bundled with esbuild, loaded in worker threads whose `process.env` is exactly the function's
 * environment (so the AWS SDK, and Dynamoose on top of it, reach DynamoDB Local through
 * AWS_ENDPOINT_URL_DYNAMODB with no local-only code), called as `handler(event, context)`, with
 * Lambda's timeout and AppSync's error shapes [runtime §6].
 */
export function createLambdaDataSource(options: LambdaDataSourceOptions): LambdaDataSource {
  const functionName = options.name;
  const clock = options.clock ?? Date.now;
  const timeoutMs = (options.spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
  const memoryMb = options.spec.memoryMb ?? DEFAULT_MEMORY_MB;
  const waitMs = options.appSyncWaitMs ?? APPSYNC_WAIT_MS;
  const outDir = path.join(options.buildDir, functionName);
  const identity: FunctionIdentity = {
    functionName,
    handlerName: options.spec.handler ?? 'handler',
    memoryMb,
    region: options.environment['AWS_REGION'] ?? DEFAULT_REGION,
    modulePath: path.join(outDir, 'index.mjs'),
  };
  const env = (): Record<string, string> =>
    lambdaEnvironment(identity, { ...options.environment, ...options.lateEnvironment?.() }, outDir);
  const data = runtimeData(identity);
  const write = options.onLog ?? ((line: string) => process.stderr.write(`${line}\n`));

  // CloudWatch's layout; Lambda writes `undefined` for the request id outside invocations.
  const log = (event: LogEvent): void => {
    const [first = '', ...rest] = event.text.split('\n');
    const stamp = new Date(clock()).toISOString();
    write(
      `[${functionName}] ${stamp}\t${event.requestId ?? 'undefined'}\t${event.level}\t${first}`,
    );
    rest.forEach((line) => write(`[${functionName}] ${line}`));
  };

  const pool = new ExecutionPool(options.poolSize ?? DEFAULT_POOL_SIZE, () => {
    return new ExecutionEnvironment({
      script: lambdaRuntimeScript(),
      data,
      env: env(),
      memoryMb,
      onLog: log,
    });
  });

  let built: Promise<void> | undefined;
  const build = (): Promise<void> => {
    built ??= bundleHandler({
      functionName,
      projectRoot: options.projectRoot,
      entry: options.spec.entry,
      outFile: identity.modulePath,
    }).catch((error: unknown) => {
      built = undefined; // a fixed source builds on the next call
      throw error;
    });
    return built;
  };

  /** One invocation, start to end, in an environment of its own. */
  const execute = async (event: string): Promise<Settled> => {
    const requestId = randomUUID();
    const outcome = await pool.run(async (environment): Promise<InvocationOutcome> => {
      const initFailure = await environment.ready;
      if (initFailure) {
        await environment.terminate();
        return { kind: 'failure', failure: initFailure };
      }
      return environment.invoke(requestId, event, timeoutMs);
    });
    if (outcome.kind === 'result') {
      return { kind: 'value', value: JSON.parse(outcome.json) as unknown };
    }
    const { failure } = outcome;
    log({
      requestId,
      level: 'ERROR',
      text: `Invoke Error\t${failure.stack ?? `${failure.errorType}: ${failure.errorMessage}`}`,
    });
    return { kind: 'error', error: unhandledError(failure) };
  };

  /** A synchronous invocation, as long as AppSync would wait for it. */
  const request = async (event: string): Promise<Settled> => {
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = new Promise<Settled>((resolve) => {
      timer = setTimeout(() => resolve({ kind: 'error', error: executionTimeoutError() }), waitMs);
    });
    try {
      return await Promise.race([execute(event), gaveUp]);
    } finally {
      clearTimeout(timer);
    }
  };

  /** An asynchronous ('Event') invocation: accepted at once, failures only logged. */
  const dispatch = (event: string): void => {
    execute(event).catch((error: unknown) => {
      log({ requestId: null, level: 'ERROR', text: `Event invocation not run: ${String(error)}` });
    });
  };

  const batch = async (payloads: readonly unknown[]): Promise<DataSourceResult[]> => {
    const settled = await request(eventJson(payloads));
    if (settled.kind === 'error') {
      return payloads.map(() => ({ result: null, error: settled.error }));
    }
    const results = settled.value;
    if (!Array.isArray(results) || results.length !== payloads.length) {
      const error = invalidBatchResponseError(functionName, results, payloads.length);
      log({ requestId: null, level: 'ERROR', text: error.message });
      return payloads.map(() => ({ result: null, error }));
    }
    return results.map((result: unknown) => ({ result }));
  };

  return {
    kind: 'LAMBDA',
    build,

    async invoke(requestObject: unknown, _call: DataSourceCall): Promise<DataSourceResult> {
      const parsed = parseLambdaRequest(requestObject);
      const event = eventJson(
        parsed.operation === 'BatchInvoke' ? [parsed.payload] : parsed.payload,
      );
      await build();
      if (parsed.invocationType === 'Event') {
        dispatch(event);
        return { result: null };
      }
      if (parsed.operation === 'BatchInvoke') {
        const [single] = await batch([parsed.payload]);
        return single ?? { result: null };
      }
      const settled = await request(event);
      return settled.kind === 'value'
        ? { result: settled.value }
        : { result: null, error: settled.error };
    },

    async invokeBatch(
      payloads: readonly unknown[],
      _call: DataSourceCall,
    ): Promise<DataSourceResult[]> {
      if (payloads.length === 0) {
        return [];
      }
      await build();
      return batch(payloads);
    },

    close(): Promise<void> {
      return pool.close();
    },
  };
}
