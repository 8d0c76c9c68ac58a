import {
  conformanceTargets,
  type CallOutcome,
  type ConformanceTarget,
} from '../../testing/conformance';
import { emptyRecord } from '../invocation';

/*
 * @aws-appsync/utils/dynamodb conformance. "AWS-recorded" marks outputs localstack/appsync-utils
 * recorded from real AppSync via EvaluateCode (__tests__/__snapshots__/index.test.js.snap); "d.ts"
 * marks the examples in lib/dynamodb-helpers.d.ts. Operation markers are passed as the plain JSON
 * objects AWS recorded for `operations.*` (the harness takes JSON arguments only), which is what
 * resolver code hands to `update` as well. Every comparison checks key order too.
 */

/** A call: the member of the module (`put`, `operations.increment`) and its arguments. */
type Call = readonly [fn: string, args: readonly unknown[]];
type ValueCase = readonly [behaviour: string, call: Call, expected: unknown];
type ErrorCase = readonly [behaviour: string, call: Call];

function valueOf(outcome: CallOutcome): unknown {
  return 'value' in outcome ? outcome.value : outcome;
}

function expectValue(
  target: ConformanceTarget,
  fn: string,
  args: readonly unknown[],
  expected: unknown,
): void {
  const outcome = target.call(`dynamodb.${fn}`, args);
  expect(outcome).toEqual({ value: expected, record: emptyRecord() });
  expect(JSON.stringify(valueOf(outcome))).toBe(JSON.stringify(expected));
}

function expectError(target: ConformanceTarget, fn: string, args: readonly unknown[]): void {
  const outcome = target.call(`dynamodb.${fn}`, args);
  expect(outcome).toEqual({
    error: expect.stringMatching(new RegExp(`^(Type)?Error: dynamodb\\.${fn}: `)),
    record: emptyRecord(),
  });
  expect('error' in outcome ? outcome.error : undefined).toMatchSnapshot();
}

/** The marker objects AWS recorded for operations.add(10), append([1,2,3]) … */
const op = {
  add: (value: unknown) => ({ type: 'OPERATION_ADD', value }),
  replace: (value: unknown) => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by?: number) =>
    by === undefined ? { type: 'OPERATION_INCREMENT' } : { type: 'OPERATION_INCREMENT', by },
  decrement: (by: number) => ({ type: 'OPERATION_DECREMENT', by }),
  append: (items: unknown[]) => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown[]) => ({ type: 'OPERATION_PREPEND', items }),
  remove: () => ({ type: 'OPERATION_REMOVE' }),
  updateListItem: (value: unknown, index: number) => ({
    type: 'OPERATION_UPDATE_LIST_ITEM',
    value,
    index,
  }),
};

const KEY = { id: 'test' };
const TYPED_KEY = { id: { S: 'test' } };
const N123 = { L: [{ N: 1 }, { N: 2 }, { N: 3 }] };

function updateRequest(update: object, extra: object = {}): object {
  return { operation: 'UpdateItem', key: TYPED_KEY, update, ...extra };
}

const operationCases: readonly ValueCase[] = [
  ['AWS-recorded: add(10)', ['add', [10]], { type: 'OPERATION_ADD', value: 10 }],
  [
    'AWS-recorded: append([1, 2, 3])',
    ['append', [[1, 2, 3]]],
    { type: 'OPERATION_APPEND', items: [1, 2, 3] },
  ],
  ['AWS-recorded: decrement(10)', ['decrement', [10]], { type: 'OPERATION_DECREMENT', by: 10 }],
  ['AWS-recorded: increment(10)', ['increment', [10]], { type: 'OPERATION_INCREMENT', by: 10 }],
  [
    'AWS-recorded: prepend([1, 2, 3])',
    ['prepend', [[1, 2, 3]]],
    { type: 'OPERATION_PREPEND', items: [1, 2, 3] },
  ],
  [
    'AWS-recorded: replace({a: 10})',
    ['replace', [{ a: 10 }]],
    { type: 'OPERATION_REPLACE', value: { a: 10 } },
  ],
  ['remove()', ['remove', []], { type: 'OPERATION_REMOVE' }],
  ['increment() leaves by out (update uses 1)', ['increment', []], { type: 'OPERATION_INCREMENT' }],
  ['decrement(2.5)', ['decrement', [2.5]], { type: 'OPERATION_DECREMENT', by: 2.5 }],
  [
    'updateListItem(value, index)',
    ['updateListItem', ['foo', 1]],
    { type: 'OPERATION_UPDATE_LIST_ITEM', value: 'foo', index: 1 },
  ],
];

