/**
 * Courier's queue operations over a GraphqlCaller, each returning its CallOutcome. The send
 * selections include `queue duplicate groupId`, which onMessageSent subscribers need.
 */
import type { CallOutcome, GraphqlCaller } from './graphql-caller';

export interface SentMessage {
  readonly id: string;
  readonly queue: string;
  readonly groupId: string | null;
  readonly duplicate: boolean;
}

export interface SendEntry {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

export interface BatchFailure {
  readonly id: string;
  readonly errorType: string;
  readonly message: string;
}

export interface SendBatchResult {
  readonly successful: readonly { readonly id: string; readonly message: SentMessage }[];
  readonly failed: readonly BatchFailure[];
}

export interface Delivery {
  readonly receiptHandle: string;
  readonly receiveCount: number;
  readonly visibleUntil: string;
  readonly message: {
    readonly id: string;
    readonly body: string;
    readonly groupId: string | null;
    readonly sequenceNumber: string | null;
  };
}

export interface AckBatchResult {
  readonly successful: readonly { readonly id: string }[];
  readonly failed: readonly BatchFailure[];
}

export interface QueueStats {
  readonly available: number;
  readonly inFlight: number;
  readonly delayed: number;
}

const MESSAGE = 'id queue groupId duplicate';
const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { ${MESSAGE} } }`;
const SEND_BATCH = `mutation ($input: SendMessageBatchInput!) {
  sendMessageBatch(input: $input) { successful { id message { ${MESSAGE} } } failed { id errorType message } }
}`;
const RECEIVE = `mutation ($queue: String!, $max: Int, $visibility: Int, $wait: Int) {
  receiveMessages(queue: $queue, maxMessages: $max, visibilityTimeoutSeconds: $visibility, waitTimeSeconds: $wait) {
    receiptHandle receiveCount visibleUntil message { id body groupId sequenceNumber }
  }
}`;
const ACKNOWLEDGE = `mutation ($queue: String!, $handle: String!) {
  acknowledgeMessage(queue: $queue, receiptHandle: $handle) { messageId }
}`;
const ACKNOWLEDGE_BATCH = `mutation ($queue: String!, $entries: [AcknowledgeBatchEntry!]!) {
  acknowledgeMessageBatch(queue: $queue, entries: $entries) { successful { id } failed { id errorType message } }
}`;
const STATS = `query ($name: String!) { queue(name: $name) { stats { available inFlight delayed } } }`;
const CREATE_QUEUE = `mutation ($input: CreateQueueInput!) { createQueue(input: $input) { name } }`;

export interface ReceiveOptions {
  readonly maxMessages: number;
  /** Omitted: the queue's own. */
  readonly visibilityTimeoutSeconds?: number;
  readonly waitTimeSeconds?: number;
}

export function sendMessage(
  caller: GraphqlCaller,
  queue: string,
  entry: SendEntry,
): Promise<CallOutcome<SentMessage>> {
  return caller.call(SEND, { input: { queue, ...entry } }, 'sendMessage');
}

/** Entries get ids "0", "1", ... in order. */
export function sendMessageBatch(
  caller: GraphqlCaller,
  queue: string,
  entries: readonly SendEntry[],
): Promise<CallOutcome<SendBatchResult>> {
  const input = { queue, entries: entries.map((entry, i) => ({ id: String(i), ...entry })) };
  return caller.call(SEND_BATCH, { input }, 'sendMessageBatch');
}

export function receiveMessages(
  caller: GraphqlCaller,
  queue: string,
  options: ReceiveOptions,
): Promise<CallOutcome<Delivery[]>> {
  return caller.call(
    RECEIVE,
    {
      queue,
      max: options.maxMessages,
      wait: options.waitTimeSeconds ?? 0,
      ...(options.visibilityTimeoutSeconds !== undefined
        ? { visibility: options.visibilityTimeoutSeconds }
        : {}),
    },
    'receiveMessages',
  );
}

export function acknowledgeMessage(
  caller: GraphqlCaller,
  queue: string,
  receiptHandle: string,
): Promise<CallOutcome<{ messageId: string }>> {
  return caller.call(ACKNOWLEDGE, { queue, handle: receiptHandle }, 'acknowledgeMessage');
}

/** Entries get ids "0", "1", ... in the order of the handles. */
export function acknowledgeMessageBatch(
  caller: GraphqlCaller,
  queue: string,
  receiptHandles: readonly string[],
): Promise<CallOutcome<AckBatchResult>> {
  const entries = receiptHandles.map((receiptHandle, i) => ({ id: String(i), receiptHandle }));
  return caller.call(ACKNOWLEDGE_BATCH, { queue, entries }, 'acknowledgeMessageBatch');
}

export async function queueStats(
  caller: GraphqlCaller,
  name: string,
): Promise<CallOutcome<QueueStats>> {
  const outcome = await caller.call<{ stats: QueueStats }>(STATS, { name }, 'queue');
  return outcome.kind === 'ok' ? { kind: 'ok', data: outcome.data.stats } : outcome;
}

/** Needs an admin's authorization on the caller. */
export function createQueue(
  caller: GraphqlCaller,
  input: Readonly<Record<string, unknown>>,
): Promise<CallOutcome<{ name: string }>> {
  return caller.call(CREATE_QUEUE, { input }, 'createQueue');
}
