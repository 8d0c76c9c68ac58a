import { Sha256 } from '@aws-crypto/sha256-js';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Message, QueueEventKind } from '../../../generated/graphql';

/** Something that happened to a queue, for onQueueEvent subscribers. */
export interface QueueEvent {
  readonly queue: string;
  readonly kind: QueueEventKind;
  readonly messageId?: string;
  readonly occurredAt: string;
}

export interface EventPublisher {
  queueEvent(event: QueueEvent): Promise<void>;
  /** Announces messages sent outside sendMessage (batches) to onMessageSent subscribers. */
  messagesSent(messages: readonly Message[]): Promise<void>;
}

const PUBLISH_QUEUE_EVENT = `mutation ($input: QueueEventInput!) {
  publishQueueEvent(input: $input) { queue kind messageId occurredAt }
}`;

const PUBLISH_MESSAGE_SENT = `mutation ($input: MessageSentInput!) {
  publishMessageSent(input: $input) {
    queue id body attributes groupId deduplicationId sequenceNumber sentAt duplicate
  }
}`;

/**
 * Publishes through the API itself, signed with the function's IAM credentials (AppSync
 * subscriptions fire only on mutations). A failed publish is logged, never raised: the operation
 * it reports has already happened.
 */
export function apiEventPublisher(graphqlUrl: string | undefined): EventPublisher {
  const post = async (query: string, variables: Record<string, unknown>): Promise<void> => {
    if (!graphqlUrl) {
      return;
    }
    try {
      const url = new URL(graphqlUrl);
      const body = JSON.stringify({ query, variables });
      const signer = new SignatureV4({
        service: 'appsync',
        region: process.env['AWS_REGION'] ?? 'us-east-1',
        credentials: {
          accessKeyId: process.env['AWS_ACCESS_KEY_ID'] ?? '',
          secretAccessKey: process.env['AWS_SECRET_ACCESS_KEY'] ?? '',
          ...(process.env['AWS_SESSION_TOKEN']
            ? { sessionToken: process.env['AWS_SESSION_TOKEN'] }
            : {}),
        },
        sha256: Sha256,
      });
      const signed = await signer.sign({
        method: 'POST',
        protocol: url.protocol,
        hostname: url.hostname,
        ...(url.port ? { port: Number(url.port) } : {}),
        path: url.pathname,
        headers: { host: url.host, 'content-type': 'application/json' },
        body,
      });
      const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
      const answer = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || answer.errors) {
        console.error(
          `Publishing to ${url.pathname} failed: ${response.status} ${JSON.stringify(answer.errors ?? answer)}`,
        );
      }
    } catch (error) {
      console.error(`Publishing to ${graphqlUrl} failed: ${String(error)}`);
    }
  };
  return {
    queueEvent: (event) => post(PUBLISH_QUEUE_EVENT, { input: event }),
    messagesSent: async (messages) => {
      await Promise.all(
        messages.map((message) =>
          post(PUBLISH_MESSAGE_SENT, {
            input: {
              ...message,
              attributes: message.attributes === null ? null : JSON.stringify(message.attributes),
            },
          }),
        ),
      );
    },
  };
}
