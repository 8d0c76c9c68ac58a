import type { Queue } from '../../generated/graphql';
import type { QueueSettings } from './queue-settings';

/** A queue item as stored: its settings plus when it was created. */
export type QueueItem = QueueSettings & {
  readonly createdAt: string;
};

/** The GraphQL Queue for a stored item; `stats` has a resolver of its own. */
export function toQueue(item: QueueItem): Omit<Queue, 'stats'> {
  return {
    name: item.name,
    type: item.type,
    visibilityTimeoutSeconds: item.visibilityTimeoutSeconds,
    messageRetentionSeconds: item.messageRetentionSeconds,
    delaySeconds: item.delaySeconds,
    maxMessageBytes: item.maxMessageBytes,
    contentBasedDeduplication: item.contentBasedDeduplication,
    deduplicationWindowSeconds: item.deduplicationWindowSeconds ?? null,
    deadLetterQueue: item.deadLetterQueue ?? null,
    maxReceiveCount: item.maxReceiveCount ?? null,
    createdAt: item.createdAt,
  };
}
