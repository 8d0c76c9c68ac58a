import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { bundleResolvers } from '../infra/build/bundle';
import { resolversDir } from '../infra/build/paths';
import {
  Sandbox,
  type InvocationOutcome,
  type LoadedCode,
} from '../infra/local/runtime/sandbox/sandbox';
import { manifest } from './index';
import { storedQueueItem } from './testing/queue-item';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);
let sandbox: Sandbox;
let code: Record<string, LoadedCode>;
let outDir: string;

beforeAll(async () => {
  outDir = await mkdtemp(path.join(tmpdir(), 'courier-admin-'));
  const bundles = await bundleResolvers({ manifest, resolversDir, outDir });
  sandbox = Sandbox.create({ clock: () => NOW });
  code = Object.fromEntries(
    bundles.map((bundle) => [bundle.unit.id, sandbox.load(bundle.code, bundle.unit.bundle)]),
  );
});

afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

function run(
  coordinate: string,
  handler: 'request' | 'response',
  args: Record<string, unknown>,
  extra: Record<string, unknown> = {},
): InvocationOutcome {
  const [parentTypeName, fieldName] = coordinate.split('.');
  const loaded = code[coordinate];
  if (!loaded) {
    throw new Error(`No bundle for ${coordinate}`);
  }
  return sandbox.invoke(loaded, {
    handler,
    context: {
      arguments: args,
      args,
      identity: null,
      source: null,
      stash: {},
      env: { QUEUES_TABLE: 'courier-queues' },
      info: {
        fieldName,
        parentTypeName,
        variables: {},
        selectionSetList: ['name'],
        selectionSetGraphQL: '{ name }',
      },
      ...extra,
    },
  });
}

const storedQueue = storedQueueItem();
const ULID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

// The GraphQL Queue: the stored settings without the incarnation id message keys use.
const { id: _incarnation, ...storedSettings } = storedQueue;
const queueFields = {
  ...storedSettings,
  deduplicationWindowSeconds: null,
  deadLetterQueue: null,
  maxReceiveCount: null,
};

