/**
 * Brings a freshly started engine to speed before it is measured or killed: every Lambda function
 * (sender, receiver, acknowledger, maintenance) runs in worker threads started on first use, a
 * second or more each on a busy machine, one per concurrent invocation (up to 16 per function,
 * kept once started). As many callers as the traffic will have send singly and in batches to both
 * warm-up queues, receive, acknowledge and ask for stats at once, so the traffic meets warm
 * workers and memory sampled afterwards is not the pool filling up. The warm-up queues
 * are apart from the measured ones: nothing here enters a ledger.
 */
import { createGraphqlCaller, type CallOutcome } from './graphql-caller';
import {
  acknowledgeMessageBatch,
  receiveMessages,
  sendMessage,
  sendMessageBatch,
} from './queue-calls';

export const WARM_UP_QUEUES = [
  { name: 'warm-up', type: 'STANDARD', visibilityTimeoutSeconds: 30 },
  { name: 'warm-up.fifo', type: 'FIFO', visibilityTimeoutSeconds: 30 },
] as const;

function mustBeOk<T>(what: string, outcome: CallOutcome<T>): T {
  if (outcome.kind !== 'ok') {
    throw new Error(`warm-up ${what}: ${JSON.stringify(outcome)}`);
  }
  return outcome.data;
}

/** `callers` concurrent callers, each through every operation, leaving the queues empty. */
export async function warmUp(url: string, apiKey: string, callers: number): Promise<void> {
  const clients = Array.from({ length: callers }, () =>
    createGraphqlCaller({ url, headers: { 'x-api-key': apiKey }, timeoutMs: 30_000 }),
  );
  const deadline = Date.now() + 60_000;
  try {
    for (const queue of WARM_UP_QUEUES) {
      const fifo = queue.type === 'FIFO';
      const entry = (n: number, i: number) => {
        const body = `warm-${Date.now()}-${n}-${i}`;
        return fifo ? { body, groupId: `w${n}`, deduplicationId: body } : { body };
      };
      await Promise.all(
        clients.map(async (client, n) => {
          mustBeOk('send', await sendMessage(client, queue.name, entry(n, 0)));
          mustBeOk(
            'batch send',
            await sendMessageBatch(client, queue.name, [entry(n, 1), entry(n, 2)]),
          );
        }),
      );
      let left = callers * 3;
      await Promise.all(
        clients.map(async (client) => {
          while (left > 0) {
            if (Date.now() > deadline) {
              throw new Error(
                `warm-up: ${left} messages of ${queue.name} not received within 60 s`,
              );
            }
            const deliveries = mustBeOk(
              'receive',
              await receiveMessages(client, queue.name, { maxMessages: 10 }),
            );
            if (deliveries.length === 0) {
              await new Promise((resolve) => setTimeout(resolve, 50));
              continue;
            }
            left -= deliveries.length;
            mustBeOk(
              'acknowledge',
              await acknowledgeMessageBatch(
                client,
                queue.name,
                deliveries.map((d) => d.receiptHandle),
              ),
            );
          }
        }),
      );
    }
  } finally {
    clients.forEach((client) => client.close());
  }
}
