import dynamoose from 'dynamoose';
import type { MessageItem } from '../../lib/message-record';
import type { QueueItem } from '../../lib/queue-record';
import { appendMessage, PreconditionFailed } from './append';
import type { Store } from './store';

/** Reads a queue by name without refusing: the dead-letter queue may have been deleted since. */
async function findQueue(store: Store, name: string): Promise<QueueItem | undefined> {
  const found = await store.models.queues.get({ name }, { consistent: true });
  return found ? (found.toJSON() as QueueItem) : undefined;
}

/**
 * Moves a message, as it was read, to another queue in one transaction: the source is deleted on
 * condition that nobody received or moved it since, and the copy keeps its id, body, attributes
 * and group. Returns false when another receiver got there first (nothing was written).
 */
export async function moveMessage(
  store: Store,
  item: MessageItem,
  target: QueueItem,
  extra: { readonly deadLetteredFrom?: string } = {},
): Promise<boolean> {
  const { items } = store.models;
  const unchanged = new dynamoose.Condition('readyAt')
    .eq(item.readyAt)
    .and()
    .where('receiveCount')
    .eq(item.receiveCount);
  try {
    await appendMessage(
      store,
      target,
      {
        id: item.id,
        body: item.body,
        sentAt: item.sentAt,
        readyAt: store.now(),
        ...(item.attributes === undefined ? {} : { attributes: item.attributes }),
        ...(item.groupId === undefined ? {} : { groupId: item.groupId }),
        ...(item.deduplicationId === undefined ? {} : { deduplicationId: item.deduplicationId }),
        ...extra,
      },
      async () => [
        await items.transaction.delete({ pk: item.pk, sk: item.sk }, { condition: unchanged }),
      ],
    );
    return true;
  } catch (error) {
    if (error instanceof PreconditionFailed) {
      return false;
    }
    throw error;
  }
}

/**
 * A message about to exceed its queue's maxReceiveCount moves to the dead-letter queue and its
 * subscribers hear of it. `no-dead-letter-queue` when the queue has none (any more): the
 * message is then received as usual.
 */
export async function moveToDeadLetter(
  store: Store,
  queue: QueueItem,
  item: MessageItem,
): Promise<boolean | 'no-dead-letter-queue'> {
  const target = queue.deadLetterQueue ? await findQueue(store, queue.deadLetterQueue) : undefined;
  if (!target) {
    return 'no-dead-letter-queue';
  }
  const moved = await moveMessage(store, item, target, { deadLetteredFrom: queue.name });
  if (moved) {
    await store.events.queueEvent({
      queue: queue.name,
      kind: 'MESSAGE_DEAD_LETTERED',
      messageId: item.id,
      occurredAt: new Date(store.now()).toISOString(),
    });
  }
  return moved;
}

export { findQueue };
