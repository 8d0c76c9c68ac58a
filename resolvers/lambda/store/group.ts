import dynamoose from 'dynamoose';
import type { MessageItem } from '../../lib/message-record';
import type { QueueItem } from '../../lib/queue-record';
import { groupKey, groupPartition } from './keys';
import type { GroupItem } from './models';
import type { Store } from './store';
import { isConditionFailure } from './transactions';

const SETTLE_ATTEMPTS = 10;

/**
 * Brings a FIFO group's readyAt in line with its first message: the group can be received when,
 * and only when, its first unacknowledged message can. An empty group leaves the ready index.
 * Every write is conditional on what was read, and retried from a fresh read when it loses, so
 * concurrent receivers, acknowledgements and sends converge on the same answer.
 */
export async function settleGroup(store: Store, queue: QueueItem, groupId: string): Promise<void> {
  const { items } = store.models;
  const key = groupKey(queue.id, groupId);
  for (let attempt = 0; attempt < SETTLE_ATTEMPTS; attempt += 1) {
    const found = await items.get(key, { consistent: true });
    const group = found?.toJSON() as GroupItem | undefined;
    if (!group || group.readyAt === undefined) {
      return;
    }
    const [first] = await items
      .query('pk')
      .eq(groupPartition(queue.id, groupId))
      .where('sk')
      .beginsWith('m#')
      .consistent()
      .limit(1)
      .exec();
    const next = first ? (first.toJSON() as MessageItem).readyAt : undefined;
    if (next === group.readyAt) {
      return;
    }
    const seen = new dynamoose.Condition('readyAt')
      .eq(group.readyAt)
      .and()
      .where('lastSequence')
      .eq(group.lastSequence);
    try {
      await (next === undefined
        ? items.update(key, { $REMOVE: ['lane', 'readyAt'] }, { condition: seen })
        : items.update(
            key,
            { $SET: { readyAt: next } },
            { condition: new dynamoose.Condition('readyAt').eq(group.readyAt) },
          ));
      return;
    } catch (error) {
      if (!isConditionFailure(error)) {
        throw error;
      }
    }
  }
}
