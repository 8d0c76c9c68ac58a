import type { Context, DynamoDBGetItemRequest } from '@aws-appsync/utils';
import { get } from '@aws-appsync/utils/dynamodb';
import type { MutationSendMessageArgs } from '../../generated/graphql';
import type { RootContext } from '../lib/context';
import { fail, failOnDataSourceError, queueNotFound } from '../lib/errors';
import { checkSendEntry } from '../lib/message-input';
import type { QueueItem } from '../lib/queue-record';
import { checkQueueName } from '../lib/queue-name';

/** Reads the queue (strongly consistent) and checks the message against its settings. */
export function request(ctx: Context<MutationSendMessageArgs>): DynamoDBGetItemRequest {
  const invalid = checkQueueName('input.queue', ctx.args.input.queue);
  if (invalid) {
    return fail(invalid);
  }
  return get({ key: { name: ctx.args.input.queue }, consistentRead: true });
}

export function response(ctx: RootContext<MutationSendMessageArgs, QueueItem | null>): QueueItem {
  failOnDataSourceError(ctx);
  const queue = ctx.result;
  if (!queue) {
    return queueNotFound('input.queue', ctx.args.input.queue);
  }
  const found = checkSendEntry('input', ctx.args.input, queue);
  if (found) {
    return fail(found);
  }
  return queue;
}
