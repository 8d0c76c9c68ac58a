import { createHash } from 'node:crypto';
import dynamoose from 'dynamoose';
import { ulid } from 'ulid';
import type {
  Message,
  SendMessageBatchInput,
  SendMessageBatchResult,
  SendMessageInput,
} from '../../../generated/graphql';
import {
  attributesText,
  checkSendEntry,
  readyAtFor,
  type SendEntry,
} from '../../lib/message-input';
import { toMessage, type MessageFields, type MessageItem } from '../../lib/message-record';
import type { QueueItem } from '../../lib/queue-record';
import { appendMessage, PreconditionFailed } from './append';
import { batchFailures, batchSuccesses, checkBatchEntries, type EntryOutcome } from './batch';
import { dedupKey } from './keys';
import type { DedupItem } from './models';
import { outcomeOf, refuseIf } from './outcome';
import { loadQueue } from './queues';
import type { Store } from './store';

/** How long a deduplication record outlives its window before DynamoDB's TTL removes it. */
const DEDUP_TTL_GRACE_SECONDS = 60;

function fieldsOf(item: MessageItem): MessageFields {
  const { queue, id, body, attributes, groupId, deduplicationId, sequenceNumber, sentAt } = item;
  return { queue, id, body, attributes, groupId, deduplicationId, sequenceNumber, sentAt };
}

/**
 * Sends one checked entry. FIFO sends write the deduplication record in the message's
 * transaction; when a record within its window exists, nothing is written and the original
 * message comes back marked as a duplicate.
 */
export async function sendChecked(
  store: Store,
  queue: QueueItem,
  entry: SendEntry,
): Promise<Message> {
  const nowMs = store.now();
  const attributes = attributesText(entry.attributes);
  const deduplicationId =
    queue.type === 'FIFO'
      ? (entry.deduplicationId ?? createHash('sha256').update(entry.body).digest('hex'))
      : undefined;
  const message = {
    id: ulid(nowMs),
    body: entry.body,
    sentAt: new Date(nowMs).toISOString(),
    readyAt: readyAtFor(entry, queue, nowMs),
    ...(attributes === undefined ? {} : { attributes }),
    ...(entry.groupId ? { groupId: entry.groupId } : {}),
    ...(deduplicationId === undefined ? {} : { deduplicationId }),
  };
  if (deduplicationId === undefined) {
    return toMessage(fieldsOf(await appendMessage(store, queue, message)));
  }
  const key = dedupKey(queue.id, deduplicationId);
  const { items } = store.models;
  for (;;) {
    try {
      const item = await appendMessage(store, queue, message, async (draft) => {
        const windowEndsAt = store.now() + (queue.deduplicationWindowSeconds ?? 300) * 1000;
        const record: DedupItem = {
          ...key,
          windowEndsAt,
          expiresAt: Math.ceil(windowEndsAt / 1000) + DEDUP_TTL_GRACE_SECONDS,
          originalMessage: JSON.stringify(fieldsOf(draft)),
        };
        const free = new dynamoose.Condition()
          .where('pk')
          .not()
          .exists()
          .or()
          .where('windowEndsAt')
          .lt(store.now());
        return [await items.transaction.create(record, { overwrite: true, condition: free })];
      });
      return toMessage(fieldsOf(item));
    } catch (error) {
      if (!(error instanceof PreconditionFailed)) {
        throw error;
      }
      const found = await items.get(key, { consistent: true });
      const record = found?.toJSON() as DedupItem | undefined;
      if (record && record.windowEndsAt >= store.now()) {
        return toMessage(JSON.parse(record.originalMessage) as MessageFields, true);
      }
      // The window closed between the write and the read: send again.
    }
  }
}

/** sendMessage: checks the input against its queue, then sends. */
export async function sendMessage(store: Store, input: SendMessageInput): Promise<Message> {
  const queue = await loadQueue(store.models, 'input.queue', input.queue);
  refuseIf(checkSendEntry('input', input, queue));
  return sendChecked(store, queue, input);
}

/**
 * sendMessageBatch: up to 10 entries with distinct ids, each checked and sent on its own; a bad
 * entry fails alone, in `failed`, with the errorType and message a single send would get.
 */
export async function sendMessageBatch(
  store: Store,
  input: SendMessageBatchInput,
): Promise<SendMessageBatchResult> {
  const queue = await loadQueue(store.models, 'input.queue', input.queue);
  checkBatchEntries('input.entries', input.entries);
  const results: EntryOutcome<Message>[] = [];
  // In order, so a FIFO batch keeps its entries' order within each group.
  for (const [index, entry] of input.entries.entries()) {
    const outcome = await outcomeOf(async () => {
      refuseIf(checkSendEntry(`input.entries[${index}]`, entry, queue));
      return sendChecked(store, queue, entry);
    });
    results.push({ id: entry.id, outcome });
  }
  const successful = batchSuccesses(results, 'message');
  await store.events.messagesSent(
    successful.map((entry) => entry.message).filter((message) => !message.duplicate),
  );
  return { successful, failed: batchFailures(results) };
}
