/**
 * DynamoDB Local alone under kill -9, to isolate the database from Courier's engine: writers send
 * PutItem and TransactWriteItems (two Puts) back to back, the JVM is killed with SIGKILL at a random
 * moment, started again on the same -dbPath, and every write that was answered with success is
 * read back. A missing one is a write DynamoDB Local acknowledged before it was durable; a
 * transaction with one of its two items stored would be one applied by half.
 *
 *   npx tsx stress/dynamodb-local-kill.ts [--rounds 6] [--writers put,put,transact,transact] [--busy N]
 *
 * --busy N runs N processes that only burn CPU meanwhile: the window between DynamoDB Local's
 * answer and its write reaching the disk widens on a busy machine (stopped at the end).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  CreateTableCommand,
  DynamoDBClient,
  GetItemCommand,
  ListTablesCommand,
  PutItemCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { findDynamoDbLocalJar } from '../infra/local/dynamodb-local/jar';
import { killHard, waitUntilGone } from './support/processes';

type Kind = 'put' | 'transact';

interface Database {
  readonly pid: number;
  readonly client: DynamoDBClient;
}

interface Acked {
  readonly key: string;
  readonly kind: Kind;
  readonly atMs: number;
}

process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const TABLE = 'kill-probe';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The JVM running now, so that a failure anywhere still kills it. */
let running: Database | undefined;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function startJvm(dbPath: string): Promise<Database> {
  const { jar, libraryDir } = findDynamoDbLocalJar();
  const port = await freePort();
  const jvm = spawn(
    'java',
    [
      '-XX:TieredStopAtLevel=1',
      '-XX:-UsePerfData',
      '-jar',
      jar,
      '-disableTelemetry',
      '-port',
      String(port),
      '-dbPath',
      dbPath,
    ],
    { cwd: libraryDir, stdio: 'ignore' },
  );
  const client = new DynamoDBClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'us-east-1',
    credentials: { accessKeyId: 'probe', secretAccessKey: 'probe' },
    maxAttempts: 1,
  });
  running = { pid: jvm.pid ?? -1, client };
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      await client.send(new ListTablesCommand({}));
      return running;
    } catch {
      await sleep(50);
    }
  }
  throw new Error('DynamoDB Local did not answer within 30 s');
}

async function stopJvm(db: Database): Promise<void> {
  killHard(db.pid);
  await waitUntilGone([db.pid], 10_000);
  db.client.destroy();
  running = undefined;
}

async function createTable(db: Database): Promise<void> {
  await db.client.send(
    new CreateTableCommand({
      TableName: TABLE,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
}

function write(db: Database, kind: Kind, key: string): Promise<unknown> {
  const item = (sk: string) => ({ pk: { S: key }, sk: { S: sk } });
  return kind === 'put'
    ? db.client.send(new PutItemCommand({ TableName: TABLE, Item: item('a') }))
    : db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            { Put: { TableName: TABLE, Item: item('a') } },
            { Put: { TableName: TABLE, Item: item('b') } },
          ],
        }),
      );
}

/** How many of the write's items the database holds: all of them, or fewer (none, or half a transaction). */
async function storedItems(db: Database, write: Acked): Promise<number> {
  let found = 0;
  for (const sk of write.kind === 'put' ? ['a'] : ['a', 'b']) {
    const answer = await db.client.send(
      new GetItemCommand({
        TableName: TABLE,
        Key: { pk: { S: write.key }, sk: { S: sk } },
        ConsistentRead: true,
      }),
    );
    found += answer.Item === undefined ? 0 : 1;
  }
  return found;
}

/** Writes until the kill; returns every answered write and the kill's time. */
async function writeUntilKilled(
  db: Database,
  round: number,
  kinds: readonly Kind[],
): Promise<{ acked: Acked[]; killAt: number }> {
  const acked: Acked[] = [];
  let counter = 0;
  let killed = false;
  const writer = async (kind: Kind): Promise<void> => {
    while (!killed) {
      const key = `r${round}-${kind}-${counter++}`;
      try {
        await write(db, kind, key);
      } catch {
        return; // the JVM is gone: this write was never answered
      }
      acked.push({ key, kind, atMs: Date.now() });
    }
  };
  const writers = kinds.map(writer);
  await sleep(1500 + Math.random() * 1000);
  const killAt = Date.now();
  killHard(db.pid);
  killed = true;
  await Promise.all(writers);
  return { acked, killAt };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      rounds: { type: 'string', default: '6' },
      writers: { type: 'string', default: 'put,put,transact,transact' },
      busy: { type: 'string', default: '0' },
    },
  });
  const burners = Array.from({ length: Number(values.busy) }, () =>
    spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }),
  );
  const kinds = values.writers.split(',') as Kind[];
  const dbPath = await mkdtemp(path.join(os.tmpdir(), 'dynamodb-kill-'));
  console.log(`DynamoDB Local kill -9: writers ${kinds.join(', ')}; CPU burners ${burners.length}`);
  let lost = 0;
  try {
    for (let round = 1; round <= Number(values.rounds); round += 1) {
      const db = await startJvm(dbPath);
      if (round === 1) {
        await createTable(db);
      }
      const { acked, killAt } = await writeUntilKilled(db, round, kinds);
      await stopJvm(db);
      const restarted = await startJvm(dbPath);
      const missing: Acked[] = [];
      let halfTransactions = 0;
      for (const answered of acked) {
        const found = await storedItems(restarted, answered);
        if (found < (answered.kind === 'put' ? 1 : 2)) {
          missing.push(answered);
          halfTransactions += found > 0 ? 1 : 0;
        }
      }
      await stopJvm(restarted);
      lost += missing.length;
      const count = (list: Acked[], kind: Kind) => list.filter((a) => a.kind === kind).length;
      console.log(
        `round ${round}: answered PutItem ${count(acked, 'put')}, TransactWriteItems ${count(acked, 'transact')}; ` +
          `missing after restart: PutItem ${count(missing, 'put')}, TransactWriteItems ${count(missing, 'transact')}` +
          (missing.length > 0
            ? ` (answered ${missing.map((m) => m.atMs - killAt).join(', ')} ms after the kill; ${halfTransactions} half-applied)`
            : ''),
      );
    }
  } finally {
    burners.forEach((burner) => killHard(burner.pid ?? -1));
    if (running !== undefined) {
      await stopJvm(running);
    }
    await rm(dbPath, { recursive: true, force: true });
  }
  console.log(`answered writes missing after kill -9 and restart: ${lost}`);
  process.exitCode = lost > 0 ? 1 : 0;
}

void main();
