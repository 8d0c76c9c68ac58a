import dynamoose from 'dynamoose';
import type {
  Acknowledgement,
  AcknowledgeMessageBatchResult,
  Delivery,
  MutationAcknowledgeMessageArgs,
  MutationAcknowledgeMessageBatchArgs,
  MutationChangeMessageVisibilityArgs,
} from '../../../generated/graphql';
import { QueueLimits } from '../../lib/limits';
import type { MessageItem } from '../../lib/message-record';
import { checkRange, ErrorType, problem } from '../../lib/problems';
import type { QueueItem } from '../../lib/queue-record';
import { toDelivery } from './delivery';
import { settleGroup } from './group';
import { queuePrefix } from './keys';
import { outcomeOf, refuse, refuseIf } from './outcome';
import { loadQueue } from './queues';
import { readReceiptHandle, type ReceiptTarget } from './receipt-handle';
import { batchFailures, batchSuccesses, checkBatchEntries } from './batch';
import type { Store } from './store';
import { isConditionFailure } from './transactions';

const CURRENT = 'the current receipt handle of a message in flight';

function stale(field: string, handle: string, why: string): never {
  return refuse(
    problem(
      field,
      handle,
      `${CURRENT}; ${why}, so the message may be processed again`,
      ErrorType.StaleReceiptHandle,
    ),
  );
}

/** The message a handle names, refused when it is no handle at all or not of this queue now. */
function targetOf(queue: QueueItem, field: string, handle: string): ReceiptTarget {
  const target = readReceiptHandle(handle);
  if (!target) {
    return refuse(problem(field, handle, 'a receipt handle returned by receiveMessages'));
  }
  if (!target.pk.startsWith(queuePrefix(queue.id))) {
    return stale(field, handle, `it was not issued by queue ${queue.name} as it exists now`);
  }
  return target;
}

/** The group of a FIFO message key (`q#{id}#g#{groupId}`). */
function groupOf(queue: QueueItem, target: ReceiptTarget): string | undefined {
  const prefix = `${queuePrefix(queue.id)}g#`;
  return queue.type === 'FIFO' && target.pk.startsWith(prefix)
    ? target.pk.slice(prefix.length)
    : undefined;
}

async function acknowledgeIn(
  store: Store,
  queue: QueueItem,
  field: string,
  handle: string,
): Promise<Acknowledgement> {
  const target = targetOf(queue, field, handle);
  // Stamped before the deletion: nothing can have happened because of it earlier than this.
  const acknowledgedAt = new Date(store.now()).toISOString();
  try {
    await store.models.items.delete(
      { pk: target.pk, sk: target.sk },
      { condition: new dynamoose.Condition('receiptHandle').eq(handle) },
    );
  } catch (error) {
    if (isConditionFailure(error)) {
      return stale(field, handle, 'the message was received again since, or already acknowledged');
    }
    throw error;
  }
  const groupId = groupOf(queue, target);
  if (groupId !== undefined) {
    await settleGroup(store, queue, groupId);
  }
  await store.events.queueEvent({
    queue: queue.name,
    kind: 'MESSAGE_ACKNOWLEDGED',
    messageId: target.messageId,
    occurredAt: acknowledgedAt,
  });
  return { queue: queue.name, messageId: target.messageId, receiptHandle: handle, acknowledgedAt };
}

/** acknowledgeMessage: the message is gone for good, if the handle is still the current one. */
export async function acknowledgeMessage(
  store: Store,
  args: MutationAcknowledgeMessageArgs,
): Promise<Acknowledgement> {
  const queue = await loadQueue(store.models, 'queue', args.queue);
  return acknowledgeIn(store, queue, 'receiptHandle', args.receiptHandle);
}

/** acknowledgeMessageBatch: up to 10 handles of one queue, each acknowledged on its own. */
export async function acknowledgeMessageBatch(
  store: Store,
  args: MutationAcknowledgeMessageBatchArgs,
): Promise<AcknowledgeMessageBatchResult> {
  const queue = await loadQueue(store.models, 'queue', args.queue);
  checkBatchEntries('entries', args.entries);
  const results = await Promise.all(
    args.entries.map(async (entry, index) => ({
      id: entry.id,
      outcome: await outcomeOf(() =>
        acknowledgeIn(store, queue, `entries[${index}].receiptHandle`, entry.receiptHandle),
      ),
    })),
  );
  return {
    successful: batchSuccesses(results, 'acknowledgement'),
    failed: batchFailures(results),
  };
}

/**
 * changeMessageVisibility: the message stays hidden until now + the new timeout (0 makes it
 * receivable at once), only while it is in flight under this handle.
 */
export async function changeMessageVisibility(
  store: Store,
  args: MutationChangeMessageVisibilityArgs,
): Promise<Delivery> {
  const queue = await loadQueue(store.models, 'queue', args.queue);
  const limits = QueueLimits.visibilityTimeoutSeconds;
  refuseIf(
    checkRange('visibilityTimeoutSeconds', args.visibilityTimeoutSeconds, limits.min, limits.max),
  );
  const target = targetOf(queue, 'receiptHandle', args.receiptHandle);
  const nowMs = store.now();
  let updated: MessageItem;
  try {
    const item = await store.models.items.update(
      { pk: target.pk, sk: target.sk },
      { $SET: { readyAt: nowMs + args.visibilityTimeoutSeconds * 1000 } },
      {
        condition: new dynamoose.Condition('receiptHandle')
          .eq(args.receiptHandle)
          .and()
          .where('readyAt')
          .gt(nowMs),
      },
    );
    updated = item.toJSON() as MessageItem;
  } catch (error) {
    if (isConditionFailure(error)) {
      return stale(
        'receiptHandle',
        args.receiptHandle,
        'its visibility timeout has passed, or the message was received again or acknowledged',
      );
    }
    throw error;
  }
  const groupId = groupOf(queue, target);
  if (groupId !== undefined) {
    await settleGroup(store, queue, groupId);
  }
  return toDelivery(updated);
}
