/**
 * The local engine over HTTP, side by side in one run (10 concurrent connections each):
 * 1. a NONE-data-source query through the whole engine vs the same query on a plain graphql-js
 *    server (baseline), and vs 5,000 req/s, the best local AppSync emulator measured on this
 *    machine class (goal: at least 2x that);
 * 2. a single-PutItem mutation through the whole engine vs the same PutItem sent straight to the
 *    same DynamoDB Local from Node (goal: at least 0.9 of the direct throughput).
 * Servers run in child processes; load comes from this process.
 */
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import autocannon from 'autocannon';
import { startChildServer } from './support/child-server';

// Courier pins its AWS SDK; its notice about future Node versions would only clutter the figures.
process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] ??= 'true';

const CONNECTIONS = 10;
const DURATION_S = Number(process.env['BENCH_SECONDS'] ?? 8);
const REFERENCE_EMULATOR_RPS = 5_000;

async function load(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ rps: number; errors: number; p99: number }> {
  const run = (duration: number) =>
    autocannon({
      url,
      method: 'POST',
      connections: CONNECTIONS,
      duration,
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  await run(2); // warm-up: JIT, document cache, connection pools
  const result = await run(DURATION_S);
  return {
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    p99: result.latency.p99,
  };
}

/** CONNECTIONS concurrent callers sending PutItem straight to DynamoDB Local for DURATION_S. */
async function directPuts(client: DynamoDBClient, table: string): Promise<number> {
  const send = (i: number) =>
    client.send(
      new PutItemCommand({
        TableName: table,
        Item: { pk: { S: 'bench-direct' }, sk: { S: String(i % 1000) }, kind: { S: 'k' } },
      }),
    );
  const runFor = async (seconds: number): Promise<number> => {
    let count = 0;
    const deadline = Date.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < deadline) {
          await send(count);
          count += 1;
        }
      }),
    );
    return count / seconds;
  };
  await runFor(2);
  return runFor(DURATION_S);
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function main(): Promise<void> {
  const engine = await startChildServer('serve-engine.ts');
  const plain = await startChildServer('serve-plain-graphql.ts');
  try {
    const url = engine.info['url'] as string;
    const key = { 'x-api-key': engine.info['apiKey'] as string };
    const echo = { query: 'query ($m: String!) { echo(message: $m) }', variables: { m: 'hi' } };

    const engineQuery = await load(url, echo, key);
    const plainQuery = await load(plain.info['url'] as string, echo);

    const put = {
      query: 'mutation ($sk: String!) { putItem(pk: "bench-engine", sk: $sk, kind: "k") { pk } }',
      variables: { sk: 'same' },
    };
    const enginePut = await load(url, put, key);
    const dynamodb = engine.info['dynamodb'] as {
      endpoint: string;
      region: string;
      credentials: { accessKeyId: string; secretAccessKey: string };
    };
    const client = new DynamoDBClient({
      endpoint: dynamodb.endpoint,
      region: dynamodb.region,
      credentials: { ...dynamodb.credentials },
    });
    const direct = await directPuts(client, 'items');
    client.destroy();

    console.log(
      `${CONNECTIONS} connections, ${DURATION_S} s per measurement, 2 cores shared by load and server`,
    );
    console.log('');
    console.log('NONE-data-source query');
    console.log(
      `  engine             ${fmt(engineQuery.rps)} req/s  p99 ${engineQuery.p99} ms  errors ${engineQuery.errors}`,
    );
    console.log(`  plain graphql-js   ${fmt(plainQuery.rps)} req/s  p99 ${plainQuery.p99} ms`);
    console.log(
      `  engine / plain graphql-js:           ${(engineQuery.rps / plainQuery.rps).toFixed(2)}`,
    );
    console.log(
      `  engine / 5,000 req/s reference:      ${(engineQuery.rps / REFERENCE_EMULATOR_RPS).toFixed(2)}  (goal >= 2.00)`,
    );
    console.log('');
    console.log('single PutItem');
    console.log(
      `  engine mutation    ${fmt(enginePut.rps)} req/s  p99 ${enginePut.p99} ms  errors ${enginePut.errors}`,
    );
    console.log(`  direct PutItem     ${fmt(direct)} req/s`);
    console.log(
      `  engine / direct:                     ${(enginePut.rps / direct).toFixed(2)}  (goal >= 0.90)`,
    );
  } finally {
    await Promise.all([engine.stop(), plain.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
