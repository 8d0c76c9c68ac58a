import { defineManifest } from '../../../../resolvers/manifest';

/** The fixture API's manifest: one resolver per behaviour the engine's tests drive. */
export const fixtureManifest = defineManifest({
  tables: {
    items: {
      partitionKey: { name: 'pk', type: 'S' },
      sortKey: { name: 'sk', type: 'S' },
      globalSecondaryIndexes: {
        byKind: { partitionKey: { name: 'kind', type: 'S' }, projection: 'ALL' },
      },
      timeToLiveAttribute: 'expiresAt',
    },
  },
  dataSources: {
    itemsTable: { kind: 'DYNAMODB', table: 'items' },
    none: { kind: 'NONE' },
    echoLambda: {
      kind: 'LAMBDA',
      entry: 'lambda/echo.ts',
      environment: { GREETING: 'hello from the manifest', ITEMS_TABLE: { tableName: 'items' } },
      tables: { items: ['GetItem', 'PutItem'] },
      timeoutSeconds: 5,
    },
  },
  environment: {
    ITEMS_TABLE: { tableName: 'items' },
    STAGE: 'test',
  },
  resolvers: {
    'Query.echo': { kind: 'UNIT', dataSource: 'none' },
    'Query.scalars': { kind: 'UNIT', dataSource: 'none' },
    'Query.whoami': { kind: 'UNIT', dataSource: 'none' },
    'Query.getItem': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Query.queryItems': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Query.scanItems': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Query.batchGetItems': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Query.transactGetItems': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Query.lambdaEcho': { kind: 'UNIT', dataSource: 'echoLambda' },
    'Query.lambdaDirect': { kind: 'UNIT', dataSource: 'echoLambda', direct: true },
    'Query.lambdaFail': { kind: 'UNIT', dataSource: 'echoLambda' },
    'Query.lambdaReadItem': { kind: 'UNIT', dataSource: 'echoLambda' },
    'Query.fail': { kind: 'UNIT', dataSource: 'none' },
    'Query.appendError': { kind: 'UNIT', dataSource: 'none' },
    'Query.earlyReturn': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Query.nonNull': { kind: 'UNIT', dataSource: 'none' },
    'Query.adminOnly': { kind: 'UNIT', dataSource: 'none' },
    'Query.keyOnly': { kind: 'UNIT', dataSource: 'none' },
    'Item.summary': { kind: 'UNIT', dataSource: 'echoLambda', maxBatchSize: 5 },
    'Item.secret': { kind: 'UNIT', dataSource: 'none' },
    'Mutation.putItem': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Mutation.updateItem': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Mutation.deleteItem': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Mutation.batchPutItems': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Mutation.batchDeleteItems': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Mutation.transactPut': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Mutation.pipelinePut': {
      kind: 'PIPELINE',
      functions: [
        { name: '01.validate', dataSource: 'none' },
        { name: '02.write', dataSource: 'itemsTable' },
        { name: '03.annotate', dataSource: 'none' },
      ],
    },
    'Mutation.lambdaPutItem': { kind: 'UNIT', dataSource: 'echoLambda' },
    'Mutation.invalidDynamoRequest': { kind: 'UNIT', dataSource: 'itemsTable' },
    'Mutation.closeItemSubscriptions': { kind: 'UNIT', dataSource: 'none' },
    'Subscription.onItemPutFiltered': { kind: 'UNIT', dataSource: 'none' },
    'Subscription.onRefused': { kind: 'UNIT', dataSource: 'none' },
  },
  unresolved: {},
});