describe('the queue-administration resolvers, run in the APPSYNC_JS sandbox', () => {
  describe('Query.queue', () => {
    it('reads the queue with a strongly consistent GetItem', () => {
      expect(run('Query.queue', 'request', { name: 'parcels' })).toMatchObject({
        kind: 'value',
        value: { operation: 'GetItem', key: { name: { S: 'parcels' } }, consistentRead: true },
      });
    });

    it('answers the queue as the schema shapes it, or null when there is none', () => {
      expect(
        run('Query.queue', 'response', { name: 'parcels' }, { result: storedQueue }),
      ).toMatchObject({
        kind: 'value',
        value: queueFields,
      });
      expect(run('Query.queue', 'response', { name: 'parcels' }, { result: null })).toMatchObject({
        kind: 'value',
        value: null,
      });
    });

    it('refuses an invalid name before reaching DynamoDB', () => {
      expect(run('Query.queue', 'request', { name: 'no spaces' })).toMatchObject({
        kind: 'error',
        error: {
          errorType: 'InvalidArgument',
          errorInfo: { field: 'name', received: 'no spaces' },
        },
      });
    });
  });

  describe('Query.queues', () => {
    it.each([
      [{}, { operation: 'Scan', limit: 50 }],
      [{ limit: 10 }, { operation: 'Scan', limit: 10 }],
      [
        { limit: 10, nextToken: 'abc' },
        { operation: 'Scan', limit: 10, nextToken: 'abc' },
      ],
    ])('pages through the table with a Scan for %j', (args, scan) => {
      expect(run('Query.queues', 'request', args)).toEqual(
        expect.objectContaining({ kind: 'value', value: scan }),
      );
    });

    it('refuses a limit outside 1..100', () => {
      expect(run('Query.queues', 'request', { limit: 101 })).toMatchObject({
        kind: 'error',
        error: {
          errorType: 'InvalidArgument',
          message: 'limit: received 101; expected an integer from 1 to 100.',
        },
      });
    });

    it('answers a page of queues with its next token', () => {
      expect(
        run(
          'Query.queues',
          'response',
          {},
          { result: { items: [storedQueue], nextToken: 'n', scannedCount: 1 } },
        ),
      ).toMatchObject({
        kind: 'value',
        value: { items: [queueFields], nextToken: 'n' },
      });
    });
  });

  describe('Mutation.createQueue', () => {
    it('writes the queue in a transaction, only if the name is free', () => {
      expect(run('Mutation.createQueue', 'request', { input: { name: 'parcels' } })).toMatchObject({
        kind: 'value',
        value: {
          operation: 'TransactWriteItems',
          transactItems: [
            {
              table: 'courier-queues',
              operation: 'PutItem',
              key: { name: { S: 'parcels' } },
              attributeValues: {
                name: { S: 'parcels' },
                type: { S: 'STANDARD' },
                visibilityTimeoutSeconds: { N: 30 },
                messageRetentionSeconds: { N: 345_600 },
                delaySeconds: { N: 0 },
                maxMessageBytes: { N: 262_144 },
                contentBasedDeduplication: { BOOL: false },
                createdAt: { S: '2026-11-21T10:00:00.000Z' },
                id: { S: expect.stringMatching(ULID) },
              },
              condition: {
                expression: 'attribute_not_exists(#name)',
                expressionNames: { '#name': 'name' },
              },
            },
          ],
        },
        stash: { queue: { ...storedQueue, id: expect.stringMatching(ULID) } },
      });
    });

    it('checks in the same transaction that the dead-letter queue exists and has the same type', () => {
      const outcome = run('Mutation.createQueue', 'request', {
        input: {
          name: 'orders.fifo',
          type: 'FIFO',
          deadLetterQueue: 'orders-dead.fifo',
          maxReceiveCount: 3,
        },
      });
      expect(
        outcome.kind === 'value' &&
          (outcome.value as { transactItems: unknown[] }).transactItems[1],
      ).toEqual({
        table: 'courier-queues',
        operation: 'ConditionCheck',
        key: { name: { S: 'orders-dead.fifo' } },
        condition: {
          expression: 'attribute_exists(#name) AND #type = :type',
          expressionNames: { '#name': 'name', '#type': 'type' },
          expressionValues: { ':type': { S: 'FIFO' } },
          returnValuesOnConditionCheckFailure: false,
        },
      });
    });

    it.each([
      [[{ type: 'ConditionalCheckFailed' }, { type: 'None' }], 'QueueAlreadyExists', 'input.name'],
      [
        [{ type: 'None' }, { type: 'ConditionalCheckFailed' }],
        'InvalidDeadLetterQueue',
        'input.deadLetterQueue',
      ],
    ])('turns a cancelled transaction (%j) into %s', (cancellationReasons, errorType, field) => {
      const queue = { ...storedQueue, deadLetterQueue: 'dead', maxReceiveCount: 3 };
      const outcome = run(
        'Mutation.createQueue',
        'response',
        { input: { name: 'parcels' } },
        {
          stash: { queue },
          result: { keys: null, cancellationReasons },
          error: {
            message: 'Transaction cancelled',
            type: 'DynamoDB:TransactionCanceledException',
          },
        },
      );
      expect(outcome).toMatchObject({ kind: 'error', error: { errorType, errorInfo: { field } } });
    });

    it('answers the queue it wrote', () => {
      expect(
        run(
          'Mutation.createQueue',
          'response',
          { input: { name: 'parcels' } },
          {
            stash: { queue: storedQueue },
            result: { keys: [{ name: 'parcels' }], cancellationReasons: null },
          },
        ),
      ).toMatchObject({
        kind: 'value',
        value: queueFields,
      });
    });

    it('fails with Configuration when the table variable is missing', () => {
      expect(
        run('Mutation.createQueue', 'request', { input: { name: 'parcels' } }, { env: {} }),
      ).toMatchObject({
        kind: 'error',
        error: { errorType: 'Configuration' },
      });
    });

    it('refuses invalid settings before reaching DynamoDB', () => {
      expect(
        run('Mutation.createQueue', 'request', { input: { name: 'parcels', delaySeconds: 901 } }),
      ).toMatchObject({
        kind: 'error',
        error: {
          errorType: 'InvalidArgument',
          message: 'input.delaySeconds: received 901; expected an integer from 0 to 900.',
          errorInfo: {
            field: 'input.delaySeconds',
            received: 901,
            allowed: 'an integer from 0 to 900',
          },
        },
      });
    });
  });

  describe('Mutation.deleteQueue', () => {
    it('deletes the queue item by name', () => {
      expect(run('Mutation.deleteQueue', 'request', { name: 'parcels' })).toMatchObject({
        kind: 'value',
        value: { operation: 'DeleteItem', key: { name: { S: 'parcels' } } },
      });
    });

    it('answers the deleted queue, or QueueNotFound when there was none', () => {
      expect(
        run('Mutation.deleteQueue', 'response', { name: 'parcels' }, { result: storedQueue }),
      ).toMatchObject({ kind: 'value', value: queueFields });
      expect(
        run('Mutation.deleteQueue', 'response', { name: 'parcels' }, { result: null }),
      ).toMatchObject({
        kind: 'error',
        error: {
          errorType: 'QueueNotFound',
          message: 'name: received "parcels"; expected the name of an existing queue.',
        },
      });
    });

    it('passes DynamoDB errors on with their AppSync type', () => {
      expect(
        run(
          'Mutation.deleteQueue',
          'response',
          { name: 'parcels' },
          {
            result: null,
            error: {
              message: 'Throttled',
              type: 'DynamoDB:ProvisionedThroughputExceededException',
            },
          },
        ),
      ).toMatchObject({
        kind: 'error',
        error: {
          errorType: 'DynamoDB:ProvisionedThroughputExceededException',
          message: 'Throttled',
        },
      });
    });
  });
});
