import childProcess from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  CreateTableCommand,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
} from '@aws-sdk/client-dynamodb';
import { uniqueTableName, useDynamoDbLocal } from '../testing/dynamodb-local';
import { dynamoDbLocalClient } from './client';
import { randomCredentials } from './credentials';
import { DynamoDbLocalStartError, JavaMissingError } from './errors';
import { findFreePort } from './free-port';
import { isRunning, jvmsOnPort } from './fixtures/processes';
import { type DynamoDbLocal, startDynamoDbLocal } from './start';

const JVM_TIMEOUT_MS = 60_000;

describe('useDynamoDbLocal', () => {
  const ddb = useDynamoDbLocal();

  it('starts an in-memory DynamoDB Local that answers at 127.0.0.1', async () => {
    const tables = await ddb.client.send(new ListTablesCommand({}));
    expect(tables.TableNames).toEqual([]);
    expect(ddb.instance.endpoint).toBe(`http://127.0.0.1:${ddb.instance.port}`);
    expect(isRunning(ddb.instance.pid)).toBe(true);
  });

  it('gives unique table names', () => {
    expect(uniqueTableName('Messages')).toMatch(/^Messages-[0-9a-f]{8}$/);
    expect(uniqueTableName('Messages')).not.toBe(uniqueTableName('Messages'));
  });
});

