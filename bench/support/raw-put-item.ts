/**
 * The queue benchmark's baseline: PutItem of an item shaped and sized like a stored standard
 * message (same attributes, a `lane` so the `ready` index is written too, the same condition),
 * sent with the AWS SDK straight to a DynamoDB endpoint by `concurrency` callers.
 */
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

export interface DynamoDbTarget {
  readonly endpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

export interface PutRateOptions {
  readonly table: string;
  readonly concurrency: number;
  readonly puts: number;
  readonly bodyBytes: number;
  /** Keeps each run's items apart. */
  readonly label: string;
}

/** Puts per second over `options.puts` PutItems. */
export async function rawPutRate(target: DynamoDbTarget, options: PutRateOptions): Promise<number> {
  const client = new DynamoDBClient({
    endpoint: target.endpoint,
    region: target.region,
    credentials: { ...target.credentials },
  });
  const body = 'x'.repeat(options.bodyBytes);
  const put = (n: number) => {
    const now = Date.now();
    const pk = `bench-raw#${options.label}#${n % 8}`;
    return client.send(
      new PutItemCommand({
        TableName: options.table,
        Item: {
          pk: { S: pk },
          sk: { S: `m#${String(n).padStart(26, '0')}` },
          lane: { S: pk },
          readyAt: { N: String(now) },
          queue: { S: `bench-raw-${options.label}` },
          id: { S: String(n).padStart(26, '0') },
          body: { S: body },
          sentAt: { S: new Date(now).toISOString() },
          receiveCount: { N: '0' },
          expiresAtMs: { N: String(now + 345_600_000) },
          expiresAt: { N: String(Math.ceil(now / 1000) + 345_600) },
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  };
  try {
    let next = 0;
    const startedAt = performance.now();
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (next < options.puts) {
          const n = next;
          next += 1;
          await put(n);
        }
      }),
    );
    return options.puts / ((performance.now() - startedAt) / 1000);
  } finally {
    client.destroy();
  }
}
