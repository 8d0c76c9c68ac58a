import dynamoose from 'dynamoose';
import { createTables } from '../../../infra/local/dynamodb-local/tables';
import { useDynamoDbLocal } from '../../../infra/local/testing/dynamodb-local';
import { manifest } from '../../index';
import type { QueueItem } from '../../lib/queue-record';
import { storedQueueItem } from '../../testing/queue-item';
import type { QueueEvent } from './events';
import { createModels } from './models';
import { queueStats } from './maintenance';
import { receiveMessages } from './receive';
import { sendMessage } from './send';
import type { Store } from './store';

/**
 * Time-bound guarantees (retention, the deduplication window) cross minutes; the store's clock is
 * moved instead of waited for. The store runs as in its Lambda, against DynamoDB Local.
 */
const dynamodb = useDynamoDbLocal();
let clock = Date.UTC(2026, 10, 22, 9, 0, 0);
const published: QueueEvent[] = [];
let store: Store;

beforeAll(async () => {
  await createTables(dynamodb.client, manifest.tables, (logical) => `windows-${logical}`);
  dynamoose.aws.ddb.set(
    new dynamoose.aws.ddb.DynamoDB({
      endpoint: dynamodb.instance.endpoint,
      region: dynamodb.instance.region,
      credentials: { ...dynamodb.instance.credentials },
    }),
  );
  const config = {
    queuesTable: 'windows-queues',
    messagesTable: 'windows-messages',
    graphqlUrl: undefined,
    pollIntervalMs: 10,
  };
  store = {
    config,
    models: createModels(config),
    events: {
      queueEvent: async (event) => void published.push(event),
      messagesSent: async () => undefined,
    },
    now: () => clock,
  };
});

let counter = 0;
async function queue(changes: Partial<QueueItem>): Promise<QueueItem> {
  counter += 1;
  const item = storedQueueItem({
    ...changes,
    name: `${changes.name ?? 'q'}${counter}${changes.type === 'FIFO' ? '.fifo' : ''}`,
    id: `QUEUE${counter}`,
  });
  await store.models.queues.create(item);
  return item;
}

const receive = (name: string) =>
  receiveMessages(store, {
    queue: name,
    maxMessages: 10,
    visibilityTimeoutSeconds: 0,
    waitTimeSeconds: 0,
  });

describe('retention', () => {
  it.each([
    ['standard', { type: 'STANDARD' as const }, {}],
    [
      'FIFO',
      { type: 'FIFO' as const, contentBasedDeduplication: true, deduplicationWindowSeconds: 300 },
      { groupId: 'g' },
    ],
  ])(
    'never delivers a %s message once its retention has passed, and still delivers the younger ones in order',
    async (_type, settings, extra) => {
      const { name } = await queue({ ...settings, messageRetentionSeconds: 60 });
      const start = clock;
      await sendMessage(store, { queue: name, body: 'old', ...extra });
      clock = start + 30_000;
      await sendMessage(store, { queue: name, body: 'young', ...extra });
      clock = start + 59_999;
      // Standard order is best effort across shards: compare as a set there.
      const bodies = (await receive(name)).map((delivery) => delivery.message.body);
      expect(settings.type === 'FIFO' ? bodies : bodies.sort()).toEqual(['old', 'young']);
      clock = start + 60_000;
      expect((await receive(name)).map((delivery) => delivery.message.body)).toEqual(['young']);
      expect(await queueStats(store, name)).toMatchObject({
        available: 1,
        inFlight: 0,
        delayed: 0,
      });
      clock = start + 90_000;
      expect(await receive(name)).toEqual([]);
      expect(await queueStats(store, name)).toMatchObject({
        available: 0,
        oldestMessageSentAt: null,
      });
    },
  );
});

describe('the deduplication window', () => {
  it('answers a repeat inside the window with the original and accepts it as new once the window has closed', async () => {
    const { name } = await queue({
      type: 'FIFO',
      contentBasedDeduplication: false,
      deduplicationWindowSeconds: 60,
    });
    const start = clock;
    const original = await sendMessage(store, {
      queue: name,
      body: 'pick up',
      groupId: 'g',
      deduplicationId: 'parcel-1',
    });
    clock = start + 60_000;
    expect(
      await sendMessage(store, {
        queue: name,
        body: 'pick up',
        groupId: 'g',
        deduplicationId: 'parcel-1',
      }),
    ).toEqual({ ...original, duplicate: true });
    clock = start + 60_001;
    const fresh = await sendMessage(store, {
      queue: name,
      body: 'pick up',
      groupId: 'g',
      deduplicationId: 'parcel-1',
    });
    expect(fresh.duplicate).toBe(false);
    expect(fresh.id).not.toBe(original.id);
    expect((fresh.sequenceNumber ?? '') > (original.sequenceNumber ?? '')).toBe(true);
    clock = start + 60_002;
    expect(
      await sendMessage(store, {
        queue: name,
        body: 'pick up',
        groupId: 'g',
        deduplicationId: 'parcel-1',
      }),
    ).toEqual({ ...fresh, duplicate: true });
    expect((await receive(name)).map((delivery) => delivery.message.id)).toEqual([
      original.id,
      fresh.id,
    ]);
  });
});

describe('dead-lettering', () => {
  it('publishes the move of a message that exceeded maxReceiveCount', async () => {
    const deadLetters = await queue({ name: 'dead' });
    const { name } = await queue({ deadLetterQueue: deadLetters.name, maxReceiveCount: 1 });
    const sent = await sendMessage(store, { queue: name, body: 'poison' });
    await receive(name);
    expect(await receive(name)).toEqual([]);
    expect(published).toContainEqual({
      queue: name,
      kind: 'MESSAGE_DEAD_LETTERED',
      messageId: sent.id,
      occurredAt: new Date(clock).toISOString(),
    });
    expect(await queueStats(store, deadLetters.name)).toMatchObject({ available: 1 });
  });
});