const operationErrors: readonly ErrorCase[] = [
  ['increment rejects a string', ['increment', ['1']]],
  ['decrement rejects a string', ['decrement', ['x']]],
  ['append rejects a non-array', ['append', ['x']]],
  ['prepend rejects a non-array', ['prepend', [{ a: 1 }]]],
  ['updateListItem rejects a negative index', ['updateListItem', ['x', -1]]],
  ['updateListItem rejects a missing index', ['updateListItem', ['x']]],
];

const valueCases: readonly ValueCase[] = [
  [
    'AWS-recorded: get',
    ['get', [{ key: { id: 'id' } }]],
    { operation: 'GetItem', key: { id: { S: 'id' } } },
  ],
  [
    'get with consistentRead and a projection of nested paths',
    [
      'get',
      [
        {
          key: { pk: 'a', sk: 2 },
          consistentRead: true,
          projection: ['id', 'author.name', 'tags[0]', 'm.l[1][2]'],
        },
      ],
    ],
    {
      operation: 'GetItem',
      key: { pk: { S: 'a' }, sk: { N: 2 } },
      consistentRead: true,
      projection: {
        expression: '#id, #author.#name, #tags[0], #m.#l[1][2]',
        expressionNames: {
          '#id': 'id',
          '#author': 'author',
          '#name': 'name',
          '#tags': 'tags',
          '#m': 'm',
          '#l': 'l',
        },
      },
    },
  ],
  [
    'get: an empty projection means all attributes',
    ['get', [{ key: KEY, projection: [] }]],
    { operation: 'GetItem', key: TYPED_KEY },
  ],
  [
    'AWS-recorded: put',
    ['put', [{ key: { id: 'abc' }, item: { value: 10 } }]],
    { operation: 'PutItem', key: { id: { S: 'abc' } }, attributeValues: { value: { N: 10 } } },
  ],
  [
    'put: lists stay lists, set-helper values stay sets, null is NULL',
    [
      'put',
      [
        {
          key: KEY,
          item: {
            l: ['a', 1],
            m: { b: true },
            ss: { SS: ['x', 'y'] },
            ns: { NS: [1, 2.5] },
            bs: { BS: ['AA=='] },
            n: null,
          },
        },
      ],
    ],
    {
      operation: 'PutItem',
      key: TYPED_KEY,
      attributeValues: {
        l: { L: [{ S: 'a' }, { N: 1 }] },
        m: { M: { b: { BOOL: true } } },
        ss: { SS: ['x', 'y'] },
        ns: { NS: [1, 2.5] },
        bs: { BS: ['AA=='] },
        n: { NULL: null },
      },
    },
  ],
  [
    'put with a condition and the versioned-data-source options',
    [
      'put',
      [
        {
          key: KEY,
          item: { a: 1 },
          condition: { id: { attributeExists: false } },
          customPartitionKey: 'pk',
          populateIndexFields: true,
          _version: 3,
        },
      ],
    ],
    {
      operation: 'PutItem',
      key: TYPED_KEY,
      attributeValues: { a: { N: 1 } },
      condition: {
        expression: '(attribute_not_exists(#id))',
        expressionNames: { '#id': 'id' },
        expressionValues: {},
      },
      customPartitionKey: 'pk',
      populateIndexFields: true,
      _version: 3,
    },
  ],
  [
    'put: null optional fields and an empty condition are left out',
    ['put', [{ key: KEY, item: {}, condition: {}, customPartitionKey: null }]],
    { operation: 'PutItem', key: TYPED_KEY, attributeValues: {} },
  ],
  [
    'AWS-recorded: remove',
    ['remove', [{ key: { id: 'test' } }]],
    { operation: 'DeleteItem', key: TYPED_KEY },
  ],
  [
    'remove with a condition (the d.ts example)',
    [
      'remove',
      [{ key: { id: 'XXXXXXXXXXXXXXXX' }, condition: { owner: { eq: 'XXXXXXXXXXXXXXXX' } } }],
    ],
    {
      operation: 'DeleteItem',
      key: { id: { S: 'XXXXXXXXXXXXXXXX' } },
      condition: {
        expression: '(#owner = :owner_eq)',
        expressionNames: { '#owner': 'owner' },
        expressionValues: { ':owner_eq': { S: 'XXXXXXXXXXXXXXXX' } },
      },
    },
  ],
  [
    'AWS-recorded: update with add',
    ['update', [{ key: KEY, update: { age: op.add(10) } }]],
    updateRequest({
      expression: 'SET #expName_1 = :expValue_1',
      expressionNames: { '#expName_1': 'age' },
      expressionValues: { ':expValue_1': { N: 10 } },
    }),
  ],
  [
    'AWS-recorded: update with append',
    ['update', [{ key: KEY, update: { values: op.append([1, 2, 3]) } }]],
    updateRequest({
      expression: 'SET #expName_1 = list_append(#expName_1, :expValue_1)',
      expressionNames: { '#expName_1': 'values' },
      expressionValues: { ':expValue_1': N123 },
    }),
  ],
  [
    'AWS-recorded: update with decrement',
    ['update', [{ key: KEY, update: { age: op.decrement(10) } }]],
    updateRequest({
      expression: 'SET #expName_1 = #expName_1 - :expValue_1',
      expressionNames: { '#expName_1': 'age' },
      expressionValues: { ':expValue_1': { N: 10 } },
    }),
  ],
  [
    'AWS-recorded: update with increment',
    ['update', [{ key: KEY, update: { age: op.increment(10) } }]],
    updateRequest({
      expression: 'SET #expName_1 = #expName_1 + :expValue_1',
      expressionNames: { '#expName_1': 'age' },
      expressionValues: { ':expValue_1': { N: 10 } },
    }),
  ],
  [
    'AWS-recorded: update with prepend',
    ['update', [{ key: KEY, update: { values: op.prepend([1, 2, 3]) } }]],
    updateRequest({
      expression: 'SET #expName_1 = list_append(:expValue_1, #expName_1)',
      expressionNames: { '#expName_1': 'values' },
      expressionValues: { ':expValue_1': N123 },
    }),
  ],
  [
    'AWS-recorded: update with replace',
    ['update', [{ key: KEY, update: { values: op.replace({ a: 10 }) } }]],
    updateRequest({
      expression: 'SET #expName_1 = :expValue_1',
      expressionNames: { '#expName_1': 'values' },
      expressionValues: { ':expValue_1': { M: { a: { N: 10 } } } },
    }),
  ],
  [
    'update: a plain value SETs; increment() adds 1',
    ['update', [{ key: KEY, update: { name: 'x', count: op.increment() } }]],
    updateRequest({
      expression: 'SET #expName_1 = :expValue_1, #expName_2 = #expName_2 + :expValue_2',
      expressionNames: { '#expName_1': 'name', '#expName_2': 'count' },
      expressionValues: { ':expValue_1': { S: 'x' }, ':expValue_2': { N: 1 } },
    }),
  ],
  [
    'update: SET actions come before REMOVE; names and values are numbered separately',
    ['update', [{ key: KEY, update: { gone: op.remove(), name: 'x', old: op.remove() } }]],
    updateRequest({
      expression: 'SET #expName_2 = :expValue_1 REMOVE #expName_1, #expName_3',
      expressionNames: { '#expName_1': 'gone', '#expName_2': 'name', '#expName_3': 'old' },
      expressionValues: { ':expValue_1': { S: 'x' } },
    }),
  ],
  [
    'update: only REMOVE actions leave expressionValues out',
    ['update', [{ key: KEY, update: { a: op.remove() } }]],
    updateRequest({ expression: 'REMOVE #expName_1', expressionNames: { '#expName_1': 'a' } }),
  ],
  [
    'update: a nested object updates nested attributes and reuses the parent name',
    [
      'update',
      [{ key: KEY, update: { address: { city: 'Paris', zip: op.remove(), geo: { lat: 1 } } } }],
    ],
    updateRequest({
      expression:
        'SET #expName_1.#expName_2 = :expValue_1, #expName_1.#expName_4.#expName_5 = :expValue_2 REMOVE #expName_1.#expName_3',
      expressionNames: {
        '#expName_1': 'address',
        '#expName_2': 'city',
        '#expName_3': 'zip',
        '#expName_4': 'geo',
        '#expName_5': 'lat',
      },
      expressionValues: { ':expValue_1': { S: 'Paris' }, ':expValue_2': { N: 1 } },
    }),
  ],
  [
    'update: add and replace SET a whole map',
    ['update', [{ key: KEY, update: { address: op.add({ city: 'Paris' }) } }]],
    updateRequest({
      expression: 'SET #expName_1 = :expValue_1',
      expressionNames: { '#expName_1': 'address' },
      expressionValues: { ':expValue_1': { M: { city: { S: 'Paris' } } } },
    }),
  ],
  [
    'update: updateListItem, alone or in a list',
    [
      'update',
      [
        {
          key: KEY,
          update: {
            a: op.updateListItem('x', 2),
            b: [op.updateListItem(1, 0), op.updateListItem(2, 3)],
          },
        },
      ],
    ],
    updateRequest({
      expression:
        'SET #expName_1[2] = :expValue_1, #expName_2[0] = :expValue_2, #expName_2[3] = :expValue_3',
      expressionNames: { '#expName_1': 'a', '#expName_2': 'b' },
      expressionValues: {
        ':expValue_1': { S: 'x' },
        ':expValue_2': { N: 1 },
        ':expValue_3': { N: 2 },
      },
    }),
  ],
  [
    'update: arrays SET a list, set shapes SET a set, null SETs NULL, empty objects SET an empty map',
    ['update', [{ key: KEY, update: { l: [1], s: { SS: ['a'] }, n: null, e: {} } }]],
    updateRequest({
      expression:
        'SET #expName_1 = :expValue_1, #expName_2 = :expValue_2, #expName_3 = :expValue_3, #expName_4 = :expValue_4',
      expressionNames: {
        '#expName_1': 'l',
        '#expName_2': 's',
        '#expName_3': 'n',
        '#expName_4': 'e',
      },
      expressionValues: {
        ':expValue_1': { L: [{ N: 1 }] },
        ':expValue_2': { SS: ['a'] },
        ':expValue_3': { NULL: null },
        ':expValue_4': { M: {} },
      },
    }),
  ],
  [
    'update with a condition and options',
    [
      'update',
      [{ key: KEY, update: { v: op.increment(1) }, condition: { v: { eq: 1 } }, _version: 2 }],
    ],
    updateRequest(
      {
        expression: 'SET #expName_1 = #expName_1 + :expValue_1',
        expressionNames: { '#expName_1': 'v' },
        expressionValues: { ':expValue_1': { N: 1 } },
      },
      {
        condition: {
          expression: '(#v = :v_eq)',
          expressionNames: { '#v': 'v' },
          expressionValues: { ':v_eq': { N: 1 } },
        },
        _version: 2,
      },
    ),
  ],
  [
    'query: partition key only',
    ['query', [{ query: { id: { eq: '1' } } }]],
    {
      operation: 'Query',
      query: {
        expression: '(#id = :id_eq)',
        expressionNames: { '#id': 'id' },
        expressionValues: { ':id_eq': { S: '1' } },
      },
    },
  ],
  [
    'query: every option, in the order of the request reference',
    [
      'query',
      [
        {
          query: { pk: { eq: 'a' }, sk: { beginsWith: 'b' } },
          filter: { x: { gt: 1 } },
          index: 'byPk',
          limit: 5,
          nextToken: 't',
          scanIndexForward: false,
          consistentRead: true,
          select: 'SPECIFIC_ATTRIBUTES',
          projection: ['x'],
        },
      ],
    ],
    {
      operation: 'Query',
      query: {
        expression: '(#pk = :pk_eq) AND (begins_with(#sk,:sk_beginsWith))',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: { ':pk_eq': { S: 'a' }, ':sk_beginsWith': { S: 'b' } },
      },
      index: 'byPk',
      nextToken: 't',
      limit: 5,
      scanIndexForward: false,
      consistentRead: true,
      select: 'SPECIFIC_ATTRIBUTES',
      filter: {
        expression: '(#x > :x_gt)',
        expressionNames: { '#x': 'x' },
        expressionValues: { ':x_gt': { N: 1 } },
      },
      projection: { expression: '#x', expressionNames: { '#x': 'x' } },
    },
  ],
  [
    'query: between on the sort key; null options are left out',
    [
      'query',
      [
        {
          query: { pk: { eq: 1 }, sk: { between: [1, 9] } },
          index: null,
          limit: null,
          filter: null,
        },
      ],
    ],
    {
      operation: 'Query',
      query: {
        expression: '(#pk = :pk_eq) AND (#sk BETWEEN :sk_between_0 AND :sk_between_1)',
        expressionNames: { '#pk': 'pk', '#sk': 'sk' },
        expressionValues: {
          ':pk_eq': { N: 1 },
          ':sk_between_0': { N: 1 },
          ':sk_between_1': { N: 9 },
        },
      },
    },
  ],
  [
    'AWS-recorded: scan',
    ['scan', [{ limit: 10, nextToken: 'abc' }]],
    { operation: 'Scan', limit: 10, nextToken: 'abc' },
  ],
  [
    'scan: every option; an empty filter is left out',
    [
      'scan',
      [
        {
          index: 'i',
          limit: 1,
          consistentRead: false,
          nextToken: 'n',
          totalSegments: 4,
          segment: 0,
          filter: {},
          projection: ['a'],
          select: 'ALL_ATTRIBUTES',
          scanIndexForward: true,
        },
      ],
    ],
    {
      operation: 'Scan',
      index: 'i',
      limit: 1,
      consistentRead: false,
      nextToken: 'n',
      totalSegments: 4,
      segment: 0,
      projection: { expression: '#a', expressionNames: { '#a': 'a' } },
      select: 'ALL_ATTRIBUTES',
    },
  ],
  [
    'sync: every option (AWS rejects ddb.sync at compile time today; the d.ts declares it)',
    [
      'sync',
      [
        {
          basePartitionKey: 'b',
          deltaIndexName: 'd',
          limit: 10,
          nextToken: 'abc',
          lastSync: 1,
          filter: { a: { eq: 1 } },
        },
      ],
    ],
    {
      operation: 'Sync',
      basePartitionKey: 'b',
      deltaIndexName: 'd',
      limit: 10,
      nextToken: 'abc',
      lastSync: 1,
      filter: {
        expression: '(#a = :a_eq)',
        expressionNames: { '#a': 'a' },
        expressionValues: { ':a_eq': { N: 1 } },
      },
    },
  ],
  ['sync: no options', ['sync', [{}]], { operation: 'Sync' }],
  [
    'batchGet (the d.ts example)',
    [
      'batchGet',
      [
        {
          tables: {
            post: {
              keys: [{ id: '1' }, { id: '2' }, { id: '3' }],
              consistentRead: false,
              projection: ['id', 'name', 'nested.object[1]'],
            },
          },
        },
      ],
    ],
    {
      operation: 'BatchGetItem',
      tables: {
        post: {
          keys: [{ id: { S: '1' } }, { id: { S: '2' } }, { id: { S: '3' } }],
          consistentRead: false,
          projection: {
            expression: '#id, #name, #nested.#object[1]',
            expressionNames: {
              '#id': 'id',
              '#name': 'name',
              '#nested': 'nested',
              '#object': 'object',
            },
          },
        },
      },
    },
  ],
  [
    'batchPut (the d.ts example)',
    [
      'batchPut',
      [
        {
          tables: {
            post: [
              { id: 'one', value: 'x' },
              { id: 'two', value: 'y' },
            ],
            comment: [{ id: 'one', comment: 'x', text: 'something' }],
          },
        },
      ],
    ],
    {
      operation: 'BatchPutItem',
      tables: {
        post: [
          { id: { S: 'one' }, value: { S: 'x' } },
          { id: { S: 'two' }, value: { S: 'y' } },
        ],
        comment: [{ id: { S: 'one' }, comment: { S: 'x' }, text: { S: 'something' } }],
      },
    },
  ],
  [
    'batchDelete (the d.ts example)',
    [
      'batchDelete',
      [
        {
          tables: {
            post: [{ id: 'one' }, { id: 'two' }, { id: 'three' }],
            comment: [{ id: 'one', comment: 'x' }],
          },
        },
      ],
    ],
    {
      operation: 'BatchDeleteItem',
      tables: {
        post: [{ id: { S: 'one' } }, { id: { S: 'two' } }, { id: { S: 'three' } }],
        comment: [{ id: { S: 'one' }, comment: { S: 'x' } }],
      },
    },
  ],
  [
    'transactGet (the d.ts example)',
    [
      'transactGet',
      [
        {
          items: [
            { table: 'post', key: { id: '1' }, projection: ['name'] },
            { table: 'post', key: { id: '2' } },
          ],
        },
      ],
    ],
    {
      operation: 'TransactGetItems',
      transactItems: [
        {
          table: 'post',
          key: { id: { S: '1' } },
          projection: { expression: '#name', expressionNames: { '#name': 'name' } },
        },
        { table: 'post', key: { id: { S: '2' } } },
      ],
    },
  ],
  [
    'transactWrite with every item kind (the d.ts example)',
    [
      'transactWrite',
      [
        {
          items: [
            {
              putItem: {
                table: 'post',
                key: { id: '1' },
                item: { title: 't' },
                condition: { id: { attributeExists: false } },
              },
            },
            { deleteItem: { table: 'post', key: { id: '2' } } },
            { updateItem: { table: 'post', key: { id: '3' }, update: { n: op.increment(2) } } },
            { conditionCheck: { table: 'post', key: { id: '4' }, condition: { v: { eq: 1 } } } },
          ],
        },
      ],
    ],
    {
      operation: 'TransactWriteItems',
      transactItems: [
        {
          table: 'post',
          operation: 'PutItem',
          key: { id: { S: '1' } },
          attributeValues: { title: { S: 't' } },
          condition: {
            expression: '(attribute_not_exists(#id))',
            expressionNames: { '#id': 'id' },
            expressionValues: {},
          },
        },
        { table: 'post', operation: 'DeleteItem', key: { id: { S: '2' } } },
        {
          table: 'post',
          operation: 'UpdateItem',
          key: { id: { S: '3' } },
          update: {
            expression: 'SET #expName_1 = #expName_1 + :expValue_1',
            expressionNames: { '#expName_1': 'n' },
            expressionValues: { ':expValue_1': { N: 2 } },
          },
        },
        {
          table: 'post',
          operation: 'ConditionCheck',
          key: { id: { S: '4' } },
          condition: {
            expression: '(#v = :v_eq)',
            expressionNames: { '#v': 'v' },
            expressionValues: { ':v_eq': { N: 1 } },
          },
        },
      ],
    },
  ],
  ['toStringSet (the d.ts example)', ['toStringSet', [['a', 'b', 'c']]], { SS: ['a', 'b', 'c'] }],
  [
    'toNumberSet keeps numbers (as AWS-recorded util.dynamodb.toNumberSet; the d.ts shows strings)',
    ['toNumberSet', [[1, 2, 3]]],
    { NS: [1, 2, 3] },
  ],
  [
    'toBinarySet (the d.ts example)',
    ['toBinarySet', [['SGVsbG8=', 'V29ybGQ=']]],
    { BS: ['SGVsbG8=', 'V29ybGQ='] },
  ],
  [
    'toStringSet of an empty list (DynamoDB rejects it when written)',
    ['toStringSet', [[]]],
    { SS: [] },
  ],
];

