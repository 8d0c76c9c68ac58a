import { openLocalIssuer, type LocalIssuer } from '../infra/local/auth/local-issuer';
import { dataDirLayout } from '../infra/local/data-dir';
import {
  headerProtocol,
  openClient,
  startMessage,
  type RawClient,
} from '../infra/local/realtime/testing/raw-client';
import { useLocalApi } from '../infra/local/testing/local-api';
import { queueOperations, sleep, type GraphqlError } from './testing/queue-operations';

/** The queue contract of design.md §4, over HTTP and WebSocket on the engine and DynamoDB Local. */
const local = useLocalApi({ api: 'courier' });
let issuer: LocalIssuer;
const admin = () => ({
  'x-api-key': '',
  authorization: issuer.mint({ username: 'root', groups: ['admins'] }),
});
const api = queueOperations(local, admin);

beforeAll(async () => {
  issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
});

let counter = 0;
/** A queue of its own for each test. */
async function queue(input: Record<string, unknown> = {}): Promise<string> {
  counter += 1;
  const fifo = input['type'] === 'FIFO';
  const name = `${String(input['name'] ?? 'q')}${counter}${fifo ? '.fifo' : ''}`;
  await api.createQueue({ ...input, name });
  return name;
}

function errorOf(body: { errors?: GraphqlError[] }): GraphqlError {
  expect(body.errors).toHaveLength(1);
  return (body.errors ?? [])[0] as GraphqlError;
}

const clients: RawClient[] = [];
afterEach(() => clients.splice(0).forEach((client) => client.ws.terminate()));

/** A realtime connection with one started subscription. */
async function subscribe(query: string, variables: Record<string, unknown>): Promise<RawClient> {
  const auth = { host: new URL(local.api.url).host, 'x-api-key': local.api.apiKey };
  const client = await openClient(local.api.realtimeUrl, ['graphql-ws', headerProtocol(auth)]);
  clients.push(client);
  client.send({ type: 'connection_init' });
  await client.nextOfType('connection_ack');
  client.send(startMessage('s', query, auth, variables));
  expect(await client.next(10_000)).toEqual({ type: 'start_ack', id: 's' });
  return client;
}

async function eventsWithin(client: RawClient, ms: number): Promise<unknown[]> {
  await sleep(ms);
  return client
    .unread()
    .filter((frame) => frame['type'] === 'data')
    .map((frame) => (frame['payload'] as { data: Record<string, unknown> }).data);
}

