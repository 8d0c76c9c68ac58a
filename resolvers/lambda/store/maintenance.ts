import dynamoose from 'dynamoose';
import type {
  MutationRedriveMessagesArgs,
  QueueStats,
  RedriveResult,
} from '../../../generated/graphql';
import type { MessageItem } from '../../lib/message-record';
import { checkRange, problem } from '../../lib/problems';
import type { QueueItem } from '../../lib/queue-record';
import { findQueue, moveMessage } from './dead-letter';
import { groupKey, groupPartition, standardLanes } from './keys';
import { settleGroup } from './group';
import { groupsOf, messagesOf, partitionItems } from './partitions';
import { refuse, refuseIf } from './outcome';
import { loadQueue } from './queues';
import type { Store } from './store';
import { isConditionFailure } from './transactions';

/** DynamoDB's BatchWriteItem limit. */
const BATCH_WRITE_MAX = 25;
const REDRIVE_MAX = 1000;

async function deleteAll(store: Store, keys: { pk: string; sk: string }[]): Promise<void> {
  for (let start = 0; start < keys.length; start += BATCH_WRITE_MAX) {
    let pending = keys.slice(start, start + BATCH_WRITE_MAX);
    while (pending.length > 0) {
      const { unprocessedItems } = await store.models.items.batchDelete(pending);
      pending = unprocessedItems as { pk: string; sk: string }[];
    }
  }
}

async function keysOf(
  store: Store,
  pk: string,
  prefix: string,
): Promise<{ pk: string; sk: string }[]> {
  const keys = [];
  for await (const item of partitionItems<{ pk: string; sk: string }>(store.models, pk, prefix)) {
    keys.push({ pk: item.pk, sk: item.sk });
  }
  return keys;
}

/**
 * purgeQueue: deletes every message. A FIFO group's item goes last, on condition that no send
 * reached the group meanwhile; if one did, the group is emptied again, so no message is ever
 * left without the group item that makes it receivable.
 */
export async function purgeQueue(store: Store, name: string): Promise<QueueItem> {
  const queue = await loadQueue(store.models, 'name', name);
  if (queue.type === 'STANDARD') {
    for (const lane of standardLanes(queue.id)) {
      await deleteAll(store, await keysOf(store, lane, 'm#'));
    }
  } else {
    for await (const group of groupsOf(store.models, queue)) {
      let lastSequence = group.lastSequence;
      for (;;) {
        await deleteAll(store, await keysOf(store, groupPartition(queue.id, group.groupId), 'm#'));
        try {
          await store.models.items.delete(groupKey(queue.id, group.groupId), {
            condition: new dynamoose.Condition('lastSequence').eq(lastSequence),
          });
          break;
        } catch (error) {
          if (!isConditionFailure(error)) {
            throw error;
          }
          const found = await store.models.items.get(groupKey(queue.id, group.groupId), {
            consistent: true,
          });
          if (!found) {
            break;
          }
          lastSequence = (found.toJSON() as { lastSequence: number }).lastSequence;
        }
      }
    }
  }
  await store.events.queueEvent({
    queue: queue.name,
    kind: 'QUEUE_PURGED',
    occurredAt: new Date(store.now()).toISOString(),
  });
  return queue;
}

/**
 * redriveMessages: moves the dead-letter queue's receivable messages back to the queue each came
 * from (or to destinationQueue), each in one transaction. A FIFO group moves in order and stops
 * at a message in flight. Messages whose source queue no longer exists stay where they are.
 */
export async function redriveMessages(
  store: Store,
  args: MutationRedriveMessagesArgs,
): Promise<RedriveResult> {
  const { input } = args;
  const deadLetters = await loadQueue(store.models, 'input.deadLetterQueue', input.deadLetterQueue);
  refuseIf(checkRange('input.maxMessages', input.maxMessages, 1, REDRIVE_MAX));
  const destination = input.destinationQueue
    ? await loadQueue(store.models, 'input.destinationQueue', input.destinationQueue)
    : undefined;
  if (destination && destination.type !== deadLetters.type) {
    refuse(
      problem(
        'input.destinationQueue',
        input.destinationQueue,
        `a ${deadLetters.type} queue, like ${deadLetters.name}`,
      ),
    );
  }
  if (destination && destination.name === deadLetters.name) {
    refuse(
      problem(
        'input.destinationQueue',
        input.destinationQueue,
        `a queue other than ${deadLetters.name}`,
      ),
    );
  }
  const limit = input.maxMessages ?? REDRIVE_MAX;
  const targets = new Map<string, QueueItem | undefined>();
  const blockedGroups = new Set<string>();
  const touchedGroups = new Set<string>();
  let moved = 0;
  for await (const item of messagesOf(store.models, deadLetters)) {
    if (moved >= limit) {
      break;
    }
    const group = item.groupId;
    if ((group !== undefined && blockedGroups.has(group)) || item.readyAt > store.now()) {
      if (group !== undefined) {
        blockedGroups.add(group);
      }
      continue;
    }
    const targetName = destination?.name ?? item.deadLetteredFrom;
    if (targetName === undefined) {
      continue;
    }
    if (!targets.has(targetName)) {
      targets.set(targetName, destination ?? (await findQueue(store, targetName)));
    }
    const target = targets.get(targetName);
    if (!target || target.type !== deadLetters.type) {
      continue;
    }
    if (await moveMessage(store, item, target)) {
      moved += 1;
      if (group !== undefined) {
        touchedGroups.add(group);
      }
    } else if (group !== undefined) {
      blockedGroups.add(group);
    }
  }
  for (const group of touchedGroups) {
    await settleGroup(store, deadLetters, group);
  }
  return { deadLetterQueue: deadLetters.name, moved };
}

/**
 * Queue.stats: every message counted by its state right now; expired ones are not counted. A
 * queue that no longer exists (deleteQueue's answer) has none.
 */
export async function queueStats(store: Store, name: string): Promise<QueueStats> {
  const queue = await findQueue(store, name);
  const nowMs = store.now();
  const stats = { available: 0, inFlight: 0, delayed: 0 };
  let oldest: string | undefined;
  if (!queue) {
    return { ...stats, oldestMessageSentAt: null };
  }
  for await (const item of messagesOf(store.models, queue) as AsyncGenerator<MessageItem>) {
    if (item.expiresAtMs <= nowMs) {
      continue;
    }
    if (item.readyAt <= nowMs) {
      stats.available += 1;
    } else if (item.receiptHandle !== undefined) {
      stats.inFlight += 1;
    } else {
      stats.delayed += 1;
    }
    oldest = oldest === undefined || item.sentAt < oldest ? item.sentAt : oldest;
  }
  return { ...stats, oldestMessageSentAt: oldest ?? null };
}
