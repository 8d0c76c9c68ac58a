import type { Queue } from '../../generated/graphql';
import type { QueueSettings } from './queue-settings';

/**
 * A queue item as stored: its settings, when it was created, and the id of this incarnation of the
 * name. Message keys start with the id, so a queue deleted and created again starts empty and old
 * receipt handles stay stale.
 */
export type QueueItem = QueueSettings & {
  readonly id: string;
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
