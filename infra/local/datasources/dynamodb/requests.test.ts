import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError } from '../types';
import { createDynamoDbDataSource } from './index';

/**
 * Request objects AppSync refuses before calling DynamoDB. The client points at a closed port:
 * a request that got as far as a call would fail with a network error, not these errors.
 */
const client = new DynamoDBClient({
  endpoint: 'http://127.0.0.1:9',
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  maxAttempts: 1,
});
afterAll(() => client.destroy());

const dataSource = createDynamoDbDataSource({ client, tableName: 'posts', tokenSecret: 'secret' });
const call = { unit: 'Query.getPost' };
const key = { id: { S: '1' } };
const keys = (n: number) => Array.from({ length: n }, (_, i) => ({ id: { S: String(i) } }));
const put = (n: number) => ({
  table: 'posts',
  operation: 'PutItem',
  key: { id: { S: String(n) } },
});

describe('request objects refused before any call', () => {
  it.each<[string, unknown, string]>([
    [
      'a request that is not an object',
      'GetItem',
      `Expected a request object such as { "operation": "GetItem", "key": { ... } } at '$'; received a string "GetItem".`,
    ],
    [
      'a request without an operation',
      { key },
      `Value for field '$[operation]' not found; expected one of GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, Sync, BatchGetItem, BatchPutItem, BatchDeleteItem, TransactGetItems, TransactWriteItems.`,
    ],
    [
      'an unknown operation',
      { operation: 'GetItems', key },
      `Unsupported operation 'GetItems' at '$[operation]'; the DynamoDB data source accepts GetItem, PutItem, UpdateItem, DeleteItem, Query, Scan, Sync, BatchGetItem, BatchPutItem, BatchDeleteItem, TransactGetItems, TransactWriteItems.`,
    ],
    [
      'a GetItem without a key',
      { operation: 'GetItem' },
      `Value for field '$[key]' not found; expected the item's primary key as typed values, e.g. { "id": { "S": "1" } }.`,
    ],
    [
      'a key of plain values',
      { operation: 'GetItem', key: { id: '1' } },
      `Expected a typed value such as { "S": "text" } or { "N": 1 } at '$[key][id]'; received a string "1".`,
    ],
    [
      'an element the operation does not define',
      { operation: 'Scan', scanIndexForward: false },
      `Unsupported element '$[scanIndexForward]'. Scan accepts: operation, index, limit, consistentRead, nextToken, select, filter, projection, segment, totalSegments.`,
    ],
    [
      'a field of the wrong type',
      { operation: 'GetItem', key, consistentRead: 'yes' },
      `Expected a boolean at '$[consistentRead]'; received a string "yes".`,
    ],
    [
      'a limit that is not an integer',
      { operation: 'Query', query: { expression: 'id = :id' }, limit: 2.5 },
      `Expected an integer at '$[limit]'; received a number 2.5.`,
    ],
    [
      'a Query without a key condition',
      { operation: 'Query' },
      `Value for field '$[query]' not found; expected a key condition such as { "expression": "#pk = :pk", "expressionNames": {...}, "expressionValues": {...} }.`,
    ],
    [
      'an empty expression',
      { operation: 'Query', query: { expression: ' ' } },
      `Expected a non-empty expression string at '$[query][expression]'; received a string " ".`,
    ],
    [
      'a select DynamoDB has but AppSync does not take',
      { operation: 'Scan', select: 'COUNT' },
      `Expected one of ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES, SPECIFIC_ATTRIBUTES at '$[select]'; received a string "COUNT".`,
    ],
    [
      'a nextToken that is not a string',
      { operation: 'Scan', nextToken: 3 },
      `Expected a pagination token string from an earlier result at '$[nextToken]'; received a number 3.`,
    ],
    [
      'an expression value that is not typed',
      { operation: 'Scan', filter: { expression: 'a = :a', expressionValues: { ':a': 1 } } },
      `Expected a typed value such as { "S": "text" } or { "N": 1 } at '$[filter][expressionValues][:a]'; received a number 1.`,
    ],
    [
      'one placeholder with two meanings',
      {
        operation: 'Query',
        query: {
          expression: '#k = :k',
          expressionNames: { '#k': 'id' },
          expressionValues: { ':k': { S: '1' } },
        },
        filter: {
          expression: '#k = :v',
          expressionNames: { '#k': 'title' },
          expressionValues: { ':v': { S: 'x' } },
        },
      },
      `The expression name '#k' is defined twice, as 'id' and as 'title'; expected one meaning per placeholder across the expressions of one request.`,
    ],
    [
      'a condition given as a JSON string',
      { operation: 'PutItem', key, condition: '{"expression":"attribute_not_exists(id)"}' },
      `Expected a condition object such as { "expression": "attribute_not_exists(id)" } at '$[condition]'; received a string. If it comes from util.transform.toDynamoDBConditionExpression, pass JSON.parse(...) of it.`,
    ],
    [
      'returnValuesOnConditionCheckFailure outside a transaction',
      {
        operation: 'UpdateItem',
        key,
        update: { expression: 'SET a = :a', expressionValues: { ':a': { S: 'x' } } },
        condition: {
          expression: 'attribute_exists(id)',
          returnValuesOnConditionCheckFailure: false,
        },
      },
      `Unsupported element '$[condition][returnValuesOnConditionCheckFailure]'. '$[condition]' accepts: expression, expressionNames, expressionValues, equalsIgnore, consistentRead, conditionalCheckFailedHandler.`,
    ],
    [
      'the Custom conditionalCheckFailedHandler',
      {
        operation: 'PutItem',
        key,
        condition: {
          expression: 'attribute_not_exists(id)',
          conditionalCheckFailedHandler: { strategy: 'Custom', lambdaArn: 'arn:aws:lambda:x' },
        },
      },
      `The conditionalCheckFailedHandler strategy 'Custom' at '$[condition][conditionalCheckFailedHandler]' invokes a Lambda function by ARN, which the local engine does not support; use { "strategy": "Reject" } and handle ctx.error in the response handler.`,
    ],
    [
      'an UpdateItem without update',
      { operation: 'UpdateItem', key },
      `Value for field '$[update]' not found; expected an update object such as { "expression": "SET #n = :n" }.`,
    ],
    [
      '_version (versioned data sources)',
      { operation: 'PutItem', key, _version: 1 },
      `'$[_version]' belongs to versioned (conflict-detection) data sources, which the local engine does not support; expected a request without _version, customPartitionKey, populateIndexFields.`,
    ],
    [
      'Sync',
      { operation: 'Sync', limit: 10 },
      `The Sync operation works only on versioned (conflict-detection) data sources, which the local engine does not support; expected Query or Scan.`,
    ],
    [
      'a BatchGetItem of more than 100 keys',
      { operation: 'BatchGetItem', tables: { a: { keys: keys(60) }, b: { keys: keys(41) } } },
      `BatchGetItem takes at most 100 keys across all tables; received 101.`,
    ],
    [
      'a BatchGetItem table given as a bare array',
      { operation: 'BatchGetItem', tables: { posts: keys(1) } },
      `Expected an object such as { "keys": [{ "id": { "S": "1" } }] } at '$[tables][posts]'; received an array of 1 item. Wrap the keys as { keys: [...] }.`,
    ],
    [
      'a BatchPutItem of more than 25 items',
      { operation: 'BatchPutItem', tables: { posts: keys(26) } },
      `BatchPutItem takes at most 25 items across all tables; received 26.`,
    ],
    [
      'a BatchDeleteItem table given as { keys }',
      { operation: 'BatchDeleteItem', tables: { posts: { keys: keys(1) } } },
      `Expected an array of keys at '$[tables][posts]'; received an object with keys keys. Use the array itself, e.g. [{ "id": { "S": "1" } }], not { keys: [...] }.`,
    ],
    [
      'a BatchDeleteItem without tables',
      { operation: 'BatchDeleteItem' },
      `Value for field '$[tables]' not found; expected an object of table names such as { "posts": [{ "id": { "S": "1" } }] }.`,
    ],
    [
      'a TransactWriteItems of more than 100 items',
      {
        operation: 'TransactWriteItems',
        transactItems: Array.from({ length: 101 }, (_, i) => put(i)),
      },
      `TransactWriteItems takes at most 100 transactItems; received 101.`,
    ],
    [
      'a transaction item with an unknown operation',
      { operation: 'TransactWriteItems', transactItems: [{ ...put(1), operation: 'GetItem' }] },
      `Expected one of PutItem, UpdateItem, DeleteItem, ConditionCheck at '$[transactItems][0][operation]'; received a string "GetItem".`,
    ],
    [
      'a ConditionCheck without a condition',
      {
        operation: 'TransactWriteItems',
        transactItems: [{ ...put(1), operation: 'ConditionCheck' }],
      },
      `Value for field '$[transactItems][0][condition]' not found; expected a condition such as { "expression": "attribute_exists(id)" }.`,
    ],
    [
      'a transaction item without a table',
      { operation: 'TransactGetItems', transactItems: [{ key }] },
      `Value for field '$[transactItems][0][table]' not found; expected the physical table name.`,
    ],
  ])('refuses %s', async (_name, request, message) => {
    const outcome = dataSource.invoke(request, call);
    await expect(outcome).rejects.toThrow(new DataSourceRequestError(message));
    await expect(outcome).rejects.toMatchObject({ errorType: 'MappingTemplate' });
  });

  it('drops undefined members, as JSON serialisation does', async () => {
    // `notAField` vanishes; the call then fails on the closed port, not as an unsupported element.
    const outcome = dataSource.invoke({ operation: 'GetItem', key, notAField: undefined }, call);
    await expect(outcome).rejects.not.toBeInstanceOf(DataSourceRequestError);
  });
});
