import dynamoose from 'dynamoose';
import type { MessageItem } from '../../lib/message-record';
import type { QueueItem } from '../../lib/queue-record';
import { fifoMessageKey, groupKey, groupLane, sequenceText, standardMessageKey } from './keys';
import type { GroupItem } from './models';
import type { Store } from './store';
import { backoff, cancellationCodes, transact, type TransactionItem } from './transactions';

/** A message about to be written: what it says and when it may be received. */
export interface NewMessage {
  readonly id: string;
  readonly body: string;
  readonly attributes?: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
  readonly sentAt: string;
  readonly readyAt: number;
  readonly deadLetteredFrom?: string;
}

/** Thrown when one of the caller's own transaction items failed its condition. */
export class PreconditionFailed extends Error {
  constructor(readonly index: number) {
    super(`Transaction item ${index} failed its condition`);
    this.name = 'PreconditionFailed';
  }
}

const MAX_ATTEMPTS = 100;

function messageItem(
  queue: QueueItem,
  message: NewMessage,
  key: { pk: string; sk: string },
  nowMs: number,
  sequence?: number,
): MessageItem {
  const expiresAtMs = nowMs + queue.messageRetentionSeconds * 1000;
  return {
    ...key,
    readyAt: message.readyAt,
    queue: queue.name,
    id: message.id,
    body: message.body,
    sentAt: message.sentAt,
    receiveCount: 0,
    expiresAtMs,
    expiresAt: Math.ceil(expiresAtMs / 1000),
    ...(queue.type === 'STANDARD' ? { lane: key.pk } : {}),
    ...(message.attributes === undefined ? {} : { attributes: message.attributes }),
    ...(message.groupId === undefined ? {} : { groupId: message.groupId }),
    ...(message.deduplicationId === undefined ? {} : { deduplicationId: message.deduplicationId }),
    ...(sequence === undefined ? {} : { sequenceNumber: sequenceText(sequence) }),
    ...(message.deadLetteredFrom === undefined
      ? {}
      : { deadLetteredFrom: message.deadLetteredFrom }),
  };
}

/**
 * The FIFO group's part of a send: the next sequence number, and the group item's update on
 * condition that nobody else sent to the group since it was read. A group that had no messages
 * gets a lane and the message's readyAt; one that has keeps its readyAt (its first message's, or
 * a receiver's lock), checked by the attribute's presence so a concurrent emptying is noticed.
 */
async function groupWrite(
  store: Store,
  queue: QueueItem,
  groupId: string,
  readyAt: number,
  expiresAt: number,
): Promise<{ sequence: number; write: Promise<TransactionItem> | TransactionItem }> {
  const { items } = store.models;
  const key = groupKey(queue.id, groupId);
  const found = await items.get(key, { consistent: true });
  const group = found?.toJSON() as GroupItem | undefined;
  const sequence = Math.max((group?.lastSequence ?? 0) + 1, store.now() * 1000);
  const lane = groupLane(queue.id, Number(key.pk.slice(key.pk.lastIndexOf('#') + 1)));
  if (!group) {
    const created: GroupItem = {
      ...key,
      groupId,
      lane,
      readyAt,
      lastSequence: sequence,
      expiresAt,
    };
    return { sequence, write: items.transaction.create(created, { overwrite: false }) };
  }
  const hasWork = group.readyAt !== undefined;
  const condition = new dynamoose.Condition('lastSequence')
    .eq(group.lastSequence)
    .and()
    .where('readyAt');
  return {
    sequence,
    write: items.transaction.update(
      key,
      {
        lastSequence: sequence,
        lane,
        expiresAt: Math.max(expiresAt, group.expiresAt),
        ...(hasWork ? {} : { readyAt }),
      },
      { condition: hasWork ? condition.exists() : condition.not().exists() },
    ),
  };
}

/**
 * Writes a new message with the caller's other transaction items (a deduplication record, the
 * dead-letter source's deletion), all or nothing. FIFO messages take the next sequence number of
 * their group; a write that loses a race (the group changed, a conflicting transaction) is retried
 * from a fresh read. A failed condition on one of the caller's items ends it: PreconditionFailed.
 */
export async function appendMessage(
  store: Store,
  queue: QueueItem,
  message: NewMessage,
  others: (item: MessageItem) => Promise<TransactionItem[]> = async () => [],
): Promise<MessageItem> {
  const { items } = store.models;
  for (let attempt = 1; ; attempt += 1) {
    const nowMs = store.now();
    let item: MessageItem;
    let writes: TransactionItem[];
    if (queue.type === 'STANDARD') {
      item = messageItem(queue, message, standardMessageKey(queue.id, message.id), nowMs);
      writes = [await items.transaction.create(item, { overwrite: false })];
    } else {
      const groupId = message.groupId;
      if (groupId === undefined) {
        throw new Error(
          `A FIFO message needs a group id (queue ${queue.name}, message ${message.id})`,
        );
      }
      const expiresAt = Math.ceil((nowMs + queue.messageRetentionSeconds * 1000) / 1000);
      const group = await groupWrite(store, queue, groupId, message.readyAt, expiresAt);
      item = messageItem(
        queue,
        message,
        fifoMessageKey(queue.id, groupId, group.sequence),
        nowMs,
        group.sequence,
      );
      writes = [await group.write, await items.transaction.create(item, { overwrite: false })];
    }
    const before = await others(item);
    if (before.length === 0 && writes.length === 1) {
      await items.create(item, { overwrite: false });
      return item;
    }
    try {
      await transact([...before, ...writes]);
      return item;
    } catch (error) {
      const codes = cancellationCodes(error);
      if (codes === null) {
        throw error;
      }
      const failed = codes.findIndex(
        (code, index) => index < before.length && code === 'ConditionalCheckFailed',
      );
      if (failed >= 0) {
        throw new PreconditionFailed(failed);
      }
      if (attempt >= MAX_ATTEMPTS) {
        throw error;
      }
      await backoff(attempt);
    }
  }
}
