/**
 * Courier's queue operations for the queue benchmark, over one kept-alive connection each
 * (json-poster.ts): the smallest selections that still prove each call worked. Any GraphQL error
 * or failed batch entry throws: a benchmark that lost messages must not print figures.
 */
import { createJsonPoster, type JsonPoster } from './json-poster';

export interface Endpoint {
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** What a consumer needs of a delivery. */
export interface ReceivedMessage {
  readonly receiptHandle: string;
  readonly body: string;
}

export interface SendEntry {
  readonly body: string;
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

export interface QueueClient {
  sendMessage(queue: string, entry: SendEntry): Promise<void>;
  sendMessageBatch(queue: string, entries: readonly SendEntry[]): Promise<void>;
  receiveMessages(
    queue: string,
    maxMessages: number,
    waitTimeSeconds: number,
  ): Promise<readonly ReceivedMessage[]>;
  acknowledgeMessage(queue: string, receiptHandle: string): Promise<void>;
  acknowledgeMessageBatch(queue: string, receiptHandles: readonly string[]): Promise<void>;
  close(): void;
}

const SEND = `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { id } }`;
const SEND_BATCH = `mutation ($input: SendMessageBatchInput!) {
  sendMessageBatch(input: $input) { successful { id } failed { id errorType message } }
}`;
const RECEIVE = `mutation ($queue: String!, $max: Int, $wait: Int) {
  receiveMessages(queue: $queue, maxMessages: $max, waitTimeSeconds: $wait) { receiptHandle message { body } }
}`;
const ACKNOWLEDGE = `mutation ($queue: String!, $handle: String!) {
  acknowledgeMessage(queue: $queue, receiptHandle: $handle) { messageId }
}`;
const ACKNOWLEDGE_BATCH = `mutation ($queue: String!, $entries: [AcknowledgeBatchEntry!]!) {
  acknowledgeMessageBatch(queue: $queue, entries: $entries) { successful { id } failed { id errorType message } }
}`;
const CREATE_QUEUE = `mutation ($input: CreateQueueInput!) { createQueue(input: $input) { name } }`;

interface BatchResult {
  readonly failed: readonly { id: string; errorType: string; message: string }[];
}

/** One GraphQL call: its `data.field`, or an Error with whatever came back instead. */
async function call<T>(
  poster: JsonPoster,
  query: string,
  variables: Record<string, unknown>,
  field: string,
): Promise<T> {
  const answer = await poster.post(JSON.stringify({ query, variables }));
  const body = answer.status === 200 ? (JSON.parse(answer.text) as Record<string, unknown>) : {};
  const data = body['data'] as Record<string, unknown> | null | undefined;
  if (answer.status !== 200 || body['errors'] !== undefined || !data || data[field] == null) {
    throw new Error(`${field} answered ${answer.status}: ${answer.text.slice(0, 500)}`);
  }
  return data[field] as T;
}

function checkBatch(field: string, result: BatchResult): void {
  if (result.failed.length > 0) {
    throw new Error(
      `${field}: ${result.failed.length} entries failed: ${JSON.stringify(result.failed)}`,
    );
  }
}

/** A client with a connection of its own. */
export function createQueueClient(endpoint: Endpoint): QueueClient {
  const poster = createJsonPoster(endpoint.url, endpoint.headers, 1);
  return {
    sendMessage: async (queue, entry) => {
      await call(poster, SEND, { input: { queue, ...entry } }, 'sendMessage');
    },
    sendMessageBatch: async (queue, entries) => {
      const input = { queue, entries: entries.map((entry, i) => ({ id: String(i), ...entry })) };
      checkBatch('sendMessageBatch', await call(poster, SEND_BATCH, { input }, 'sendMessageBatch'));
    },
    receiveMessages: async (queue, max, wait) => {
      const found = await call<{ receiptHandle: string; message: { body: string } }[]>(
        poster,
        RECEIVE,
        { queue, max, wait },
        'receiveMessages',
      );
      return found.map((d) => ({ receiptHandle: d.receiptHandle, body: d.message.body }));
    },
    acknowledgeMessage: async (queue, handle) => {
      await call(poster, ACKNOWLEDGE, { queue, handle }, 'acknowledgeMessage');
    },
    acknowledgeMessageBatch: async (queue, handles) => {
      const entries = handles.map((receiptHandle, i) => ({ id: String(i), receiptHandle }));
      checkBatch(
        'acknowledgeMessageBatch',
        await call(poster, ACKNOWLEDGE_BATCH, { queue, entries }, 'acknowledgeMessageBatch'),
      );
    },
    close: () => poster.close(),
  };
}

/** Creates a queue with an admin's authorization. */
export async function createQueue(
  endpoint: Endpoint,
  input: Readonly<Record<string, unknown>>,
): Promise<void> {
  const poster = createJsonPoster(endpoint.url, endpoint.headers, 1);
  try {
    await call(poster, CREATE_QUEUE, { input }, 'createQueue');
  } finally {
    poster.close();
  }
}
