import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { Queue, QueryQueueArgs } from '../generated/graphql';
import type { RootContext } from './lib/context';
import { fail, failOnDataSourceError } from './lib/errors';
import { toQueue, type QueueItem } from './lib/queue-record';
import { checkQueueName } from './lib/queue-name';

/** Reads one queue, strongly consistent so a queue is visible as soon as createQueue returned. */
export function request(ctx: Context<QueryQueueArgs>): DynamoDBGetItemRequest {
  const invalid = checkQueueName('name', ctx.args.name);
  if (invalid) {
    return fail(invalid);
  }
  return get({ key: { name: ctx.args.name }, consistentRead: true });
}

export function response(
  ctx: RootContext<QueryQueueArgs, QueueItem | null>,
): Omit<Queue, 'stats'> | null {
  failOnDataSourceError(ctx);
  return ctx.result ? toQueue(ctx.result) : null;
}
