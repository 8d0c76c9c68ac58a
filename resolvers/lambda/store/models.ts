import dynamoose from 'dynamoose';
import type { Item } from 'dynamoose/dist/Item';
import type { MessageItem } from '../../lib/message-record';
import type { QueueItem } from '../../lib/queue-record';
import type { StoreConfig } from './config';

/** A FIFO message group's bookkeeping item (docs/queue-design.md). */
export interface GroupItem {
  readonly pk: string;
  readonly sk: string;
  readonly groupId: string;
  /** Present while the group has messages: puts it in the `ready` index. */
  readonly lane?: string;
  /** When the group's first message can be received; absent together with lane. */
  readonly readyAt?: number;
  readonly lastSequence: number;
  readonly expiresAt: number;
}

/** A FIFO deduplication record: the original message, answered to repeats within the window. */
export interface DedupItem {
  readonly pk: string;
  readonly sk: string;
  readonly windowEndsAt: number;
  readonly expiresAt: number;
  readonly originalMessage: string;
}

export type StoredItem = MessageItem | GroupItem | DedupItem;

const options = { create: false, waitForActive: false, update: false } as const;

/**
 * One model per table. The messages table holds messages, groups and deduplication records under
 * one schema: every attribute is optional except the keys, and the sparse `ready` index holds the
 * items that carry a lane.
 */
export function createModels(config: StoreConfig) {
  const queues = dynamoose.model<QueueItem & Item>(
    `Queue-${config.queuesTable}`,
    new dynamoose.Schema(
      {
        name: { type: String, hashKey: true },
        id: String,
        type: String,
        visibilityTimeoutSeconds: Number,
        messageRetentionSeconds: Number,
        delaySeconds: Number,
        maxMessageBytes: Number,
        contentBasedDeduplication: Boolean,
        deduplicationWindowSeconds: Number,
        deadLetterQueue: String,
        maxReceiveCount: Number,
        createdAt: String,
      },
      { saveUnknown: false },
    ),
    { ...options, tableName: config.queuesTable },
  );
  const items = dynamoose.model<StoredItem & Item>(
    `StoredItem-${config.messagesTable}`,
    new dynamoose.Schema(
      {
        pk: { type: String, hashKey: true },
        sk: { type: String, rangeKey: true },
        lane: { type: String, index: { name: 'ready', type: 'global', rangeKey: 'readyAt' } },
        readyAt: Number,
        queue: String,
        id: String,
        body: String,
        attributes: String,
        groupId: String,
        deduplicationId: String,
        sequenceNumber: String,
        sentAt: String,
        receiveCount: Number,
        receiptHandle: String,
        firstReceivedAt: Number,
        expiresAtMs: Number,
        expiresAt: Number,
        deadLetteredFrom: String,
        lastSequence: Number,
        windowEndsAt: Number,
        originalMessage: String,
      },
      { saveUnknown: false },
    ),
    { ...options, tableName: config.messagesTable },
  );
  return { queues, items };
}

export type Models = ReturnType<typeof createModels>;
