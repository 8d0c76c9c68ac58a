import { defineManifest } from './manifest';

/**
 * THE MANIFEST: Courier's tables, data sources and resolvers. infra/cdk deploys it and infra/local
 * runs it; `npm run build` checks it against schema/ and bundles every resolver it names.
 */
export const manifest = defineManifest({
  tables: {
    queues: {
      partitionKey: { name: 'name', type: 'S' },
    },
  },

  dataSources: {
    queuesTable: { kind: 'DYNAMODB', table: 'queues' },
  },

  environment: {
    // Transactions name their tables; resolvers read the physical name from ctx.env.
    QUEUES_TABLE: { tableName: 'queues' },
  },

  resolvers: {
    'Query.queue': { kind: 'UNIT', dataSource: 'queuesTable' },
    'Query.queues': { kind: 'UNIT', dataSource: 'queuesTable' },
    'Mutation.createQueue': { kind: 'UNIT', dataSource: 'queuesTable' },
    'Mutation.deleteQueue': { kind: 'UNIT', dataSource: 'queuesTable' },
  },

  unresolved: {
    'Queue.stats': 'queue statistics come with the queue engine (issue 6)',
    'Mutation.purgeQueue': 'needs the message store (issue 6)',
    'Mutation.redriveMessages': 'needs the message store (issue 6)',
    'Mutation.sendMessage': 'needs the message store (issue 6)',
    'Mutation.sendMessageBatch': 'needs the message store (issue 6)',
    'Mutation.receiveMessages': 'needs the message store (issue 6)',
    'Mutation.acknowledgeMessage': 'needs the message store (issue 6)',
    'Mutation.acknowledgeMessageBatch': 'needs the message store (issue 6)',
    'Mutation.changeMessageVisibility': 'needs the message store (issue 6)',
    'Mutation.publishQueueEvent': 'queue events come with the queue engine (issue 6)',
  },
});

export type CourierManifest = typeof manifest;
