import { randomUUID } from 'node:crypto';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { dynamoDbLocalClient } from '../dynamodb-local/client';
import { type DynamoDbLocal, startDynamoDbLocal } from '../dynamodb-local/start';

/** What a test file gets from useDynamoDbLocal(); read it inside tests or hooks, not at load time. */
export interface DynamoDbLocalForTests {
  readonly client: DynamoDBClient;
  readonly instance: DynamoDbLocal;
}

/** The JVM needs a few seconds on a busy 2-core machine; give start and stop ample time. */
const HOOK_TIMEOUT_MS = 60_000;

/**
 * One in-memory DynamoDB Local for the calling test file: started in beforeAll, stopped in
 * afterAll. Tables persist across the file's tests, so give each test its own table names
 * (uniqueTableName) rather than relying on a clean database.
 */
export function useDynamoDbLocal(): DynamoDbLocalForTests {
  let instance: DynamoDbLocal | undefined;
  let client: DynamoDBClient | undefined;
  beforeAll(async () => {
    instance = await startDynamoDbLocal();
    client = dynamoDbLocalClient(instance);
  }, HOOK_TIMEOUT_MS);
  afterAll(async () => {
    client?.destroy();
    await instance?.stop();
  }, HOOK_TIMEOUT_MS);
  return {
    get client(): DynamoDBClient {
      if (client === undefined) {
        throw new Error('useDynamoDbLocal().client is available inside tests and hooks only');
      }
      return client;
    },
    get instance(): DynamoDbLocal {
      if (instance === undefined) {
        throw new Error('useDynamoDbLocal().instance is available inside tests and hooks only');
      }
      return instance;
    },
  };
}

/** A table name no other test uses: `<prefix>-<8 hex>` (DynamoDB allows [A-Za-z0-9_.-], 3..255). */
export function uniqueTableName(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
