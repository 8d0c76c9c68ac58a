import type { Context, DynamoDBDeleteItemRequest } from '@aws-appsync/utils';
import { remove } from '@aws-appsync/utils/dynamodb';
import type { MutationDeleteQueueArgs, Queue } from '../generated/graphql';
import type { RootContext } from './lib/context';
import { fail, failOnDataSourceError, queueNotFound } from './lib/errors';
import { toQueue, type QueueItem } from './lib/queue-record';
import { checkQueueName } from './lib/queue-name';

/** Deletes the queue item; DynamoDB returns the item as it was, or nothing when there was none. */
export function request(ctx: Context<MutationDeleteQueueArgs>): DynamoDBDeleteItemRequest {
  const invalid = checkQueueName('name', ctx.args.name);
  if (invalid) {
    return fail(invalid);
  }
  return remove({ key: { name: ctx.args.name } });
}

export function response(
  ctx: RootContext<MutationDeleteQueueArgs, QueueItem | null>,
): Omit<Queue, 'stats'> {
  failOnDataSourceError(ctx);
  if (!ctx.result) {
    return queueNotFound('name', ctx.args.name);
  }
  return toQueue(ctx.result);
}
