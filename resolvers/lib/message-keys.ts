/**
 * Keys of the messages table (docs/queue-design.md), for the parts APPSYNC_JS writes too: a
 * standard message's partition and sort key. Every key starts with the queue's id, not its name,
 * so a queue deleted and created again never sees the old incarnation's messages.
 */

/** Partitions a standard queue's messages spread over; receivers visit all of them. */
export const STANDARD_SHARDS = 8;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function queuePrefix(queueId: string): string {
  return `q#${queueId}#`;
}

export function standardPartition(queueId: string, shard: number): string {
  return `${queuePrefix(queueId)}s#${shard}`;
}

/** A ULID's last character is random: its value spreads messages evenly over the shards. */
export function standardShard(messageId: string): number {
  const value = CROCKFORD.indexOf(messageId.charAt(messageId.length - 1));
  return (value < 0 ? 0 : value) % STANDARD_SHARDS;
}

export function messageSortKey(id: string): string {
  return `m#${id}`;
}

export function standardMessageKey(queueId: string, messageId: string): { pk: string; sk: string } {
  return {
    pk: standardPartition(queueId, standardShard(messageId)),
    sk: messageSortKey(messageId),
  };
}
