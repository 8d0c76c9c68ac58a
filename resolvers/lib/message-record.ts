import type { JsonValue, Message } from '../../generated/graphql';

/** A message as the messages table stores it (standard and FIFO alike). */
export interface MessageItem {
  readonly pk: string;
  readonly sk: string;
  /** Set on standard messages (= pk): puts them in the `ready` index. */
  readonly lane?: string | undefined;
  /** Epoch milliseconds from which the message can be received. */
  readonly readyAt: number;
  readonly queue: string;
  readonly id: string;
  readonly body: string;
  /** The attributes' JSON text, kept as sent. */
  readonly attributes?: string | undefined;
  readonly groupId?: string | undefined;
  readonly deduplicationId?: string | undefined;
  readonly sequenceNumber?: string | undefined;
  readonly sentAt: string;
  readonly receiveCount: number;
  readonly receiptHandle?: string | undefined;
  /** Epoch milliseconds of the first receive. */
  readonly firstReceivedAt?: number | undefined;
  /** Epoch milliseconds after which the message is never delivered (retention). */
  readonly expiresAtMs: number;
  /** Epoch seconds for DynamoDB's TTL, which deletes lazily. */
  readonly expiresAt: number;
  /** In a dead-letter queue: the queue the message came from. */
  readonly deadLetteredFrom?: string | undefined;
}

export type MessageFields = Pick<
  MessageItem,
  | 'queue'
  | 'id'
  | 'body'
  | 'attributes'
  | 'groupId'
  | 'deduplicationId'
  | 'sequenceNumber'
  | 'sentAt'
>;

/** The GraphQL Message of a stored message (or of a deduplication record's copy). */
export function toMessage(item: MessageFields, duplicate = false): Message {
  return {
    queue: item.queue,
    id: item.id,
    body: item.body,
    attributes: item.attributes === undefined ? null : (JSON.parse(item.attributes) as JsonValue),
    groupId: item.groupId ?? null,
    deduplicationId: item.deduplicationId ?? null,
    sequenceNumber: item.sequenceNumber ?? null,
    sentAt: item.sentAt,
    duplicate,
  };
}
