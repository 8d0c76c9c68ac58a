import { runtime, util, type Context, type DynamoDBPutItemRequest } from '@aws-appsync/utils';
import type { Message, MutationSendMessageArgs } from '../../generated/graphql';
import { failOnDataSourceError } from '../lib/errors';
import { attributesText, readyAtFor } from '../lib/message-input';
import { standardMessageKey } from '../lib/message-keys';
import { toMessage, type MessageItem } from '../lib/message-record';
import type { QueueItem } from '../lib/queue-record';

interface Stash {
  message: MessageItem;
}

/**
 * A standard send is one PutItem: a ULID for the id (time-ordered, so the oldest-first index
 * gives best-effort order), the shard from its last character. FIFO queues skip this step.
 */
export function request(ctx: Context<MutationSendMessageArgs, Stash>): DynamoDBPutItemRequest {
  const queue = ctx.prev.result as QueueItem;
  if (queue.type === 'FIFO') {
    return runtime.earlyReturn(queue);
  }
  const { input } = ctx.args;
  const nowMs = util.time.nowEpochMilliSeconds();
  const id = util.autoUlid();
  const key = standardMessageKey(queue.id, id);
  const expiresAtMs = nowMs + queue.messageRetentionSeconds * 1000;
  const attributes = attributesText(input.attributes);
  const message: MessageItem = {
    ...key,
    lane: key.pk,
    readyAt: readyAtFor(input, queue, nowMs),
    queue: queue.name,
    id,
    body: input.body,
    sentAt: util.time.epochMilliSecondsToISO8601(nowMs),
    receiveCount: 0,
    expiresAtMs,
    expiresAt: Math.ceil(expiresAtMs / 1000),
    ...(attributes === undefined ? {} : { attributes }),
    ...(input.groupId ? { groupId: input.groupId } : {}),
  };
  ctx.stash.message = message;
  return {
    operation: 'PutItem',
    key: util.dynamodb.toMapValues(key) as DynamoDBPutItemRequest['key'],
    attributeValues: util.dynamodb.toMapValues(
      message,
    ) as unknown as DynamoDBPutItemRequest['attributeValues'],
    condition: { expression: 'attribute_not_exists(pk)' },
  };
}

export function response(ctx: Context<MutationSendMessageArgs, Stash>): Message {
  failOnDataSourceError(ctx);
  return toMessage(ctx.stash.message);
}
