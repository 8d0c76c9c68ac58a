import { defineManifest } from './manifest';

/** What every store function reads: its tables, the API to publish events to, its poll interval. */
const STORE_ENVIRONMENT = {
  QUEUES_TABLE: { tableName: 'queues' },
  MESSAGES_TABLE: { tableName: 'messages' },
  GRAPHQL_URL: { api: 'graphqlUrl' },
  // An empty long poll looks again this often: sooner means faster wake-ups, more reads.
  POLL_INTERVAL_MS: '250',
} as const;

/**
 * THE MANIFEST: Courier's tables, data sources and resolvers. infra/cdk deploys it and infra/local
 * runs it; `npm run build` checks it against schema/ and bundles every resolver it names.
 */
export const manifest = defineManifest({
  // Courier's data is at most 4 levels deep; standard introspection (the explorer, codegen) is 15.
  limits: { queryDepthLimit: 20 },
  tables: {
    queues: {
      partitionKey: { name: 'name', type: 'S' },
    },
    // Messages, FIFO groups and deduplication records (docs/queue-design.md).
    messages: {
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: {
        ready: {
          partitionKey: { name: 'lane', type: 'S' },
          sortKey: { name: 'readyAt', type: 'N' },
          projection: 'ALL',
        },
      },
      timeToLiveAttribute: 'expiresAt',
    },
  },

  dataSources: {
    queuesTable: { kind: 'DYNAMODB', table: 'queues' },
    messagesTable: { kind: 'DYNAMODB', table: 'messages' },
    events: { kind: 'NONE' },
    sender: {
      kind: 'LAMBDA',
      entry: 'lambda/sender.ts',
      environment: STORE_ENVIRONMENT,
      tables: {
        queues: ['GetItem'],
        messages: ['GetItem', 'PutItem', 'UpdateItem', 'TransactWriteItems'],
      },
      apiFields: ['Mutation.publishMessageSent'],
    },
    receiver: {
      kind: 'LAMBDA',
      entry: 'lambda/receiver.ts',
      environment: STORE_ENVIRONMENT,
      tables: {
        queues: ['GetItem'],
        messages: ['Query', 'GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems'],
      },
      apiFields: ['Mutation.publishQueueEvent'],
      // A long poll waits up to 20 s; AppSync itself gives up after 30.
      timeoutSeconds: 28,
    },
    acknowledger: {
      kind: 'LAMBDA',
      entry: 'lambda/acknowledger.ts',
      environment: STORE_ENVIRONMENT,
      tables: {
        queues: ['GetItem'],
        messages: ['Query', 'GetItem', 'UpdateItem', 'DeleteItem'],
      },
      apiFields: ['Mutation.publishQueueEvent'],
    },
    maintenance: {
      kind: 'LAMBDA',
      entry: 'lambda/maintenance.ts',
      environment: STORE_ENVIRONMENT,
      tables: {
        queues: ['GetItem'],
        messages: [
          'Query',
          'GetItem',
          'PutItem',
          'UpdateItem',
          'DeleteItem',
          'BatchWriteItem',
          'TransactWriteItems',
        ],
      },
      apiFields: ['Mutation.publishQueueEvent'],
      timeoutSeconds: 28,
    },
  },

  environment: {
    // Transactions name their tables; resolvers read the physical name from ctx.env.
    QUEUES_TABLE: { tableName: 'queues' },
  },

  resolvers: {
    'Query.queue': { kind: 'UNIT', dataSource: 'queuesTable' },
    'Query.queues': { kind: 'UNIT', dataSource: 'queuesTable' },
    'Queue.stats': { kind: 'UNIT', dataSource: 'maintenance' },
    'Mutation.createQueue': { kind: 'UNIT', dataSource: 'queuesTable' },
    'Mutation.deleteQueue': { kind: 'UNIT', dataSource: 'queuesTable' },
    'Mutation.purgeQueue': { kind: 'UNIT', dataSource: 'maintenance' },
    'Mutation.redriveMessages': { kind: 'UNIT', dataSource: 'maintenance' },
    'Mutation.sendMessage': {
      kind: 'PIPELINE',
      functions: [
        { name: '01.loadQueue', dataSource: 'queuesTable' },
        { name: '02.putStandard', dataSource: 'messagesTable' },
        { name: '03.sendFifo', dataSource: 'sender' },
      ],
    },
    'Mutation.sendMessageBatch': { kind: 'UNIT', dataSource: 'sender' },
    'Mutation.receiveMessages': { kind: 'UNIT', dataSource: 'receiver' },
    'Mutation.acknowledgeMessage': { kind: 'UNIT', dataSource: 'acknowledger' },
    'Mutation.acknowledgeMessageBatch': { kind: 'UNIT', dataSource: 'acknowledger' },
    'Mutation.changeMessageVisibility': { kind: 'UNIT', dataSource: 'acknowledger' },
    'Mutation.publishQueueEvent': { kind: 'UNIT', dataSource: 'events' },
    'Mutation.publishMessageSent': { kind: 'UNIT', dataSource: 'events' },
    'Subscription.onMessageSent': { kind: 'UNIT', dataSource: 'events' },
    'Subscription.onQueueEvent': { kind: 'UNIT', dataSource: 'events' },
  },

  unresolved: {},
});

export type CourierManifest = typeof manifest;