describe('startDynamoDbLocal', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'courier-ddb-'));
  });
  afterEach(() => {
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** Starts, runs `use` with a client, and always stops. */
  async function withInstance(
    options: Parameters<typeof startDynamoDbLocal>[0],
    use: (client: ReturnType<typeof dynamoDbLocalClient>, instance: DynamoDbLocal) => Promise<void>,
  ): Promise<DynamoDbLocal> {
    const instance = await startDynamoDbLocal(options);
    const client = dynamoDbLocalClient(instance);
    try {
      await use(client, instance);
    } finally {
      client.destroy();
      await instance.stop();
    }
    return instance;
  }

  async function createAndPut(client: ReturnType<typeof dynamoDbLocalClient>): Promise<void> {
    await client.send(
      new CreateTableCommand({
        TableName: 'Kept',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      }),
    );
    await client.send(
      new PutItemCommand({ TableName: 'Kept', Item: { id: { S: 'a' }, n: { N: '1' } } }),
    );
  }

  it(
    'keeps tables and items in a data directory across a stop and a start with the same key',
    async () => {
      const credentials = randomCredentials();
      await withInstance({ dataDir, credentials }, createAndPut);
      await withInstance({ dataDir, credentials }, async (client) => {
        const item = await client.send(
          new GetItemCommand({ TableName: 'Kept', Key: { id: { S: 'a' } } }),
        );
        expect(item.Item).toEqual({ id: { S: 'a' }, n: { N: '1' } });
      });
    },
    JVM_TIMEOUT_MS,
  );

  it(
    "shows a client with another access key none of the data directory's tables",
    async () => {
      await withInstance({ dataDir, credentials: randomCredentials() }, createAndPut);
      await withInstance({ dataDir, credentials: randomCredentials() }, async (client) => {
        expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      });
    },
    JVM_TIMEOUT_MS,
  );

  it(
    'keeps nothing between two in-memory runs',
    async () => {
      await withInstance({}, createAndPut);
      await withInstance({}, async (client) => {
        expect((await client.send(new ListTablesCommand({}))).TableNames).toEqual([]);
      });
    },
    JVM_TIMEOUT_MS,
  );

  it(
    'waits for the JVM to exit on stop and releases its port',
    async () => {
      const port = await findFreePort();
      const progress: string[] = [];
      const instance = await withInstance(
        { port, onProgress: (line) => progress.push(line) },
        async () => {},
      );
      expect(instance.port).toBe(port);
      expect(isRunning(instance.pid)).toBe(false);
      await expect(instance.exited).resolves.toEqual({ code: 143, signal: null }); // the JVM exits 128+15 on SIGTERM
      expect(progress).toContainEqual(
        expect.stringMatching(/^DynamoDB Local ready at http:\/\/127\.0\.0\.1:\d+ in \d+ ms$/),
      );
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen({ port, host: '0.0.0.0', exclusive: true }, resolve);
      });
      await new Promise((resolve) => server.close(resolve));
      await expect(instance.stop()).resolves.toBeUndefined();
    },
    JVM_TIMEOUT_MS,
  );

  it('refuses a given port that is already taken, leaving no JVM', async () => {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const error: unknown = await startDynamoDbLocal({ port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DynamoDbLocalStartError);
      expect((error as DynamoDbLocalStartError).code).toBe('PORT_IN_USE');
      expect((error as Error).message.replace(String(port), 'PORT')).toMatchInlineSnapshot(
        `"DynamoDB Local cannot listen on port PORT: it is already in use. Choose another port, or omit it to use a free one."`,
      );
      expect(jvmsOnPort(port)).toEqual([]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it(
    'stops the JVM when it does not become ready in time',
    async () => {
      const port = await findFreePort();
      const error: unknown = await startDynamoDbLocal({ port, readyTimeoutMs: 1 }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DynamoDbLocalStartError);
      expect((error as DynamoDbLocalStartError).code).toBe('NOT_READY');
      expect((error as Error).message).toMatch(
        /^DynamoDB Local did not answer at http:\/\/127\.0\.0\.1:\d+ within 1 ms/,
      );
      expect(jvmsOnPort(port)).toEqual([]);
    },
    JVM_TIMEOUT_MS,
  );

  it.each([
    [
      'a missing javaCommand',
      { javaCommand: '/nonexistent/bin/java' },
      {},
      '"DynamoDB Local needs Java 17 or newer, and `/nonexistent/bin/java` does not exist. Install a JRE (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) or set JAVA_HOME."',
    ],
    [
      'a JAVA_HOME without java',
      {},
      { JAVA_HOME: '/nonexistent' },
      '"DynamoDB Local needs Java 17 or newer, and `/nonexistent/bin/java` (from JAVA_HOME) does not exist. Install a JRE (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) or set JAVA_HOME."',
    ],
    [
      'no java on PATH',
      {},
      { JAVA_HOME: undefined, PATH: '/nonexistent' },
      '"DynamoDB Local needs Java 17 or newer, and `java` was not found on PATH. Install a JRE (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) or set JAVA_HOME."',
    ],
  ])(
    'refuses %s with one line saying how to fix it, spawning nothing',
    async (_, options, env, message) => {
      const saved = { ...process.env };
      const spawn = jest.spyOn(childProcess, 'spawn');
      try {
        for (const [name, value] of Object.entries(env)) {
          if (value === undefined) {
            Reflect.deleteProperty(process.env, name);
          } else {
            process.env[name] = value;
          }
        }
        const error: unknown = await startDynamoDbLocal(options).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(JavaMissingError);
        expect(JSON.stringify((error as Error).message)).toBe(message);
        expect((error as JavaMissingError).code).toBe('JAVA_MISSING');
        expect(spawn).not.toHaveBeenCalled();
      } finally {
        spawn.mockRestore();
        process.env = saved;
      }
    },
  );

  /** A stand-in for `java` that prints `stderr` and exits with `code`. */
  function fakeJava(stderr: string, code: number): string {
    const file = path.join(dataDir, 'java');
    fs.writeFileSync(
      file,
      `#!/bin/sh\nprintf '%s\\n' ${JSON.stringify(stderr)} >&2\nexit ${code}\n`,
      { mode: 0o755 },
    );
    return file;
  }

  it('reports a JVM that exits at start-up with the tail of its output', async () => {
    const javaCommand = fakeJava('Error: Could not create the Java Virtual Machine.', 1);
    const error: unknown = await startDynamoDbLocal({ javaCommand }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDbLocalStartError);
    expect((error as DynamoDbLocalStartError).code).toBe('EXITED');
    expect((error as Error).message).toBe(
      'DynamoDB Local exited before answering any request (exit code 1). Its last output:\n' +
        'Error: Could not create the Java Virtual Machine.',
    );
  });

  it('refuses a Java older than 17 with one line saying how to fix it', async () => {
    const javaCommand = fakeJava(
      'Exception in thread "main" java.lang.UnsupportedClassVersionError: software/amazon/dynamodb/services/local/main/ServerRunner has been compiled by a more recent version of the Java Runtime (class file version 61.0), this version of the Java Runtime only recognizes class file versions up to 55.0',
      1,
    );
    const error: unknown = await startDynamoDbLocal({ javaCommand }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JavaMissingError);
    expect((error as Error).message.replace(javaCommand, 'JAVA')).toBe(
      'DynamoDB Local needs Java 17 or newer, and `JAVA` is Java 11. Install a JRE (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`) or set JAVA_HOME.',
    );
  });
});