describe('sending', () => {
  it('stores a standard message and answers it with an id and no sequence number', async () => {
    const name = await queue();
    const sent = await api.send({
      queue: name,
      body: 'parcel 1',
      attributes: JSON.stringify({ kg: 2, fragile: true }),
    });
    expect(sent).toEqual({
      queue: name,
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      body: 'parcel 1',
      attributes: JSON.stringify({ kg: 2, fragile: true }),
      groupId: null,
      deduplicationId: null,
      sequenceNumber: null,
      sentAt: expect.stringMatching(/Z$/),
      duplicate: false,
    });
    expect(await api.stats(name)).toEqual({
      available: 1,
      inFlight: 0,
      delayed: 0,
      oldestMessageSentAt: sent.sentAt,
    });
  });

  it('numbers a FIFO group strictly increasingly in send order', async () => {
    const name = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    const sent = [];
    for (const body of ['a', 'b', 'c', 'd']) {
      sent.push(await api.send({ queue: name, body, groupId: 'g' }));
    }
    const numbers = sent.map((message) => message.sequenceNumber ?? '');
    expect(numbers.every((number) => /^\d{20}$/.test(number))).toBe(true);
    expect([...numbers].sort()).toEqual(numbers);
    expect(new Set(numbers).size).toBe(4);
  });

  it.each([
    [
      'by deduplication id',
      { contentBasedDeduplication: false },
      { deduplicationId: 'parcel-7' },
      { deduplicationId: 'parcel-7', body: 'changed body' },
    ],
    ['by body hash', { contentBasedDeduplication: true }, {}, {}],
  ])(
    'answers a FIFO duplicate %s with the original and creates nothing',
    async (_how, settings, first, repeat) => {
      const name = await queue({ type: 'FIFO', ...settings });
      const original = await api.send({ queue: name, body: 'pick up', groupId: 'g', ...first });
      const again = await api.send({ queue: name, body: 'pick up', groupId: 'g', ...repeat });
      expect(again).toEqual({ ...original, duplicate: true });
      expect(await api.stats(name)).toMatchObject({ available: 1 });
      const other = await api.send({
        queue: name,
        body: 'another',
        groupId: 'g',
        ...('deduplicationId' in first ? { deduplicationId: 'parcel-8' } : {}),
      });
      expect(other.duplicate).toBe(false);
      expect(other.id).not.toBe(original.id);
    },
  );

  it.each([
    ['an unknown queue', {}, { queue: 'nowhere' }, 'QueueNotFound', 'input.queue'],
    ['an invalid queue name', {}, { queue: 'no spaces allowed' }, 'InvalidArgument', 'input.queue'],
    ['an empty body', {}, { body: '' }, 'InvalidArgument', 'input.body'],
    [
      'a body over maxMessageBytes',
      { maxMessageBytes: 8 },
      { body: 'ninebytes' },
      'MessageTooLarge',
      'input.body',
    ],
    [
      'multi-byte characters over maxMessageBytes',
      { maxMessageBytes: 8 },
      { body: '€€€' },
      'MessageTooLarge',
      'input.body',
    ],
    [
      'attributes that are a list',
      {},
      { attributes: JSON.stringify([1]) },
      'InvalidArgument',
      'input.attributes',
    ],
    [
      'an attribute holding an object',
      {},
      { attributes: JSON.stringify({ a: { b: 1 } }) },
      'InvalidArgument',
      'input.attributes.a',
    ],
    ['a delay above 900 s', {}, { delaySeconds: 901 }, 'InvalidArgument', 'input.delaySeconds'],
    [
      'a deduplication id on a standard queue',
      {},
      { deduplicationId: 'x' },
      'InvalidArgument',
      'input.deduplicationId',
    ],
    [
      'a FIFO send without groupId',
      { type: 'FIFO' },
      { deduplicationId: 'x' },
      'InvalidArgument',
      'input.groupId',
    ],
    [
      'a FIFO send without deduplication',
      { type: 'FIFO' },
      { groupId: 'g' },
      'InvalidArgument',
      'input.deduplicationId',
    ],
    [
      'a per-message delay on FIFO',
      { type: 'FIFO' },
      { groupId: 'g', deduplicationId: 'x', delaySeconds: 1 },
      'InvalidArgument',
      'input.delaySeconds',
    ],
    [
      'a group id with spaces',
      { type: 'FIFO' },
      { groupId: 'a b', deduplicationId: 'x' },
      'InvalidArgument',
      'input.groupId',
    ],
  ])(
    'refuses %s, naming the field, and writes nothing',
    async (_case, settings, input, errorType, field) => {
      const name = await queue(settings);
      const body = await api.sendResult({ queue: name, body: 'hello', ...input });
      const error = errorOf(body);
      expect(error).toMatchObject({ errorType, errorInfo: { field } });
      expect(error.message).toMatch(
        new RegExp(`^${field.replace(/\./g, '\\.')}: received .*; expected .+\\.$`),
      );
      expect(await api.stats(name)).toEqual({
        available: 0,
        inFlight: 0,
        delayed: 0,
        oldestMessageSentAt: null,
      });
    },
  );

  it.each([
    ['a standard queue', { delaySeconds: 1 }, {}],
    [
      'a FIFO queue',
      { type: 'FIFO', contentBasedDeduplication: true, delaySeconds: 1 },
      { groupId: 'g' },
    ],
  ])('delays every message of %s by the queue delay', async (_case, settings, extra) => {
    const name = await queue(settings);
    await api.send({ queue: name, body: 'held', ...extra });
    expect(await api.receive(name)).toEqual([]);
    expect(await api.stats(name)).toMatchObject({ available: 0, delayed: 1 });
    await sleep(1100);
    expect((await api.receive(name)).map((delivery) => delivery.message.body)).toEqual(['held']);
  });

  it('holds a delayed message back until its delay passes', async () => {
    const name = await queue();
    await api.send({ queue: name, body: 'later', delaySeconds: 1 });
    expect(await api.receive(name)).toEqual([]);
    expect(await api.stats(name)).toMatchObject({ available: 0, delayed: 1 });
    await sleep(1100);
    expect((await api.receive(name)).map((delivery) => delivery.message.body)).toEqual(['later']);
  });
});

