import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DataSourceRequestError, type DataSourceResult } from '../types';
import { LambdaBuildError } from './bundle';
import {
  createLambdaDataSource,
  type LambdaDataSource,
  type LambdaDataSourceOptions,
} from './lambda-data-source';

const projectRoot = path.join(__dirname, 'testing', 'project');
const call = { unit: 'Query.test' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let buildDir: string;
const opened: LambdaDataSource[] = [];

beforeAll(() => {
  buildDir = mkdtempSync(path.join(os.tmpdir(), 'courier-lambda-'));
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((source) => source.close()));
});
afterAll(() => {
  rmSync(buildDir, { recursive: true, force: true });
});

interface Fixture {
  readonly source: LambdaDataSource;
  readonly logs: string[];
}

/** A data source on a fixture handler; `resolvers/lambda/<file>.ts`, export `handler` unless named. */
function lambda(
  name: string,
  file: string,
  options: {
    handler?: string;
    timeoutSeconds?: number;
    environment?: Record<string, string>;
    extra?: Partial<LambdaDataSourceOptions>;
  } = {},
): Fixture {
  const logs: string[] = [];
  const source = createLambdaDataSource({
    name,
    spec: {
      kind: 'LAMBDA',
      entry: `lambda/${file}.ts`,
      ...(options.handler === undefined ? {} : { handler: options.handler }),
      ...(options.timeoutSeconds === undefined ? {} : { timeoutSeconds: options.timeoutSeconds }),
    },
    projectRoot,
    buildDir,
    environment: options.environment ?? { AWS_REGION: 'eu-west-1' },
    onLog: (line) => logs.push(line),
    ...options.extra,
  });
  opened.push(source);
  return { source, logs };
}

function invoke(source: LambdaDataSource, payload: unknown): Promise<DataSourceResult> {
  return source.invoke({ operation: 'Invoke', payload }, call);
}

