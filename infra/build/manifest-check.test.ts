import { buildSchema } from 'graphql';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { manifest } from '../../resolvers/index';
import type { LambdaSpec, Manifest } from '../../resolvers/manifest';
import { checkManifest } from './manifest-check';
import { resolversDir } from './paths';
import { loadSchema } from './schema';

const schema = loadSchema();
const sourceExists = (relativePath: string): boolean =>
  existsSync(path.join(resolversDir, relativePath));
const everySourceExists = (): boolean => true;

function withChanges(changes: Partial<Manifest>): Manifest {
  return { ...manifest, ...changes };
}

function without<T>(entries: Readonly<Record<string, T>>, key: string): Record<string, T> {
  return Object.fromEntries(Object.entries(entries).filter(([name]) => name !== key));
}

/** The manifest with one more data source, a Lambda function, set up as `spec` says. */
function withLambda(
  spec: Partial<LambdaSpec<string>> = {},
  resolvers: Manifest['resolvers'] = manifest.resolvers,
): Manifest {
  return withChanges({
    dataSources: {
      ...manifest.dataSources,
      receiveFn: { kind: 'LAMBDA', entry: 'lambda/receive.ts', ...spec },
    },
    resolvers,
  });
}

function renamed(from: string, to: string): Manifest['resolvers'] {
  const { [from]: resolver, ...rest } = manifest.resolvers;
  if (!resolver) {
    throw new Error(`The manifest has no resolver ${from}`);
  }
  return { ...rest, [to]: resolver };
}

