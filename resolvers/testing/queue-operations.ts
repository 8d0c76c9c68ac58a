import type { LocalApiForTests } from '../../infra/local/testing/local-api';

/** The Message fields every test selects; senders select queue, duplicate and groupId for filters. */
export const MESSAGE_FIELDS =
  'queue id body attributes groupId deduplicationId sequenceNumber sentAt duplicate';

export const DELIVERY_FIELDS = `receiptHandle receiveCount firstReceivedAt visibleUntil message { ${MESSAGE_FIELDS} }`;

export interface MessageView {
  readonly queue: string;
  readonly id: string;
  readonly body: string;
  readonly attributes: string | null;
  readonly groupId: string | null;
  readonly deduplicationId: string | null;
  readonly sequenceNumber: string | null;
  readonly sentAt: string;
  readonly duplicate: boolean;
}

export interface DeliveryView {
  readonly receiptHandle: string;
  readonly receiveCount: number;
  readonly firstReceivedAt: string;
  readonly visibleUntil: string;
  readonly message: MessageView;
}

export interface GraphqlError {
  readonly errorType: string;
  readonly message: string;
  readonly errorInfo?: { field: string; received: unknown; allowed: string } | null;
}

type Body = { data?: Record<string, unknown> | null; errors?: GraphqlError[] };

/** The queue operations of Courier's API over one test engine, typed for tests. */
export function queueOperations(local: LocalApiForTests, admin: () => Record<string, string>) {
  const call = async (
    query: string,
    variables: Record<string, unknown>,
    headers?: Record<string, string>,
  ): Promise<Body> => (await local.graphql(query, variables, headers)).body as Body;
  const data = async <T>(
    query: string,
    variables: Record<string, unknown>,
    field: string,
    headers?: Record<string, string>,
  ): Promise<T> => {
    const body = await call(query, variables, headers);
    if (body.errors) {
      throw new Error(`${field} failed: ${JSON.stringify(body.errors)}`);
    }
    return body.data?.[field] as T;
  };
  return {
    call,
    createQueue: (input: Record<string, unknown>) =>
      data<{ name: string }>(
        'mutation ($input: CreateQueueInput!) { createQueue(input: $input) { name } }',
        { input },
        'createQueue',
        admin(),
      ),
    send: (input: Record<string, unknown>) =>
      data<MessageView>(
        `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { ${MESSAGE_FIELDS} } }`,
        { input },
        'sendMessage',
      ),
    sendResult: (input: Record<string, unknown>) =>
      call(
        `mutation ($input: SendMessageInput!) { sendMessage(input: $input) { ${MESSAGE_FIELDS} } }`,
        { input },
      ),
    receive: (
      queue: string,
      options: {
        maxMessages?: number;
        visibilityTimeoutSeconds?: number;
        waitTimeSeconds?: number;
      } = {},
    ) =>
      data<DeliveryView[]>(
        `mutation ($queue: String!, $maxMessages: Int, $visibilityTimeoutSeconds: Int, $waitTimeSeconds: Int) {
          receiveMessages(queue: $queue, maxMessages: $maxMessages, visibilityTimeoutSeconds: $visibilityTimeoutSeconds, waitTimeSeconds: $waitTimeSeconds) { ${DELIVERY_FIELDS} }
        }`,
        { queue, ...options },
        'receiveMessages',
      ),
    acknowledge: (queue: string, receiptHandle: string) =>
      call(
        'mutation ($queue: String!, $h: String!) { acknowledgeMessage(queue: $queue, receiptHandle: $h) { queue messageId receiptHandle acknowledgedAt } }',
        { queue, h: receiptHandle },
      ),
    changeVisibility: (queue: string, receiptHandle: string, visibilityTimeoutSeconds: number) =>
      call(
        `mutation ($queue: String!, $h: String!, $v: Int!) { changeMessageVisibility(queue: $queue, receiptHandle: $h, visibilityTimeoutSeconds: $v) { ${DELIVERY_FIELDS} } }`,
        { queue, h: receiptHandle, v: visibilityTimeoutSeconds },
      ),
    stats: (name: string) =>
      data<{
        stats: {
          available: number;
          inFlight: number;
          delayed: number;
          oldestMessageSentAt: string | null;
        };
      }>(
        'query ($name: String!) { queue(name: $name) { stats { available inFlight delayed oldestMessageSentAt } } }',
        { name },
        'queue',
      ).then((queue) => queue.stats),
  };
}

export type QueueOperations = ReturnType<typeof queueOperations>;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