async function eventually(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) {
      throw new Error('The condition did not hold in time.');
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('a Lambda data source', () => {
  it('calls the handler with the payload as the event and a Lambda context, and returns its result', async () => {
    const { source } = lambda('echoFn', 'echo');
    const { result, error } = await invoke(source, { id: 'q1', list: [1, 2] });
    expect(error).toBeUndefined();
    expect(result).toEqual({
      event: { id: 'q1', list: [1, 2] },
      invocations: 1,
      threadId: expect.any(Number),
      context: {
        awsRequestId: expect.stringMatching(UUID),
        functionName: 'echoFn',
        functionVersion: '$LATEST',
        invokedFunctionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:echoFn',
        memoryLimitInMB: '512',
        logGroupName: '/aws/lambda/echoFn',
        logStreamName: 'local/[$LATEST]echoFn',
        callbackWaitsForEmptyEventLoop: true,
        remainingMs: expect.any(Number),
      },
    });
    const remaining = (result as { context: { remainingMs: number } }).context.remainingMs;
    expect(remaining).toBeGreaterThan(9_000);
    expect(remaining).toBeLessThanOrEqual(10_000);
  });

  it('keeps an execution environment warm between invocations', async () => {
    const { source } = lambda('warmFn', 'echo');
    const first = (await invoke(source, 1)).result as { threadId: number; invocations: number };
    const second = (await invoke(source, 2)).result as { threadId: number; invocations: number };
    expect(second).toMatchObject({ threadId: first.threadId, invocations: 2 });
  });

  it.each<[string, string, unknown]>([
    ['undefined as null', 'nothing', null],
    ['a null payload as a null event', 'identity', null],
    ['values through a JSON round trip', 'lossy', { when: '1970-01-01T00:00:00.000Z', nan: null }],
  ])('returns %s', async (_case, handler, expected) => {
    const { source } = lambda(`json-${handler}`, 'echo', { handler });
    await expect(invoke(source, null)).resolves.toEqual({ result: expected });
  });

  it('answers a result JSON cannot carry with the runtime error Lambda reports', async () => {
    const { source } = lambda('unserializableFn', 'echo', { handler: 'unserializable' });
    await expect(invoke(source, null)).resolves.toEqual({
      result: null,
      error: {
        type: 'Lambda:Unhandled',
        message: 'Unable to stringify response body',
        unhandledErrorType: 'Runtime.JSONStringifyError',
      },
    });
  });

  it('supports handlers that answer through the callback', async () => {
    const { source } = lambda('callbackFn', 'echo', { handler: 'callback' });
    await expect(invoke(source, 'x')).resolves.toEqual({ result: { viaCallback: 'x' } });
    const failing = lambda('callbackErrorFn', 'echo', { handler: 'callbackError' }).source;
    await expect(invoke(failing, 'x')).resolves.toMatchObject({
      result: null,
      error: { type: 'Lambda:Unhandled', message: 'callback failure' },
    });
  });

  describe('when the handler fails', () => {
    it('answers Lambda:Unhandled with the error message and logs the source-mapped stack', async () => {
      const { source, logs } = lambda('throwsFn', 'failures');
      await expect(invoke(source, { message: 'queue is gone' })).resolves.toEqual({
        result: null,
        error: { type: 'Lambda:Unhandled', message: 'queue is gone', unhandledErrorType: 'Error' },
      });
      expect(logs.join('\n')).toMatch(/\[throwsFn\] .*\tERROR\tInvoke Error\tError: queue is gone/);
      expect(logs.join('\n')).toMatch(/resolvers\/lambda\/failures\.ts:\d+:\d+/);
    });

    it.each<[string, string, object]>([
      [
        'an error class of its own',
        'custom',
        { message: 'No queue named orders', unhandledErrorType: 'QueueNotFound' },
      ],
      [
        'a rejection that is not an Error',
        'rejectsString',
        { message: 'plain string', unhandledErrorType: 'string' },
      ],
    ])('reports %s under Lambda:Unhandled', async (_case, handler, expected) => {
      const { source } = lambda(`fails-${handler}`, 'failures', { handler });
      await expect(invoke(source, null)).resolves.toEqual({
        result: null,
        error: { type: 'Lambda:Unhandled', ...expected },
      });
    });

    it('stops a handler that runs past its timeout, and says so as Lambda does', async () => {
      const { source, logs } = lambda('spinsFn', 'failures', {
        handler: 'spins',
        timeoutSeconds: 1,
      });
      const started = Date.now();
      const { result, error } = await invoke(source, null);
      expect(Date.now() - started).toBeLessThan(3_000);
      expect(result).toBeNull();
      expect(error).toEqual({
        type: 'Lambda:Unhandled',
        message: expect.stringMatching(
          /^RequestId: \S+ Error: Task timed out after 1\.00 seconds$/,
        ),
        unhandledErrorType: 'Sandbox.Timedout',
      });
      expect(logs.join('\n')).toContain('\tERROR\tTask timed out after 1.00 seconds');
    });

    it('replaces an environment after a timeout, so the next invocation runs cold and succeeds', async () => {
      const { source } = lambda('recoversFn', 'failures', { handler: 'sleeps', timeoutSeconds: 1 });
      await expect(invoke(source, { ms: 1_500 })).resolves.toMatchObject({
        error: { unhandledErrorType: 'Sandbox.Timedout' },
      });
      await expect(invoke(source, { ms: 1 })).resolves.toEqual({
        result: { slept: 1, remaining: expect.any(Number) },
      });
    });

    it('stops waiting when AppSync would, while the function runs on', async () => {
      const { source } = lambda('patienceFn', 'failures', {
        handler: 'sleeps',
        timeoutSeconds: 5,
        extra: { appSyncWaitMs: 200 },
      });
      await expect(invoke(source, { ms: 1_000 })).resolves.toEqual({
        result: null,
        error: {
          type: 'Lambda:ExecutionTimeoutException',
          message: 'Execution timed out.',
          unhandledErrorType: null,
        },
      });
    });

    it.each<[string, string, object]>([
      [
        'exits the process',
        'exits',
        {
          message: expect.stringMatching(
            /^RequestId: \S+ Error: Runtime exited with error: exit status 3$/,
          ),
          unhandledErrorType: 'Runtime.ExitError',
        },
      ],
      [
        'throws from a timer',
        'timerThrows',
        { message: 'thrown from a timer', unhandledErrorType: 'Error' },
      ],
    ])('recovers when the handler %s', async (_case, handler, expected) => {
      const { source } = lambda(`crash-${handler}`, 'failures', { handler });
      await expect(invoke(source, null)).resolves.toEqual({
        result: null,
        error: { type: 'Lambda:Unhandled', ...expected },
      });
      // The environment is gone; a fresh one takes the next invocation.
      await expect(invoke(source, { carryOn: true })).resolves.toEqual({ result: 'carried on' });
    });
  });

  describe('when the handler cannot load', () => {
    it('reports an error thrown while the module loads, and loads again on the next invocation', async () => {
      const { source } = lambda('initFn', 'init-throws');
      const expected = {
        result: null,
        error: {
          type: 'Lambda:Unhandled',
          message: 'REQUIRED_SETTING is not set',
          unhandledErrorType: 'Error',
        },
      };
      await expect(invoke(source, null)).resolves.toEqual(expected);
      await expect(invoke(source, null)).resolves.toEqual(expected);
      const configured = lambda('initOkFn', 'init-throws', {
        environment: { REQUIRED_SETTING: 'set' },
      });
      await expect(invoke(configured.source, null)).resolves.toEqual({ result: 'set' });
    });

    it.each<[string, string]>([
      ['missing', 'index.missing is undefined or not exported'],
      ['notAFunction', 'index.notAFunction is not a function'],
    ])('reports handler %s as Lambda does', async (handler, message) => {
      const { source } = lambda(`handler-${handler}`, 'echo', { handler });
      await expect(invoke(source, null)).resolves.toEqual({
        result: null,
        error: { type: 'Lambda:Unhandled', message, unhandledErrorType: 'Runtime.HandlerNotFound' },
      });
    });

    it('refuses to invoke an entry that does not build, naming the file', async () => {
      const { source } = lambda('missingFn', 'does-not-exist');
      const invocation = invoke(source, null);
      await expect(invocation).rejects.toBeInstanceOf(LambdaBuildError);
      await expect(invocation).rejects.toThrow(
        'The Lambda function missingFn cannot be built from resolvers/lambda/does-not-exist.ts:',
      );
      await expect(source.build()).rejects.toThrow('Could not resolve');
    });
  });

  it('runs concurrent invocations in separate environments, never two in one, up to the pool size', async () => {
    const { source } = lambda('concurrentFn', 'concurrency', { extra: { poolSize: 2 } });
    await source.build();
    const started = Date.now();
    const results = await Promise.all(
      [1, 2, 3, 4].map(async () => (await invoke(source, { ms: 400 })).result),
    );
    const elapsed = Date.now() - started;
    const outcomes = results as { threadId: number; mostAtOnce: number; invocations: number }[];
    expect(new Set(outcomes.map((outcome) => outcome.threadId)).size).toBe(2);
    expect(outcomes.every((outcome) => outcome.mostAtOnce === 1)).toBe(true);
    expect(outcomes.map((outcome) => outcome.invocations).sort()).toEqual([1, 1, 2, 2]);
    // Two at a time: two rounds of 400 ms, neither one round (four at once) nor four (one at a time).
    expect(elapsed).toBeGreaterThanOrEqual(800);
    expect(elapsed).toBeLessThan(1_500);
  });

  it('sets process.env to exactly the function environment and the variables Lambda defines', async () => {
    const { source } = lambda('envFn', 'environment', {
      environment: {
        QUEUES_TABLE: 'courier-queues',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'courier',
        AWS_SECRET_ACCESS_KEY: 'courier',
      },
    });
    const { result } = await invoke(source, null);
    const env = result as Record<string, string>;
    expect(Object.keys(env).sort()).toEqual(
      [
        'PATH',
        'LANG',
        'LAMBDA_TASK_ROOT',
        '_HANDLER',
        'AWS_EXECUTION_ENV',
        'AWS_LAMBDA_FUNCTION_NAME',
        'AWS_LAMBDA_FUNCTION_VERSION',
        'AWS_LAMBDA_FUNCTION_MEMORY_SIZE',
        'AWS_LAMBDA_LOG_GROUP_NAME',
        'AWS_LAMBDA_LOG_STREAM_NAME',
        'AWS_LAMBDA_INITIALIZATION_TYPE',
        'AWS_DEFAULT_REGION',
        'QUEUES_TABLE',
        'AWS_ENDPOINT_URL_DYNAMODB',
        'AWS_REGION',
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
      ].sort(),
    );
    expect(env).toMatchObject({
      QUEUES_TABLE: 'courier-queues',
      AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:8000',
      AWS_REGION: 'eu-west-1',
      AWS_DEFAULT_REGION: 'eu-west-1',
      AWS_LAMBDA_FUNCTION_NAME: 'envFn',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
      _HANDLER: 'index.handler',
      LAMBDA_TASK_ROOT: path.join(buildDir, 'envFn'),
    });
  });

  it('forwards console output line by line, prefixed with the function name, level and request id', async () => {
    const { source, logs } = lambda('logsFn', 'logs', {
      extra: { clock: () => Date.UTC(2025, 0, 2, 3, 4, 5) },
    });
    await invoke(source, { word: 'hello' });
    const requestId = /\t([0-9a-f-]{36})\t/.exec(logs[0] ?? '')?.[1] ?? 'none';
    expect(logs.map((line) => line.replaceAll(requestId, '<id>'))).toEqual([
      '[logsFn] 2025-01-02T03:04:05.000Z\t<id>\tINFO\tlog hello',
      '[logsFn] 2025-01-02T03:04:05.000Z\t<id>\tINFO\tinfo { n: 1 }',
      '[logsFn] 2025-01-02T03:04:05.000Z\t<id>\tWARN\twarn',
      '[logsFn] 2025-01-02T03:04:05.000Z\t<id>\tERROR\ttwo',
      '[logsFn] lines',
      '[logsFn] 2025-01-02T03:04:05.000Z\t<id>\tINFO\traw stdout',
    ]);
  });

  it('answers an Event invocation at once with null and runs it in the background', async () => {
    const { source, logs } = lambda('eventFn', 'logs');
    await source.build();
    await expect(
      source.invoke(
        { operation: 'Invoke', invocationType: 'Event', payload: { word: 'later' } },
        call,
      ),
    ).resolves.toEqual({ result: null });
    await eventually(() => logs.some((line) => line.endsWith('\tINFO\tlog later')));
  });

  describe('with BatchInvoke', () => {
    it('sends every payload in one event and gives each field its element', async () => {
      const { source } = lambda('batchFn', 'batch');
      await expect(source.invokeBatch([{ id: 1 }, { id: -1 }, { id: 3 }], call)).resolves.toEqual([
        { result: { id: 1, double: 2 } },
        { result: null },
        { result: { id: 3, double: 6 } },
      ]);
    });

    it('treats a single BatchInvoke request as a batch of one', async () => {
      const { source } = lambda('batchOneFn', 'batch');
      await expect(
        source.invoke({ operation: 'BatchInvoke', payload: { id: 4 } }, call),
      ).resolves.toEqual({ result: { id: 4, double: 8 } });
    });

    it('invokes nothing for an empty batch', async () => {
      const { source } = lambda('batchEmptyFn', 'does-not-exist');
      await expect(source.invokeBatch([], call)).resolves.toEqual([]);
    });

    it.each<[string, string, string]>([
      ['too few results', 'short', 'returned an array of 1 for a batch of 2 events'],
      [
        'a value that is not a list',
        'notAList',
        'returned a value of type object for a batch of 2 events',
      ],
    ])('fails every field when the function returns %s', async (_case, handler, got) => {
      const { source } = lambda(`batch-${handler}`, 'batch', { handler });
      const error = {
        type: 'Lambda:InvalidBatchResponse',
        message: `The Lambda function batch-${handler} ${got}; BatchInvoke needs an array of exactly 2 results, one per event, in order.`,
        unhandledErrorType: null,
      };
      await expect(source.invokeBatch([{ id: 1 }, { id: 2 }], call)).resolves.toEqual([
        { result: null, error },
        { result: null, error },
      ]);
    });

    it('fails every field with the error the function threw', async () => {
      const { source } = lambda('batchThrowsFn', 'failures');
      const results = await source.invokeBatch([{}, {}], call);
      expect(results).toEqual([
        {
          result: null,
          error: { type: 'Lambda:Unhandled', message: 'boom', unhandledErrorType: 'Error' },
        },
        {
          result: null,
          error: { type: 'Lambda:Unhandled', message: 'boom', unhandledErrorType: 'Error' },
        },
      ]);
    });
  });

  it.each<[string, unknown, string]>([
    [
      'a request that is not an object',
      'Invoke',
      `A Lambda request must be an object such as { operation: 'Invoke', payload }; received "Invoke".`,
    ],
    [
      'an unknown operation',
      { operation: 'invoke', payload: 1 },
      'A Lambda request\'s operation must be "Invoke" or "BatchInvoke"; received "invoke".',
    ],
    [
      'a missing operation',
      { payload: 1 },
      'A Lambda request\'s operation must be "Invoke" or "BatchInvoke"; received undefined.',
    ],
    [
      'an unknown invocation type',
      { operation: 'Invoke', invocationType: 'Async', payload: 1 },
      'A Lambda request\'s invocationType must be "RequestResponse" or "Event" when given; received "Async".',
    ],
    [
      'a missing payload',
      { operation: 'Invoke' },
      `A Lambda request needs a payload, the function's event (null for none); received {"operation":"Invoke"}, which has none.`,
    ],
    [
      'a payload JSON cannot carry',
      { operation: 'Invoke', payload: { n: BigInt(1) } },
      'A Lambda payload must be JSON; this one cannot be serialized (Do not know how to serialize a BigInt).',
    ],
  ])('refuses %s before invoking anything', async (_case, request, message) => {
    const { source } = lambda('refusesFn', 'does-not-exist');
    const invocation = source.invoke(request, call);
    await expect(invocation).rejects.toBeInstanceOf(DataSourceRequestError);
    await expect(invocation).rejects.toThrow(message);
  });

  it('refuses invocations once closed', async () => {
    const { source } = lambda('closedFn', 'echo');
    await invoke(source, null);
    await source.close();
    await expect(invoke(source, null)).rejects.toThrow(
      'The execution environments were closed before the invocation could start.',
    );
  });
});