describe('receiving and acknowledging', () => {
  it('forgets an acknowledged message and refuses its handle a second time', async () => {
    const name = await queue();
    const sent = await api.send({ queue: name, body: 'once' });
    const [delivery] = await api.receive(name, { visibilityTimeoutSeconds: 0 });
    expect(delivery).toMatchObject({ receiveCount: 1, message: { id: sent.id } });
    const acknowledged = await api.acknowledge(name, delivery?.receiptHandle ?? '');
    expect(acknowledged.data).toEqual({
      acknowledgeMessage: {
        queue: name,
        messageId: sent.id,
        receiptHandle: delivery?.receiptHandle,
        acknowledgedAt: expect.stringMatching(/Z$/),
      },
    });
    expect(await api.receive(name, { maxMessages: 10 })).toEqual([]);
    const again = errorOf(await api.acknowledge(name, delivery?.receiptHandle ?? ''));
    expect(again).toMatchObject({
      errorType: 'StaleReceiptHandle',
      errorInfo: { field: 'receiptHandle' },
    });
    expect(again.message).toContain('may be processed again');
  });

  it('delivers an unacknowledged message again after its visibility timeout, with a new handle', async () => {
    const name = await queue();
    const sent = await api.send({ queue: name, body: 'retry me' });
    const [first] = await api.receive(name, { visibilityTimeoutSeconds: 1 });
    expect(await api.receive(name)).toEqual([]);
    await sleep(1100);
    const [second] = await api.receive(name, { visibilityTimeoutSeconds: 30 });
    expect(second).toMatchObject({
      receiveCount: 2,
      firstReceivedAt: first?.firstReceivedAt,
      message: { id: sent.id },
    });
    expect(second?.receiptHandle).not.toBe(first?.receiptHandle);
    expect(errorOf(await api.acknowledge(name, first?.receiptHandle ?? '')).errorType).toBe(
      'StaleReceiptHandle',
    );
    expect((await api.acknowledge(name, second?.receiptHandle ?? '')).errors).toBeUndefined();
  });

  it('releases a delivery at once with a visibility timeout of 0, and extends one on request', async () => {
    const name = await queue();
    await api.send({ queue: name, body: 'released' });
    const [held] = await api.receive(name, { visibilityTimeoutSeconds: 30 });
    const released = await api.changeVisibility(name, held?.receiptHandle ?? '', 0);
    expect(released.errors).toBeUndefined();
    const [again] = await api.receive(name, { visibilityTimeoutSeconds: 1 });
    expect(again?.receiveCount).toBe(2);
    const extended = await api.changeVisibility(name, again?.receiptHandle ?? '', 30);
    expect(extended.errors).toBeUndefined();
    await sleep(1100);
    expect(await api.receive(name)).toEqual([]);
    expect(await api.stats(name)).toMatchObject({ available: 0, inFlight: 1 });
  });

  it('refuses a visibility change for a handle that is no longer current', async () => {
    const name = await queue();
    await api.send({ queue: name, body: 'x' });
    const [first] = await api.receive(name, { visibilityTimeoutSeconds: 0 });
    await api.receive(name, { visibilityTimeoutSeconds: 30 });
    expect(
      errorOf(await api.changeVisibility(name, first?.receiptHandle ?? '', 10)).errorType,
    ).toBe('StaleReceiptHandle');
  });

  it.each([
    ['text that is no receipt handle', () => 'not-a-handle', 'InvalidArgument'],
    ['a handle of another queue', (other: string) => other, 'StaleReceiptHandle'],
  ])('refuses %s', async (_case, handleOf, errorType) => {
    const name = await queue();
    const other = await queue();
    await api.send({ queue: other, body: 'elsewhere' });
    const [delivery] = await api.receive(other);
    const error = errorOf(await api.acknowledge(name, handleOf(delivery?.receiptHandle ?? '')));
    expect(error).toMatchObject({ errorType, errorInfo: { field: 'receiptHandle' } });
  });

  it.each<
    [string, { maxMessages?: number; visibilityTimeoutSeconds?: number; waitTimeSeconds?: number }]
  >([
    ['maxMessages', { maxMessages: 0 }],
    ['maxMessages', { maxMessages: 11 }],
    ['visibilityTimeoutSeconds', { visibilityTimeoutSeconds: 43_201 }],
    ['waitTimeSeconds', { waitTimeSeconds: 21 }],
  ])('refuses %s out of range', async (field, options) => {
    const name = await queue();
    const body = await api.call(
      'mutation ($q: String!, $m: Int, $v: Int, $w: Int) { receiveMessages(queue: $q, maxMessages: $m, visibilityTimeoutSeconds: $v, waitTimeSeconds: $w) { receiptHandle } }',
      {
        q: name,
        m: options.maxMessages,
        v: options.visibilityTimeoutSeconds,
        w: options.waitTimeSeconds,
      },
    );
    expect(errorOf(body)).toMatchObject({ errorType: 'InvalidArgument', errorInfo: { field } });
  });

  it('never hands one message to two receivers at once', async () => {
    const name = await queue();
    for (let round = 0; round < 10; round += 1) {
      const sent = await api.send({ queue: name, body: `round ${round}` });
      const answers = await Promise.all(
        [1, 2, 3, 4].map(() => api.receive(name, { visibilityTimeoutSeconds: 30 })),
      );
      const got = answers.flat();
      expect(got.map((delivery) => delivery.message.id)).toEqual([sent.id]);
      await api.acknowledge(name, got[0]?.receiptHandle ?? '');
    }
  });

  it('long-polls until a message arrives', async () => {
    const name = await queue();
    const polling = api.receive(name, { waitTimeSeconds: 15 });
    await sleep(500);
    const sent = await api.send({ queue: name, body: 'arrived while waiting' });
    const delivered = await polling;
    expect(delivered.map((delivery) => delivery.message.id)).toEqual([sent.id]);
    expect(await api.receive(name, { waitTimeSeconds: 0 })).toEqual([]);
  });
});

