import dynamoose from 'dynamoose';
import type { MessageItem } from '../../lib/message-record';
import type { QueueItem } from '../../lib/queue-record';
import { moveToDeadLetter } from './dead-letter';
import { groupKey, groupLanes, groupPartition, rotated, standardLanes } from './keys';
import type { GroupItem } from './models';
import { partitionItems } from './partitions';
import { issueReceiptHandle } from './receipt-handle';
import { settleGroup } from './group';
import type { Store } from './store';
import { isConditionFailure } from './transactions';

/** What one receive asks for. */
export interface ClaimRequest {
  readonly want: number;
  readonly visibilityMs: number;
}

/** The item exactly as it was read: a claim or a deletion applies only if nothing changed since. */
function unchanged(item: MessageItem) {
  return new dynamoose.Condition('readyAt')
    .eq(item.readyAt)
    .and()
    .where('receiveCount')
    .eq(item.receiveCount);
}

type Step = 'claimed' | 'skipped' | 'lost';

/**
 * One candidate: expired ones are deleted, ones received too often go to the dead-letter queue,
 * the rest are claimed with a new receipt handle. `lost` means another receiver changed the item
 * first; nothing was written.
 */
async function take(
  store: Store,
  queue: QueueItem,
  item: MessageItem,
  request: ClaimRequest,
  claimed: MessageItem[],
): Promise<Step> {
  const { items } = store.models;
  const nowMs = store.now();
  const key = { pk: item.pk, sk: item.sk };
  try {
    if (item.expiresAtMs <= nowMs) {
      await items.delete(key, { condition: unchanged(item) });
      return 'skipped';
    }
    if (queue.maxReceiveCount !== undefined && item.receiveCount + 1 > queue.maxReceiveCount) {
      const moved = await moveToDeadLetter(store, queue, item);
      if (moved !== 'no-dead-letter-queue') {
        return moved ? 'skipped' : 'lost';
      }
    }
    const receiveCount = item.receiveCount + 1;
    const receiptHandle = issueReceiptHandle({ ...key, receiveCount, messageId: item.id });
    const updated = await items.update(
      key,
      {
        $SET: {
          readyAt: nowMs + request.visibilityMs,
          receiveCount,
          receiptHandle,
          firstReceivedAt: item.firstReceivedAt ?? nowMs,
        },
      },
      { condition: unchanged(item) },
    );
    claimed.push(updated.toJSON() as MessageItem);
    return 'claimed';
  } catch (error) {
    if (isConditionFailure(error)) {
      return 'lost';
    }
    throw error;
  }
}

/** Standard queues: the oldest ready messages of the shards, visited from a random one. */
export async function claimStandard(
  store: Store,
  queue: QueueItem,
  request: ClaimRequest,
): Promise<MessageItem[]> {
  const claimed: MessageItem[] = [];
  for (const lane of rotated(standardLanes(queue.id))) {
    const need = request.want - claimed.length;
    if (need <= 0) {
      break;
    }
    const ready = await store.models.items
      .query('lane')
      .eq(lane)
      .where('readyAt')
      .le(store.now())
      .using('ready')
      .limit(need + 2)
      .exec();
    const candidates = ready.map((found) => found.toJSON() as MessageItem);
    // Claims race only with other receivers; try as many at once as are still wanted.
    while (candidates.length > 0 && claimed.length < request.want) {
      const batch = candidates.splice(0, request.want - claimed.length);
      await Promise.all(batch.map((item) => take(store, queue, item, request, claimed)));
    }
  }
  return claimed;
}

/**
 * A locked group's first messages, in order: the walk stops at the first message that is in
 * flight, delayed or taken by someone else, so no later message of the group is ever delivered
 * ahead of an earlier one.
 */
async function claimInGroup(
  store: Store,
  queue: QueueItem,
  group: GroupItem,
  request: ClaimRequest,
  claimed: MessageItem[],
): Promise<void> {
  const before = claimed.length;
  for await (const item of partitionItems<MessageItem>(
    store.models,
    groupPartition(queue.id, group.groupId),
    'm#',
    // One more than wanted: the walk usually stops there; expired ones page on.
    request.want - claimed.length + 1,
  )) {
    if (claimed.length >= request.want || item.readyAt > store.now()) {
      break;
    }
    if ((await take(store, queue, item, request, claimed)) === 'lost') {
      break;
    }
  }
  if (claimed.length === before) {
    await settleGroup(store, queue, group.groupId);
  }
}

/**
 * FIFO queues: ready groups, each locked for the visibility timeout (on condition that nobody
 * locked it since the index was read), then its first messages claimed in order.
 */
export async function claimFifo(
  store: Store,
  queue: QueueItem,
  request: ClaimRequest,
): Promise<MessageItem[]> {
  const { items } = store.models;
  const claimed: MessageItem[] = [];
  for (const lane of rotated(groupLanes(queue.id))) {
    if (claimed.length >= request.want) {
      break;
    }
    const ready = await items
      .query('lane')
      .eq(lane)
      .where('readyAt')
      .le(store.now())
      .using('ready')
      .limit(10)
      .exec();
    for (const found of ready) {
      if (claimed.length >= request.want) {
        break;
      }
      const group = found.toJSON() as GroupItem;
      try {
        await items.update(
          groupKey(queue.id, group.groupId),
          { $SET: { readyAt: store.now() + request.visibilityMs } },
          { condition: new dynamoose.Condition('readyAt').eq(group.readyAt) },
        );
      } catch (error) {
        if (isConditionFailure(error)) {
          continue;
        }
        throw error;
      }
      await claimInGroup(store, queue, group, request, claimed);
    }
  }
  return claimed;
}
