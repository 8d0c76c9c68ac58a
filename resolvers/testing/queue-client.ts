/**
 * A typed GraphQL client for Courier's message operations over one keep-alive HTTP connection of
 * its own (an Agent with a single socket), so that concurrent clients in a test are separate
 * connections as separate processes would be, and each client's requests are served in order.
 */
import http from 'node:http';
import type {
  Acknowledgement,
  AcknowledgeBatchEntry,
  BatchResultError,
  QueueStats,
} from '../../generated/graphql';

export interface QueueClientOptions {
  readonly url: string;
  readonly apiKey: string;
  /** Give up on one request after this long. */
  readonly timeoutMs?: number;
}

/** A GraphQL error as the API reports it. */
export interface GraphqlError {
  readonly message: string;
  readonly errorType?: string;
}

/** Thrown when an operation answers with errors (or not at all with data). */
export class QueueRequestError extends Error {
  constructor(
    readonly operation: string,
    readonly errors: readonly GraphqlError[],
  ) {
    super(`${operation} failed: ${JSON.stringify(errors)}`);
    this.name = 'QueueRequestError';
  }
}

/** A sent message as selected below. */
export interface SentMessage {
  readonly id: string;
  readonly groupId: string | null;
  readonly sequenceNumber: string | null;
  readonly sentAt: string;
  readonly duplicate: boolean;
}

/** A delivery as selected below: server timestamps are ISO strings in milliseconds. */
export interface ReceivedDelivery {
  readonly receiptHandle: string;
  readonly receiveCount: number;
  readonly firstReceivedAt: string;
  readonly visibleUntil: string;
  readonly message: {
    readonly id: string;
    readonly body: string;
    readonly groupId: string | null;
    readonly sequenceNumber: string | null;
  };
}

export interface SendBatchOutcome {
  readonly successful: readonly { readonly id: string; readonly message: SentMessage }[];
  readonly failed: readonly BatchResultError[];
}

export interface AcknowledgeBatchOutcome {
  readonly successful: readonly {
    readonly id: string;
    readonly acknowledgement: Acknowledgement;
  }[];
  readonly failed: readonly BatchResultError[];
}

export interface SendOptions {
  readonly groupId?: string;
  readonly deduplicationId?: string;
}

export interface ReceiveOptions {
  readonly maxMessages: number;
  readonly visibilityTimeoutSeconds: number;
  readonly waitTimeSeconds?: number;
}

const SEND = `mutation ($input: SendMessageInput!) {
  sendMessage(input: $input) { id groupId sequenceNumber sentAt duplicate }
}`;

const SEND_BATCH = `mutation ($input: SendMessageBatchInput!) {
  sendMessageBatch(input: $input) {
    successful { id message { id groupId sequenceNumber sentAt duplicate } }
    failed { id errorType message }
  }
}`;

const RECEIVE = `mutation ($queue: String!, $max: Int, $visibility: Int, $wait: Int) {
  receiveMessages(queue: $queue, maxMessages: $max, visibilityTimeoutSeconds: $visibility, waitTimeSeconds: $wait) {
    receiptHandle receiveCount firstReceivedAt visibleUntil
    message { id body groupId sequenceNumber }
  }
}`;

const ACKNOWLEDGE_BATCH = `mutation ($queue: String!, $entries: [AcknowledgeBatchEntry!]!) {
  acknowledgeMessageBatch(queue: $queue, entries: $entries) {
    successful { id acknowledgement { queue messageId receiptHandle acknowledgedAt } }
    failed { id errorType message }
  }
}`;

const STATS = `query ($name: String!) {
  queue(name: $name) { stats { available inFlight delayed oldestMessageSentAt } }
}`;

type Answer = { data?: Record<string, unknown> | null; errors?: GraphqlError[] };

export class QueueClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;
  /** Local ports of the sockets this client used: one while the connection is kept alive. */
  readonly localPorts = new Set<number>();

  constructor(private readonly options: QueueClientOptions) {
    this.url = new URL(options.url);
  }

  async sendMessage(queue: string, body: string, options: SendOptions = {}): Promise<SentMessage> {
    const data = await this.operation('sendMessage', SEND, { input: { queue, body, ...options } });
    return data as SentMessage;
  }

  /** Sends up to 10 entries in one request; the server sends them in entry order. */
  async sendMessageBatch(
    queue: string,
    entries: readonly (SendOptions & { readonly id: string; readonly body: string })[],
  ): Promise<SendBatchOutcome> {
    const data = await this.operation('sendMessageBatch', SEND_BATCH, {
      input: { queue, entries },
    });
    return data as SendBatchOutcome;
  }

  async receiveMessages(queue: string, options: ReceiveOptions): Promise<ReceivedDelivery[]> {
    const data = await this.operation('receiveMessages', RECEIVE, {
      queue,
      max: options.maxMessages,
      visibility: options.visibilityTimeoutSeconds,
      wait: options.waitTimeSeconds ?? 0,
    });
    return data as ReceivedDelivery[];
  }

  async acknowledgeMessageBatch(
    queue: string,
    entries: readonly AcknowledgeBatchEntry[],
  ): Promise<AcknowledgeBatchOutcome> {
    const data = await this.operation('acknowledgeMessageBatch', ACKNOWLEDGE_BATCH, {
      queue,
      entries,
    });
    return data as AcknowledgeBatchOutcome;
  }

  async queueStats(name: string): Promise<QueueStats> {
    const data = (await this.operation('queue', STATS, { name })) as { stats: QueueStats };
    return data.stats;
  }

  /** Closes the kept-alive connection. */
  close(): void {
    this.agent.destroy();
  }

  /** One operation's data, or a QueueRequestError naming what the API answered. */
  private async operation(
    name: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<unknown> {
    const answer = await this.post(JSON.stringify({ query, variables }));
    const data = answer.data?.[name];
    if (answer.errors?.length || data === undefined || data === null) {
      throw new QueueRequestError(name, answer.errors ?? []);
    }
    return data;
  }

  private post(body: string): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.options.timeoutMs ?? 30_000,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            'x-api-key': this.options.apiKey,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve(JSON.parse(text) as Answer);
            } catch (error) {
              reject(new Error(`Expected a JSON answer, received: ${text}`, { cause: error }));
            }
          });
        },
      );
      request.on('socket', (socket) => {
        const record = () =>
          socket.localPort !== undefined && this.localPorts.add(socket.localPort);
        if (socket.localPort === undefined) {
          socket.once('connect', record);
        } else {
          record();
        }
      });
      request.on('timeout', () => request.destroy(new Error('No answer within the timeout')));
      request.on('error', reject);
      request.end(body);
    });
  }
}
