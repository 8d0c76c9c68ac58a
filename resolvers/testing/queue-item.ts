import type { QueueItem } from '../lib/queue-record';

/** A standard queue with the default settings, as the queues table stores it. For tests and benchmarks. */
export function storedQueueItem(changes: Partial<QueueItem> = {}): QueueItem {
  return {
    name: 'parcels',
    type: 'STANDARD',
    visibilityTimeoutSeconds: 30,
    messageRetentionSeconds: 345_600,
    delaySeconds: 0,
    maxMessageBytes: 262_144,
    contentBasedDeduplication: false,
    createdAt: '2026-11-21T10:00:00.000Z',
    id: '01JQUEUE00000000000000TEST',
    ...changes,
  };
}
