import type { MessageItem } from '../../lib/message-record';
import type { QueueItem } from '../../lib/queue-record';
import { groupLanes, groupPartition, standardLanes } from './keys';
import type { GroupItem, Models } from './models';

type Page<T> = { items: T[]; next: unknown };

/**
 * Every item of one partition whose sort key starts with `prefix`, in key order, page by page;
 * `pageSize` keeps a caller that stops early from reading a deep partition's whole first megabyte.
 */
export async function* partitionItems<T>(
  models: Models,
  pk: string,
  prefix: string,
  pageSize?: number,
): AsyncGenerator<T> {
  let startAt: unknown;
  do {
    let query = models.items.query('pk').eq(pk).where('sk').beginsWith(prefix).consistent();
    if (pageSize !== undefined) {
      query = query.limit(pageSize);
    }
    if (startAt) {
      query = query.startAt(startAt as never);
    }
    const page = await query.exec();
    const result: Page<T> = { items: page.map((item) => item.toJSON() as T), next: page.lastKey };
    yield* result.items;
    startAt = result.next;
  } while (startAt);
}

/** A FIFO queue's groups, every one that has an item, lane or not. */
export async function* groupsOf(models: Models, queue: QueueItem): AsyncGenerator<GroupItem> {
  for (const lane of groupLanes(queue.id)) {
    yield* partitionItems<GroupItem>(models, lane, 'g#');
  }
}

/**
 * Every message of a queue: a standard queue's shards one after another, a FIFO queue's groups
 * one after another, each group in sequence order.
 */
export async function* messagesOf(models: Models, queue: QueueItem): AsyncGenerator<MessageItem> {
  if (queue.type === 'STANDARD') {
    for (const lane of standardLanes(queue.id)) {
      yield* partitionItems<MessageItem>(models, lane, 'm#');
    }
    return;
  }
  for await (const group of groupsOf(models, queue)) {
    yield* partitionItems<MessageItem>(models, groupPartition(queue.id, group.groupId), 'm#');
  }
}