describe('FIFO groups', () => {
  it('delivers a group in order, several in one batch', async () => {
    const name = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    for (const body of ['1', '2', '3', '4']) {
      await api.send({ queue: name, body, groupId: 'g' });
    }
    const batch = await api.receive(name, { maxMessages: 10 });
    expect(batch.map((delivery) => delivery.message.body)).toEqual(['1', '2', '3', '4']);
  });

  it('delivers no later message of a group while an earlier one is in flight, and other groups meanwhile', async () => {
    const name = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    await api.send({ queue: name, body: 'g1 first', groupId: 'g1' });
    await api.send({ queue: name, body: 'g1 second', groupId: 'g1' });
    const [first] = await api.receive(name, { maxMessages: 1, visibilityTimeoutSeconds: 30 });
    expect(first?.message.body).toBe('g1 first');
    expect(await api.receive(name, { maxMessages: 10 })).toEqual([]);
    await api.send({ queue: name, body: 'g2 only', groupId: 'g2' });
    expect(
      (await api.receive(name, { maxMessages: 10 })).map((delivery) => delivery.message.body),
    ).toEqual(['g2 only']);
    await api.acknowledge(name, first?.receiptHandle ?? '');
    expect(
      (await api.receive(name, { maxMessages: 10 })).map((delivery) => delivery.message.body),
    ).toEqual(['g1 second']);
  });

  it('redelivers an unacknowledged message ahead of the rest of its group', async () => {
    const name = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    await api.send({ queue: name, body: 'a', groupId: 'g' });
    await api.send({ queue: name, body: 'b', groupId: 'g' });
    await api.receive(name, { maxMessages: 1, visibilityTimeoutSeconds: 1 });
    await sleep(1100);
    const again = await api.receive(name, { maxMessages: 10 });
    expect(again.map((delivery) => [delivery.message.body, delivery.receiveCount])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
  });
});

describe('dead letters and redrive', () => {
  it.each([
    ['standard', {}, {}],
    ['FIFO', { type: 'FIFO', contentBasedDeduplication: true }, { groupId: 'vendor-1' }],
  ])(
    'moves a %s message received maxReceiveCount times, keeping id, body, attributes and group, and redrives it back',
    async (_type, settings, extra) => {
      const deadLetters = await queue({ ...settings, name: 'dead' });
      const name = await queue({ ...settings, deadLetterQueue: deadLetters, maxReceiveCount: 2 });
      const events = await subscribe(
        'subscription ($q: String!) { onQueueEvent(queue: $q) { queue kind messageId } }',
        { q: name },
      );
      const sent = await api.send({
        queue: name,
        body: 'poison',
        attributes: JSON.stringify({ try: 1 }),
        ...extra,
      });
      expect((await api.receive(name, { visibilityTimeoutSeconds: 0 }))[0]?.receiveCount).toBe(1);
      expect((await api.receive(name, { visibilityTimeoutSeconds: 0 }))[0]?.receiveCount).toBe(2);
      expect(await api.receive(name, { visibilityTimeoutSeconds: 0 })).toEqual([]);
      expect(await api.stats(name)).toMatchObject({ available: 0, inFlight: 0 });
      const [dead] = await api.receive(deadLetters, { visibilityTimeoutSeconds: 0 });
      expect(dead?.message).toEqual({
        ...sent,
        queue: deadLetters,
        sequenceNumber: dead?.message.sequenceNumber,
      });
      expect(await eventsWithin(events, 300)).toEqual([
        { onQueueEvent: { queue: name, kind: 'MESSAGE_DEAD_LETTERED', messageId: sent.id } },
      ]);

      const redriven = await api.call(
        'mutation ($input: RedriveMessagesInput!) { redriveMessages(input: $input) { deadLetterQueue moved } }',
        { input: { deadLetterQueue: deadLetters } },
        admin(),
      );
      expect(redriven.data).toEqual({
        redriveMessages: { deadLetterQueue: deadLetters, moved: 1 },
      });
      const [back] = await api.receive(name);
      expect(back).toMatchObject({
        receiveCount: 1,
        message: { id: sent.id, body: 'poison', queue: name },
      });
      expect(await api.stats(deadLetters)).toMatchObject({ available: 0, inFlight: 0 });
    },
  );

  it('refuses a redrive to a queue of the other type', async () => {
    const deadLetters = await queue({ name: 'dead' });
    const fifo = await queue({ type: 'FIFO' });
    const body = await api.call(
      'mutation ($input: RedriveMessagesInput!) { redriveMessages(input: $input) { moved } }',
      { input: { deadLetterQueue: deadLetters, destinationQueue: fifo } },
      admin(),
    );
    expect(errorOf(body)).toMatchObject({
      errorType: 'InvalidArgument',
      errorInfo: { field: 'input.destinationQueue' },
    });
  });
});

describe('purging and queue incarnations', () => {
  it('purges every message for an admin and tells subscribers', async () => {
    const name = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    const events = await subscribe(
      'subscription ($q: String!) { onQueueEvent(queue: $q, kind: QUEUE_PURGED) { kind } }',
      { q: name },
    );
    for (const group of ['a', 'b', 'c']) {
      await api.send({ queue: name, body: `for ${group}`, groupId: group });
    }
    await api.receive(name);
    expect(
      errorOf(
        await api.call('mutation ($n: String!) { purgeQueue(name: $n) { name } }', { n: name }),
      ).errorType,
    ).toBe('Unauthorized');
    const purged = await api.call(
      'mutation ($n: String!) { purgeQueue(name: $n) { name stats { available inFlight delayed } } }',
      { n: name },
      admin(),
    );
    expect(purged.data).toEqual({
      purgeQueue: { name, stats: { available: 0, inFlight: 0, delayed: 0 } },
    });
    expect(await eventsWithin(events, 300)).toEqual([{ onQueueEvent: { kind: 'QUEUE_PURGED' } }]);
    await api.send({ queue: name, body: 'after purge', groupId: 'a' });
    expect(
      (await api.receive(name, { maxMessages: 10 })).map((delivery) => delivery.message.body),
    ).toEqual(['after purge']);
  });

  it('starts a queue created again under a deleted name empty, with old handles stale', async () => {
    const name = await queue();
    await api.send({ queue: name, body: 'old' });
    await api.send({ queue: name, body: 'old too' });
    const [old] = await api.receive(name);
    await api.call(
      'mutation ($n: String!) { deleteQueue(name: $n) { name } }',
      { n: name },
      admin(),
    );
    await api.createQueue({ name });
    expect(await api.receive(name, { maxMessages: 10 })).toEqual([]);
    expect(errorOf(await api.acknowledge(name, old?.receiptHandle ?? '')).errorType).toBe(
      'StaleReceiptHandle',
    );
  });
});

describe('batches', () => {
  it('sends a batch entry by entry, failing only the bad entries', async () => {
    const name = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    const body = await api.call(
      `mutation ($input: SendMessageBatchInput!) { sendMessageBatch(input: $input) {
        successful { id message { body groupId duplicate } } failed { id errorType message } } }`,
      {
        input: {
          queue: name,
          entries: [
            { id: 'one', body: 'first', groupId: 'g' },
            { id: 'two', body: 'no group' },
            { id: 'three', body: 'first', groupId: 'g' },
          ],
        },
      },
    );
    expect(body.data).toEqual({
      sendMessageBatch: {
        successful: [
          { id: 'one', message: { body: 'first', groupId: 'g', duplicate: false } },
          { id: 'three', message: { body: 'first', groupId: 'g', duplicate: true } },
        ],
        failed: [
          {
            id: 'two',
            errorType: 'InvalidArgument',
            message: expect.stringMatching(/^input\.entries\[1\]\.groupId: received nothing/),
          },
        ],
      },
    });
  });

  it.each([
    [
      'repeated ids',
      [
        { id: 'a', body: 'x' },
        { id: 'a', body: 'y' },
      ],
      'input.entries.id',
    ],
    [
      'more than 10 entries',
      Array.from({ length: 11 }, (_, index) => ({ id: `e${index}`, body: 'x' })),
      'input.entries',
    ],
  ])('refuses a batch with %s and sends nothing', async (_case, entries, field) => {
    const name = await queue();
    const body = await api.call(
      'mutation ($input: SendMessageBatchInput!) { sendMessageBatch(input: $input) { failed { id } } }',
      { input: { queue: name, entries } },
    );
    expect(errorOf(body)).toMatchObject({ errorType: 'InvalidArgument', errorInfo: { field } });
    expect(await api.stats(name)).toMatchObject({ available: 0 });
  });

  it('acknowledges a batch entry by entry', async () => {
    const name = await queue();
    await api.send({ queue: name, body: '1' });
    await api.send({ queue: name, body: '2' });
    const deliveries = await api.receive(name, { maxMessages: 10 });
    expect(deliveries).toHaveLength(2);
    const body = await api.call(
      `mutation ($q: String!, $entries: [AcknowledgeBatchEntry!]!) { acknowledgeMessageBatch(queue: $q, entries: $entries) {
        successful { id acknowledgement { messageId } } failed { id errorType } } }`,
      {
        q: name,
        entries: [
          { id: 'a', receiptHandle: deliveries[0]?.receiptHandle },
          { id: 'b', receiptHandle: deliveries[1]?.receiptHandle },
          { id: 'c', receiptHandle: deliveries[0]?.receiptHandle },
        ],
      },
    );
    const result = body.data?.['acknowledgeMessageBatch'] as {
      successful: { id: string }[];
      failed: { id: string; errorType: string }[];
    };
    expect(result.successful.map((entry) => entry.id).sort()).toHaveLength(2);
    expect(result.failed).toHaveLength(1);
    expect(result.failed[0]?.errorType).toBe('StaleReceiptHandle');
    expect(await api.stats(name)).toMatchObject({ available: 0, inFlight: 0 });
  });
});

describe('notifications', () => {
  const ON_SENT =
    'subscription ($q: String!, $g: String) { onMessageSent(queue: $q, groupId: $g) { queue groupId body duplicate } }';

  it('tells onMessageSent subscribers of every new message of their queue and group, never of a duplicate', async () => {
    const name = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    const other = await queue({ type: 'FIFO', contentBasedDeduplication: true });
    const everyGroup = await subscribe(ON_SENT, { q: name });
    const groupA = await subscribe(ON_SENT, { q: name, g: 'a' });
    await api.send({ queue: name, body: 'a1', groupId: 'a' });
    await api.send({ queue: name, body: 'a1', groupId: 'a' });
    await api.send({ queue: name, body: 'b1', groupId: 'b' });
    await api.send({ queue: other, body: 'elsewhere', groupId: 'a' });
    await api.call(
      'mutation ($input: SendMessageBatchInput!) { sendMessageBatch(input: $input) { failed { id } } }',
      {
        input: {
          queue: name,
          entries: [
            { id: '1', body: 'a2', groupId: 'a' },
            { id: '2', body: 'a1', groupId: 'a' },
          ],
        },
      },
    );
    const message = (body: string, groupId: string) => ({
      onMessageSent: { queue: name, groupId, body, duplicate: false },
    });
    expect(await eventsWithin(everyGroup, 500)).toEqual([
      message('a1', 'a'),
      message('b1', 'b'),
      message('a2', 'a'),
    ]);
    expect(await eventsWithin(groupA, 0)).toEqual([message('a1', 'a'), message('a2', 'a')]);
  });

  it('tells onQueueEvent subscribers of each acknowledgement', async () => {
    const name = await queue();
    const events = await subscribe(
      'subscription ($q: String!) { onQueueEvent(queue: $q, kind: MESSAGE_ACKNOWLEDGED) { queue kind messageId occurredAt } }',
      { q: name },
    );
    const sent = await api.send({ queue: name, body: 'x' });
    const [delivery] = await api.receive(name);
    await api.acknowledge(name, delivery?.receiptHandle ?? '');
    expect(await eventsWithin(events, 300)).toEqual([
      {
        onQueueEvent: {
          queue: name,
          kind: 'MESSAGE_ACKNOWLEDGED',
          messageId: sent.id,
          occurredAt: expect.stringMatching(/Z$/),
        },
      },
    ]);
  });
});