describe('checkManifest', () => {
  it('finds nothing wrong with the manifest as committed', () => {
    expect(checkManifest(manifest, schema, { sourceExists })).toEqual([]);
  });

  // Each row: what is wrong, the manifest, and the message that must be reported.
  it.each<[string, Manifest, string]>([
    [
      'a resolver for a field that does not exist',
      withChanges({ resolvers: renamed('Mutation.createQueue', 'Mutation.createQueues') }),
      'Resolver Mutation.createQueues points at a field that does not exist: Mutation has no field createQueues',
    ],
    [
      'a resolver on a type that does not exist',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Mutatoin.createQueue': { kind: 'UNIT', dataSource: 'queuesTable' },
        },
      }),
      'Resolver Mutatoin.createQueue points at type Mutatoin, which is not an object type in schema/.',
    ],
    [
      'a root field without a resolver',
      withChanges({ resolvers: renamed('Query.queues', 'Queue.stats'), unresolved: {} }),
      'Root field Query.queues has no resolver; add one to resolvers/index.ts (or list it under unresolved with the reason).',
    ],
    [
      'a root field left out of both resolvers and unresolved',
      withChanges({ resolvers: without(manifest.resolvers, 'Mutation.sendMessage') }),
      'Root field Mutation.sendMessage has no resolver',
    ],
    [
      'an unresolved entry that has a resolver',
      withChanges({ unresolved: { ...manifest.unresolved, 'Query.queue': 'later' } }),
      'Query.queue has a resolver but is still listed as unresolved ("later"); remove it from unresolved.',
    ],
    [
      'an unresolved entry for a field that does not exist',
      withChanges({ unresolved: { ...manifest.unresolved, 'Mutation.fly': 'never' } }),
      'Unresolved entry Mutation.fly points at a field that does not exist',
    ],
    [
      'an undeclared data source',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': { kind: 'UNIT', dataSource: 'queueTable' },
        },
      }),
      'Resolver Query.queue uses data source "queueTable", which is not declared (data sources: queuesTable, messagesTable, events, sender, receiver, acknowledger, maintenance).',
    ],
    [
      'a pipeline function with an undeclared data source',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': {
            kind: 'PIPELINE',
            functions: [{ name: '01.read', dataSource: 'nowhere' }],
          },
        },
      }),
      'Pipeline function Query.queue/01.read uses data source "nowhere", which is not declared',
    ],
    [
      'a data source on an undeclared table',
      withChanges({ dataSources: { queuesTable: { kind: 'DYNAMODB', table: 'queue' } } }),
      'Data source queuesTable uses table "queue", which is not declared (tables: queues, messages).',
    ],
    [
      'a pipeline with no functions',
      withChanges({
        resolvers: { ...manifest.resolvers, 'Query.queue': { kind: 'PIPELINE', functions: [] } },
      }),
      'Pipeline Query.queue has 0 functions; AppSync allows 1 to 10.',
    ],
    [
      'a pipeline function out of file order',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': {
            kind: 'PIPELINE',
            functions: [
              { name: '02.read', dataSource: 'queuesTable' },
              { name: '01.check', dataSource: 'queuesTable' },
            ],
          },
        },
      }),
      'Pipeline Query.queue must list its functions once each, in file order (got: 02.read, 01.check).',
    ],
    [
      'a misnamed pipeline function',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': {
            kind: 'PIPELINE',
            functions: [{ name: 'read', dataSource: 'queuesTable' }],
          },
        },
      }),
      'Pipeline function Query.queue/read is misnamed; expected "NN.step" such as "01.validate".',
    ],
    [
      'an environment variable naming an undeclared table',
      withChanges({ environment: { QUEUES_TABLE: { tableName: 'queue' } } }),
      'Environment variable QUEUES_TABLE names table "queue", which is not declared (tables: queues, messages).',
    ],
    [
      'a misnamed environment variable',
      withChanges({ environment: { ...manifest.environment, '1TABLE': 'x' } }),
      'Environment variable "1TABLE" is misnamed',
    ],
    [
      'a Lambda entry outside resolvers/lambda/',
      withLambda({ entry: '../infra/receive.ts' }),
      'Data source receiveFn has entry "../infra/receive.ts"; expected a path inside resolvers/lambda/ such as "lambda/receive.ts".',
    ],
    [
      'a Lambda environment variable naming an undeclared table',
      withLambda({ environment: { MESSAGES_TABLE: { tableName: 'message' } } }),
      'Data source receiveFn has environment variable MESSAGES_TABLE naming table "message", which is not declared (tables: queues, messages).',
    ],
    [
      'a Lambda environment variable Lambda reserves',
      withLambda({ environment: { AWS_REGION: 'eu-west-1' } }),
      'Data source receiveFn sets environment variable AWS_REGION, which Lambda reserves and sets itself.',
    ],
    [
      'a misnamed Lambda environment variable',
      withLambda({ environment: { 'queues-table': 'x' } }),
      'Data source receiveFn has environment variable "queues-table", which is misnamed; expected letters, digits or _ starting with a letter.',
    ],
    [
      "the API's own URL in AppSync's environment",
      withChanges({ environment: { ...manifest.environment, API_URL: { api: 'graphqlUrl' } } }),
      "Environment variable API_URL names the API's own URL; only Lambda functions may",
    ],
    [
      'a Lambda calling a subscription field',
      withLambda({ apiFields: ['Subscription.onQueueEvent'] }),
      'Data source receiveFn calls Subscription.onQueueEvent, which is not a query or mutation field',
    ],
    [
      'a Lambda calling a field that does not exist',
      withLambda({ apiFields: ['Mutation.publish'] }),
      'Data source receiveFn calls Mutation.publish points at a field that does not exist',
    ],
    [
      'a Lambda granted an undeclared table',
      withLambda({ tables: { message: ['GetItem'] } }),
      'Data source receiveFn is granted access to table "message", which is not declared (tables: queues, messages).',
    ],
    [
      'a Lambda handler that is not a function name',
      withLambda({ handler: 'index.handler' }),
      'Data source receiveFn has handler "index.handler"; expected the name of an exported function, such as "handler".',
    ],
    [
      'a Lambda timeout of 0',
      withLambda({ timeoutSeconds: 0 }),
      'Data source receiveFn has timeoutSeconds 0; Lambda allows an integer from 1 to 900 seconds.',
    ],
    [
      'a Lambda timeout over 15 minutes',
      withLambda({ timeoutSeconds: 901 }),
      'Data source receiveFn has timeoutSeconds 901; Lambda allows an integer from 1 to 900 seconds.',
    ],
    [
      'a Lambda memory below 128 MB',
      withLambda({ memoryMb: 64 }),
      'Data source receiveFn has memoryMb 64; Lambda allows an integer from 128 to 10240 MB.',
    ],
    [
      'a Lambda memory that is not whole',
      withLambda({ memoryMb: 512.5 }),
      'Data source receiveFn has memoryMb 512.5; Lambda allows an integer from 128 to 10240 MB.',
    ],
    [
      'a direct resolver on a DynamoDB data source',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': { kind: 'UNIT', dataSource: 'queuesTable', direct: true },
        },
      }),
      'Resolver Query.queue sets direct, which needs a LAMBDA data source; queuesTable is DYNAMODB.',
    ],
    [
      'a batch size on a DynamoDB resolver',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': { kind: 'UNIT', dataSource: 'queuesTable', maxBatchSize: 10 },
        },
      }),
      'Resolver Query.queue sets maxBatchSize, which needs a LAMBDA data source; queuesTable is DYNAMODB.',
    ],
    [
      'a batch size on a DynamoDB pipeline function',
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': {
            kind: 'PIPELINE',
            functions: [{ name: '01.read', dataSource: 'queuesTable', maxBatchSize: 5 }],
          },
        },
      }),
      'Pipeline function Query.queue/01.read sets maxBatchSize, which needs a LAMBDA data source; queuesTable is DYNAMODB.',
    ],
    [
      'a batch size of 0',
      withLambda(
        {},
        {
          ...manifest.resolvers,
          'Query.queue': { kind: 'UNIT', dataSource: 'receiveFn', maxBatchSize: 0 },
        },
      ),
      'Resolver Query.queue has maxBatchSize 0; AppSync allows an integer from 1 to 2000.',
    ],
    [
      'a batch size over 2000',
      withLambda(
        {},
        {
          ...manifest.resolvers,
          'Query.queue': {
            kind: 'PIPELINE',
            functions: [{ name: '01.read', dataSource: 'receiveFn', maxBatchSize: 2001 }],
          },
        },
      ),
      'Pipeline function Query.queue/01.read has maxBatchSize 2001; AppSync allows an integer from 1 to 2000.',
    ],
  ])('reports %s', (_case, changed, message) => {
    const problems = checkManifest(changed, schema, { sourceExists: everySourceExists });
    expect(problems).toEqual(expect.arrayContaining([expect.stringContaining(message)]));
  });

  it('reports a Lambda calling a field that only API keys may call', () => {
    const iamSchema = buildSchema(`
      directive @aws_iam on OBJECT | FIELD_DEFINITION
      directive @aws_api_key on OBJECT | FIELD_DEFINITION
      type Query { q: Int }
      type Mutation { open: Int @aws_iam, keyOnly: Int @aws_api_key, plain: Int }`);
    const lambdaManifest = withLambda({
      apiFields: ['Mutation.open', 'Mutation.keyOnly', 'Mutation.plain'],
    });
    const problems = checkManifest(lambdaManifest, iamSchema, { sourceExists: everySourceExists });
    expect(problems.filter((problem) => problem.includes('not marked @aws_iam'))).toEqual([
      "Data source receiveFn calls Mutation.keyOnly, which is not marked @aws_iam; a function's role can call only fields that allow AWS_IAM.",
      "Data source receiveFn calls Mutation.plain, which is not marked @aws_iam; a function's role can call only fields that allow AWS_IAM.",
    ]);
  });

  it('reports a subscription to a mutation that does not exist, and one of another type', () => {
    const sdl = (mutations: string): string =>
      `type Query { q: Int } type Mutation { send: String, count: Int } type Subscription { on: String @aws_subscribe(mutations: [${mutations}]) } directive @aws_subscribe(mutations: [String!]!) on FIELD_DEFINITION`;
    const empty = withChanges({
      dataSources: {},
      resolvers: {},
      unresolved: { 'Query.q': 'x', 'Mutation.send': 'x', 'Mutation.count': 'x' },
    });
    expect(checkManifest(empty, buildSchema(sdl('"send"')), { sourceExists })).toEqual([]);
    expect(checkManifest(empty, buildSchema(sdl('"sned"')), { sourceExists })).toEqual([
      'Subscription.on subscribes to mutation "sned", which does not exist.',
    ]);
    expect(checkManifest(empty, buildSchema(sdl('"count"')), { sourceExists })).toEqual([
      'Subscription.on returns String but mutation count returns Int; AppSync needs the same type.',
    ]);
  });

  it('accepts a Lambda data source set up within limits, direct and batched', () => {
    const changed = withLambda(
      {
        handler: 'receive',
        environment: { QUEUES_TABLE: { tableName: 'queues' }, MODE: 'strict' },
        tables: { queues: ['GetItem', 'Query'] },
        timeoutSeconds: 900,
        memoryMb: 128,
      },
      {
        ...manifest.resolvers,
        'Query.queue': { kind: 'UNIT', dataSource: 'receiveFn', direct: true, maxBatchSize: 2000 },
      },
    );
    expect(checkManifest(changed, schema, { sourceExists: everySourceExists })).toEqual([]);
  });

  it('reports a Lambda data source whose handler file is missing, with the path it looked for', () => {
    expect(checkManifest(withLambda(), schema, { sourceExists })).toEqual([
      'Data source receiveFn has no handler code: resolvers/lambda/receive.ts does not exist.',
    ]);
  });

  it('reports a resolver whose source file is missing, with the path it looked for', () => {
    const problems = checkManifest(manifest, schema, {
      sourceExists: (file) => file !== 'Query.queue.ts',
    });
    expect(problems).toEqual(['Query.queue has no code: resolvers/Query.queue.ts does not exist.']);
  });

  it('looks for pipeline functions in a folder named by the coordinate', () => {
    const looked: string[] = [];
    checkManifest(
      withChanges({
        resolvers: {
          ...manifest.resolvers,
          'Query.queue': {
            kind: 'PIPELINE',
            functions: [{ name: '01.read', dataSource: 'queuesTable' }],
          },
        },
      }),
      schema,
      { sourceExists: (file) => looked.push(file) > 0 },
    );
    expect(looked).toEqual(expect.arrayContaining(['Query.queue.ts', 'Query.queue/01.read.ts']));
  });
});
