import { createHash } from 'node:crypto';
import {
  messageSortKey,
  queuePrefix,
  standardPartition,
  STANDARD_SHARDS,
} from '../../lib/message-keys';

export {
  messageSortKey,
  queuePrefix,
  standardMessageKey,
  standardPartition,
  STANDARD_SHARDS,
} from '../../lib/message-keys';

/** Partitions a FIFO queue's group items and deduplication records spread over. */
export const GROUP_SHARDS = 8;
export const DEDUP_SHARDS = 8;

/** Sequence numbers print as 20 digits, so their text sorts as their value. */
const SEQUENCE_DIGITS = 20;

function shardOf(text: string, shards: number): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0) % shards;
}

export function groupLane(queueId: string, shard: number): string {
  return `${queuePrefix(queueId)}groups#${shard}`;
}

export function groupKey(queueId: string, groupId: string): { pk: string; sk: string } {
  return { pk: groupLane(queueId, shardOf(groupId, GROUP_SHARDS)), sk: `g#${groupId}` };
}

/** A FIFO group's messages: one partition, sorted by sequence number. */
export function groupPartition(queueId: string, groupId: string): string {
  return `${queuePrefix(queueId)}g#${groupId}`;
}

export function sequenceText(sequence: number): string {
  return String(sequence).padStart(SEQUENCE_DIGITS, '0');
}

export function fifoMessageKey(queueId: string, groupId: string, sequence: number) {
  return { pk: groupPartition(queueId, groupId), sk: messageSortKey(sequenceText(sequence)) };
}

export function dedupKey(queueId: string, deduplicationId: string): { pk: string; sk: string } {
  return {
    pk: `${queuePrefix(queueId)}dedup#${shardOf(deduplicationId, DEDUP_SHARDS)}`,
    sk: `d#${deduplicationId}`,
  };
}

export function standardLanes(queueId: string): string[] {
  return Array.from({ length: STANDARD_SHARDS }, (_, shard) => standardPartition(queueId, shard));
}

export function groupLanes(queueId: string): string[] {
  return Array.from({ length: GROUP_SHARDS }, (_, shard) => groupLane(queueId, shard));
}

export function dedupPartitions(queueId: string): string[] {
  return Array.from(
    { length: DEDUP_SHARDS },
    (_, shard) => `${queuePrefix(queueId)}dedup#${shard}`,
  );
}

/** Lanes in an order that starts at a random one, so concurrent receivers spread out. */
export function rotated<T>(values: readonly T[]): T[] {
  const start = Math.floor(Math.random() * values.length);
  return [...values.slice(start), ...values.slice(0, start)];
}