const errorCases: readonly ErrorCase[] = [
  ['get rejects a missing payload', ['get', []]],
  ['get rejects a missing key', ['get', [{}]]],
  ['get rejects a key given as an array', ['get', [{ key: ['id'] }]]],
  ['get rejects consistentRead as a string', ['get', [{ key: KEY, consistentRead: 'yes' }]]],
  ['get rejects a projection that is a string', ['get', [{ key: KEY, projection: 'id' }]]],
  [
    'get rejects a projection path with an empty segment',
    ['get', [{ key: KEY, projection: ['a..b'] }]],
  ],
  ['get rejects a projection path with a bad index', ['get', [{ key: KEY, projection: ['a[x]'] }]]],
  ['put rejects a missing item', ['put', [{ key: KEY }]]],
  [
    'put rejects a condition with an unknown operator',
    ['put', [{ key: KEY, item: {}, condition: { a: { equal: 1 } } }]],
  ],
  ['put rejects _version as a string', ['put', [{ key: KEY, item: {}, _version: '1' }]]],
  [
    'remove rejects a condition that is not an object',
    ['remove', [{ key: KEY, condition: 'attribute_exists(id)' }]],
  ],
  ['update rejects a missing update', ['update', [{ key: KEY }]]],
  ['update rejects an update with nothing to change', ['update', [{ key: KEY, update: {} }]]],
  [
    'update rejects an unknown operation marker',
    ['update', [{ key: KEY, update: { a: { type: 'OPERATION_MULTIPLY', by: 2 } } }]],
  ],
  [
    'update rejects an increment marker with a string',
    ['update', [{ key: KEY, update: { a: { type: 'OPERATION_INCREMENT', by: 'x' } } }]],
  ],
  [
    'update rejects an append marker without items',
    ['update', [{ key: KEY, update: { a: { type: 'OPERATION_APPEND' } } }]],
  ],
  [
    'update rejects an updateListItem marker without an index',
    ['update', [{ key: KEY, update: { a: { type: 'OPERATION_UPDATE_LIST_ITEM', value: 1 } } }]],
  ],
  ['query rejects a missing key condition', ['query', [{ limit: 1 }]]],
  ['query rejects an empty key condition', ['query', [{ query: {} }]]],
  ['query rejects in inside a key condition', ['query', [{ query: { id: { in: ['a'] } } }]]],
  [
    'query rejects or inside a key condition',
    ['query', [{ query: { or: [{ id: { eq: 'a' } }] } }]],
  ],
  ['query rejects an unknown select', ['query', [{ query: { id: { eq: 'a' } }, select: 'COUNT' }]]],
  [
    'query rejects size in a filter',
    ['query', [{ query: { id: { eq: 'a' } }, filter: { t: { size: { gt: 1 } } } }]],
  ],
  ['scan rejects a negative limit', ['scan', [{ limit: -1 }]]],
  ['scan rejects a limit given as a string', ['scan', [{ limit: '10' }]]],
  ['sync rejects lastSync as a string', ['sync', [{ lastSync: '1' }]]],
  ['batchGet rejects missing tables', ['batchGet', [{}]]],
  [
    'batchGet rejects a table given as a key list',
    ['batchGet', [{ tables: { post: [{ id: '1' }] } }]],
  ],
  [
    'batchGet rejects keys that are not a list',
    ['batchGet', [{ tables: { post: { keys: { id: '1' } } } }]],
  ],
  [
    'batchPut rejects a table that is not a list',
    ['batchPut', [{ tables: { post: { id: '1' } } }]],
  ],
  [
    'batchDelete rejects a key that is not an object',
    ['batchDelete', [{ tables: { post: ['1'] } }]],
  ],
  ['transactGet rejects a missing table name', ['transactGet', [{ items: [{ key: KEY }] }]]],
  ['transactWrite rejects items that are not a list', ['transactWrite', [{ items: {} }]]],
  [
    'transactWrite rejects an item with two kinds',
    [
      'transactWrite',
      [
        {
          items: [
            { putItem: { table: 't', key: KEY, item: {} }, deleteItem: { table: 't', key: KEY } },
          ],
        },
      ],
    ],
  ],
  [
    'transactWrite rejects an item with no kind',
    ['transactWrite', [{ items: [{ table: 't', key: KEY }] }]],
  ],
  [
    'transactWrite rejects a conditionCheck without a condition',
    ['transactWrite', [{ items: [{ conditionCheck: { table: 't', key: KEY } }] }]],
  ],
  [
    'transactWrite rejects a bad condition inside an item',
    [
      'transactWrite',
      [{ items: [{ deleteItem: { table: 't', key: KEY, condition: { a: { between: [1] } } } }] }],
    ],
  ],
  ['toStringSet rejects a number member', ['toStringSet', [['a', 1]]]],
  ['toNumberSet rejects numeric strings', ['toNumberSet', [['1']]]],
  ['toBinarySet rejects a string instead of a list', ['toBinarySet', ['SGVsbG8=']]],
];

for (const target of conformanceTargets()) {
  describe(`@aws-appsync/utils/dynamodb (${target.name})`, () => {
    it.each(operationCases)('operations: %s', (_behaviour, [name, args], expected) => {
      expectValue(target, `operations.${name}`, args, expected);
    });
    it.each(operationErrors)('operations: %s', (_behaviour, [name, args]) => {
      expectError(target, `operations.${name}`, args);
    });
    it.each(valueCases)('%s', (_behaviour, [name, args], expected) => {
      expectValue(target, name, args, expected);
    });
    it.each(errorCases)('%s', (_behaviour, [name, args]) => {
      expectError(target, name, args);
    });
  });
}
