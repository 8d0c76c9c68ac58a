import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { uniqueTableName, useDynamoDbLocal } from '../../testing/dynamodb-local';
import { createLambdaDataSource, type LambdaDataSource } from './lambda-data-source';

const dynamodb = useDynamoDbLocal();
let buildDir: string;
let source: LambdaDataSource | undefined;

beforeAll(() => {
  buildDir = mkdtempSync(path.join(os.tmpdir(), 'courier-lambda-'));
});
afterAll(async () => {
  await source?.close();
  rmSync(buildDir, { recursive: true, force: true });
});

describe('a Lambda handler written with Dynamoose', () => {
  it('reaches DynamoDB Local through AWS_ENDPOINT_URL_DYNAMODB alone', async () => {
    const { instance, client } = dynamodb;
    const table = uniqueTableName('messages');
    await client.send(
      new CreateTableCommand({
        TableName: table,
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    source = createLambdaDataSource({
      name: 'messagesFn',
      spec: { kind: 'LAMBDA', entry: 'lambda/messages.ts' },
      projectRoot: path.join(__dirname, 'testing', 'project'),
      buildDir,
      environment: {
        MESSAGES_TABLE: table,
        AWS_ENDPOINT_URL_DYNAMODB: instance.endpoint,
        AWS_REGION: instance.region,
        AWS_ACCESS_KEY_ID: instance.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: instance.credentials.secretAccessKey,
      },
      onLog: () => undefined,
    });
    await expect(
      source.invoke({ operation: 'Invoke', payload: { id: 'm-1', body: 'hello' } }, { unit: 'x' }),
    ).resolves.toEqual({ result: { id: 'm-1', body: 'hello' } });
    const stored = await client.send(
      new GetItemCommand({ TableName: table, Key: { id: { S: 'm-1' } } }),
    );
    expect(stored.Item).toEqual({ id: { S: 'm-1' }, body: { S: 'hello' } });
  });
});
