import type { Context, DynamoDBScanRequest } from '@aws-appsync/utils';
import { scan } from '@aws-appsync/utils/dynamodb';
import type { QueryQueuesArgs } from '../generated/graphql';
import type { RootContext } from './lib/context';
import { fail, failOnDataSourceError } from './lib/errors';
import { QueueLimits } from './lib/limits';
import { checkRange } from './lib/problems';
import { toQueue, type QueueItem } from './lib/queue-record';

interface ScanResult {
  items: QueueItem[];
  nextToken?: string | null;
}

/** Pages through the queues table. A page may hold fewer than `limit` queues (DynamoDB's Limit). */
export function request(ctx: Context<QueryQueuesArgs>): DynamoDBScanRequest {
  const { limit, nextToken } = ctx.args;
  const invalid = checkRange('limit', limit, QueueLimits.listLimit.min, QueueLimits.listLimit.max);
  if (invalid) {
    return fail(invalid);
  }
  return scan({
    limit: limit ?? QueueLimits.listLimit.default,
    ...(nextToken ? { nextToken } : {}),
  });
}

export function response(ctx: RootContext<QueryQueuesArgs, ScanResult>): {
  items: ReturnType<typeof toQueue>[];
  nextToken: string | null;
} {
  failOnDataSourceError(ctx);
  return { items: ctx.result.items.map(toQueue), nextToken: ctx.result.nextToken ?? null };
}
