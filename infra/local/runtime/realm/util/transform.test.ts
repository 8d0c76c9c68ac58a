import {
  conformanceTargets,
  type CallOutcome,
  type ConformanceTarget,
} from '../../testing/conformance';
import { emptyRecord } from '../invocation';

/*
 * util.transform conformance. "AWS-recorded" marks outputs that localstack/appsync-utils recorded
 * from real AppSync via EvaluateCode (__tests__/__snapshots__/index.test.js.snap); "AWS docs" marks
 * the example printed in the developer guide (transformation-helpers-in-utils-transform-js). Other
 * expectations pin the choices listed in docs/engine-semantics.md. The DynamoDB and OpenSearch
 * variants return JSON strings, so their cases compare the exact string (key order included).
 */

type ValueCase = readonly [behaviour: string, args: readonly unknown[], expected: unknown];
type ErrorCase = readonly [behaviour: string, args: readonly unknown[]];

function valueOf(outcome: CallOutcome): unknown {
  return 'value' in outcome ? outcome.value : outcome;
}

/** Compares a JSON-string result with the JSON of `expected`, so key order counts too. */
function expectJson(
  target: ConformanceTarget,
  fn: string,
  args: readonly unknown[],
  expected: unknown,
): void {
  const outcome = target.call(`util.transform.${fn}`, args);
  expect(outcome).toEqual({ value: expect.any(String), record: emptyRecord() });
  expect(valueOf(outcome)).toBe(typeof expected === 'string' ? expected : JSON.stringify(expected));
}

function expectObject(
  target: ConformanceTarget,
  fn: string,
  args: readonly unknown[],
  expected: unknown,
): void {
  const outcome = target.call(`util.transform.${fn}`, args);
  expect(outcome).toEqual({ value: expected, record: emptyRecord() });
  expect(JSON.stringify(valueOf(outcome))).toBe(JSON.stringify(expected));
}

function expectError(target: ConformanceTarget, fn: string, args: readonly unknown[]): void {
  const outcome = target.call(`util.transform.${fn}`, args);
  expect(outcome).toEqual({
    error: expect.stringMatching(new RegExp(`^(Type)?Error: util\\.transform\\.${fn}: `)),
    record: emptyRecord(),
  });
  expect('error' in outcome ? outcome.error : undefined).toMatchSnapshot();
}

/** `{expression, expressionNames, expressionValues}` in the order AppSync prints it. */
function ddb(expression: string, expressionNames: object, expressionValues: object = {}): object {
  return { expression, expressionNames, expressionValues };
}

const filterCases: readonly ValueCase[] = [
  [
    'AWS-recorded: contains on one field',
    [{ title: { contains: 'Hello World' } }],
    '{"expression":"(contains(#title,:title_contains))","expressionNames":{"#title":"title"},"expressionValues":{":title_contains":{"S":"Hello World"}}}',
  ],
  [
    'eq',
    [{ title: { eq: 'x' } }],
    ddb('(#title = :title_eq)', { '#title': 'title' }, { ':title_eq': { S: 'x' } }),
  ],
  ['ne', [{ n: { ne: 1 } }], ddb('(#n <> :n_ne)', { '#n': 'n' }, { ':n_ne': { N: 1 } })],
  ['le', [{ n: { le: 2 } }], ddb('(#n <= :n_le)', { '#n': 'n' }, { ':n_le': { N: 2 } })],
  ['lt', [{ n: { lt: 2.5 } }], ddb('(#n < :n_lt)', { '#n': 'n' }, { ':n_lt': { N: 2.5 } })],
  ['ge', [{ s: { ge: 'b' } }], ddb('(#s >= :s_ge)', { '#s': 's' }, { ':s_ge': { S: 'b' } })],
  ['gt', [{ n: { gt: -3 } }], ddb('(#n > :n_gt)', { '#n': 'n' }, { ':n_gt': { N: -3 } })],
  [
    'in lists one placeholder per value',
    [{ status: { in: ['open', 'new'] } }],
    ddb(
      '(#status IN (:status_in_0,:status_in_1))',
      { '#status': 'status' },
      { ':status_in_0': { S: 'open' }, ':status_in_1': { S: 'new' } },
    ),
  ],
  [
    'between',
    [{ age: { between: [18, 65] } }],
    ddb(
      '(#age BETWEEN :age_between_0 AND :age_between_1)',
      { '#age': 'age' },
      {
        ':age_between_0': { N: 18 },
        ':age_between_1': { N: 65 },
      },
    ),
  ],
  [
    'beginsWith',
    [{ sk: { beginsWith: 'post#' } }],
    ddb('(begins_with(#sk,:sk_beginsWith))', { '#sk': 'sk' }, { ':sk_beginsWith': { S: 'post#' } }),
  ],
  [
    'contains with a number (set or list membership)',
    [{ ids: { contains: 7 } }],
    ddb('(contains(#ids,:ids_contains))', { '#ids': 'ids' }, { ':ids_contains': { N: 7 } }),
  ],
  [
    'notContains',
    [{ title: { notContains: 'spam' } }],
    ddb(
      '(NOT contains(#title,:title_notContains))',
      { '#title': 'title' },
      {
        ':title_notContains': { S: 'spam' },
      },
    ),
  ],
  [
    'attributeExists true',
    [{ id: { attributeExists: true } }],
    ddb('(attribute_exists(#id))', { '#id': 'id' }),
  ],
  [
    'attributeExists false',
    [{ id: { attributeExists: false } }],
    ddb('(attribute_not_exists(#id))', { '#id': 'id' }),
  ],
  [
    'attributeType maps the d.ts name to the DynamoDB type code',
    [{ tags: { attributeType: 'stringSet' } }],
    ddb(
      '(attribute_type(#tags,:tags_attributeType))',
      { '#tags': 'tags' },
      {
        ':tags_attributeType': { S: 'SS' },
      },
    ),
  ],
  [
    'several operators on one field are ANDed inside one group',
    [{ age: { gt: 1, lt: 5 } }],
    ddb(
      '((#age > :age_gt) AND (#age < :age_lt))',
      { '#age': 'age' },
      {
        ':age_gt': { N: 1 },
        ':age_lt': { N: 5 },
      },
    ),
  ],
  [
    'several fields are ANDed at the top level',
    [{ a: { eq: true }, b: { eq: null }, c: { ne: 'x' } }],
    ddb(
      '(#a = :a_eq) AND (#c <> :c_ne)',
      { '#a': 'a', '#c': 'c' },
      {
        ':a_eq': { BOOL: true },
        ':c_ne': { S: 'x' },
      },
    ),
  ],
  [
    'or: alternatives joined with OR, value placeholders prefixed by or_<index>',
    [{ or: [{ a: { eq: 1 } }, { a: { eq: 2 } }] }],
    ddb(
      '((#a = :or_0_a_eq) OR (#a = :or_1_a_eq))',
      { '#a': 'a' },
      {
        ':or_0_a_eq': { N: 1 },
        ':or_1_a_eq': { N: 2 },
      },
    ),
  ],
  [
    'an or alternative with several fields is parenthesised as one AND group',
    [{ x: { eq: 0 }, or: [{ a: { eq: 1 }, b: { eq: 2 } }, { c: { eq: 3 } }] }],
    ddb(
      '(#x = :x_eq) AND (((#a = :or_0_a_eq) AND (#b = :or_0_b_eq)) OR (#c = :or_1_c_eq))',
      { '#x': 'x', '#a': 'a', '#b': 'b', '#c': 'c' },
      { ':x_eq': { N: 0 }, ':or_0_a_eq': { N: 1 }, ':or_0_b_eq': { N: 2 }, ':or_1_c_eq': { N: 3 } },
    ),
  ],
  [
    'and: explicit conjunction with and_<index> prefixes',
    [{ and: [{ a: { ge: 1 } }, { a: { le: 9 } }] }],
    ddb(
      '((#a >= :and_0_a_ge) AND (#a <= :and_1_a_le))',
      { '#a': 'a' },
      {
        ':and_0_a_ge': { N: 1 },
        ':and_1_a_le': { N: 9 },
      },
    ),
  ],
  [
    'or given as one object is one alternative whose fields are ANDed',
    [{ or: { a: { eq: 1 }, b: { eq: 2 } } }],
    ddb(
      '((#a = :or_0_a_eq) AND (#b = :or_0_b_eq))',
      { '#a': 'a', '#b': 'b' },
      {
        ':or_0_a_eq': { N: 1 },
        ':or_0_b_eq': { N: 2 },
      },
    ),
  ],
  [
    'not negates its object',
    [{ not: { a: { eq: 1 }, b: { attributeExists: true } } }],
    ddb(
      '(NOT ((#a = :not_a_eq) AND (attribute_exists(#b))))',
      { '#a': 'a', '#b': 'b' },
      {
        ':not_a_eq': { N: 1 },
      },
    ),
  ],
  [
    'nested or inside or keeps every placeholder unique',
    [{ or: [{ phone: { eq: '1' } }, { or: [{ phone: { eq: '2' } }] }] }],
    ddb(
      '((#phone = :or_0_phone_eq) OR (#phone = :or_1_or_0_phone_eq))',
      { '#phone': 'phone' },
      {
        ':or_0_phone_eq': { S: '1' },
        ':or_1_or_0_phone_eq': { S: '2' },
      },
    ),
  ],
  [
    'a nested object addresses a nested attribute path',
    [{ author: { name: { eq: 'Ann' } } }],
    ddb(
      '(#author.#name = :author_name_eq)',
      { '#author': 'author', '#name': 'name' },
      {
        ':author_name_eq': { S: 'Ann' },
      },
    ),
  ],
  [
    'eq compares lists and maps as typed values; arrays are lists, set shapes stay sets',
    [{ l: { eq: [1, 'a'] }, m: { eq: { k: false } }, s: { eq: { SS: ['x'] } } }],
    ddb(
      '(#l = :l_eq) AND (#m = :m_eq) AND (#s = :s_eq)',
      { '#l': 'l', '#m': 'm', '#s': 's' },
      {
        ':l_eq': { L: [{ N: 1 }, { S: 'a' }] },
        ':m_eq': { M: { k: { BOOL: false } } },
        ':s_eq': { SS: ['x'] },
      },
    ),
  ],
  [
    'a clashing value placeholder gets a numeric suffix',
    [{ a_b: { eq: 1 }, a: { b: { eq: 2 } } }],
    ddb(
      '(#a_b = :a_b_eq) AND (#a.#b = :a_b_eq_2)',
      { '#a_b': 'a_b', '#a': 'a', '#b': 'b' },
      {
        ':a_b_eq': { N: 1 },
        ':a_b_eq_2': { N: 2 },
      },
    ),
  ],
  [
    'null operators, null fields and null combinators are skipped',
    [{ a: { eq: null, gt: 1 }, b: null, or: null, not: null }],
    ddb('(#a > :a_gt)', { '#a': 'a' }, { ':a_gt': { N: 1 } }),
  ],
  ['an empty filter gives an empty expression', [{}], ddb('', {})],
  ['an empty and is vacuous', [{ and: [] }], ddb('', {})],
];

const attributeTypeCases: readonly (readonly [name: string, code: string])[] = [
  ['_null', 'NULL'],
  ['string', 'S'],
  ['stringSet', 'SS'],
  ['number', 'N'],
  ['numberSet', 'NS'],
  ['binary', 'B'],
  ['binarySet', 'BS'],
  ['boolean', 'BOOL'],
  ['list', 'L'],
  ['map', 'M'],
];

const filterErrors: readonly ErrorCase[] = [
  ['rejects a string instead of a filter object', ['title = x']],
  ['rejects an array instead of a filter object', [[{ a: { eq: 1 } }]]],
  ['rejects null instead of a filter object', [null]],
  ['rejects an unknown operator', [{ title: { equals: 'x' } }]],
  ['rejects size (condition expressions only)', [{ tags: { size: { gt: 1 } } }]],
  ['rejects a bare value instead of an operator object', [{ title: 'x' }]],
  ['rejects between with one value', [{ age: { between: [1] } }]],
  ['rejects between with three values', [{ age: { between: [1, 2, 3] } }]],
  ['rejects between with a non-array', [{ age: { between: 5 } }]],
  ['rejects between with a boolean bound', [{ age: { between: [true, 2] } }]],
  ['rejects an empty in list', [{ status: { in: [] } }]],
  ['rejects in with a non-array', [{ status: { in: 'open' } }]],
  ['rejects beginsWith with a number', [{ sk: { beginsWith: 1 } }]],
  ['rejects contains with an object', [{ tags: { contains: { a: 1 } } }]],
  ['rejects lt with a boolean', [{ n: { lt: true } }]],
  ['rejects attributeExists with a string', [{ id: { attributeExists: 'yes' } }]],
  ['rejects an unknown attributeType', [{ id: { attributeType: 'S' } }]],
  ['rejects an empty or', [{ or: [] }]],
  ['rejects or with a string', [{ or: 'a' }]],
  ['rejects a non-object or alternative', [{ or: [{ a: { eq: 1 } }, 2] }]],
  ['rejects not with an array', [{ not: [{ a: { eq: 1 } }] }]],
];

const conditionCases: readonly ValueCase[] = [
  [
    'AWS-recorded: attributeExists and eq on two fields',
    [{ id: { attributeExists: true }, version: { eq: 10 } }],
    '{"expression":"(attribute_exists(#id)) AND (#version = :version_eq)","expressionNames":{"#id":"id","#version":"version"},"expressionValues":{":version_eq":{"N":10}}}',
  ],
  [
    'size with one comparison',
    [{ tags: { size: { gt: 2 } } }],
    ddb('(size(#tags) > :tags_size_gt)', { '#tags': 'tags' }, { ':tags_size_gt': { N: 2 } }),
  ],
  [
    'size with every comparator and between',
    [{ s: { size: { eq: 1, ne: 2, le: 3, lt: 4, ge: 5, gt: 6, between: [7, 8] } } }],
    ddb(
      '((size(#s) = :s_size_eq) AND (size(#s) <> :s_size_ne) AND (size(#s) <= :s_size_le) AND (size(#s) < :s_size_lt) AND (size(#s) >= :s_size_ge) AND (size(#s) > :s_size_gt) AND (size(#s) BETWEEN :s_size_between_0 AND :s_size_between_1))',
      { '#s': 's' },
      {
        ':s_size_eq': { N: 1 },
        ':s_size_ne': { N: 2 },
        ':s_size_le': { N: 3 },
        ':s_size_lt': { N: 4 },
        ':s_size_ge': { N: 5 },
        ':s_size_gt': { N: 6 },
        ':s_size_between_0': { N: 7 },
        ':s_size_between_1': { N: 8 },
      },
    ),
  ],
  [
    'size next to another operator on the same field',
    [{ title: { size: { lt: 100 }, beginsWith: 'A' } }],
    ddb(
      '((size(#title) < :title_size_lt) AND (begins_with(#title,:title_beginsWith)))',
      { '#title': 'title' },
      {
        ':title_size_lt': { N: 100 },
        ':title_beginsWith': { S: 'A' },
      },
    ),
  ],
  [
    'or / not nesting as in filters',
    [{ or: [{ owner: { eq: 'me' } }, { not: { locked: { eq: true } } }] }],
    ddb(
      '((#owner = :or_0_owner_eq) OR (NOT (#locked = :or_1_not_locked_eq)))',
      { '#owner': 'owner', '#locked': 'locked' },
      {
        ':or_0_owner_eq': { S: 'me' },
        ':or_1_not_locked_eq': { BOOL: true },
      },
    ),
  ],
  [
    'attribute_not_exists for a create-only write',
    [{ id: { attributeExists: false } }],
    ddb('(attribute_not_exists(#id))', { '#id': 'id' }),
  ],
];

const conditionErrors: readonly ErrorCase[] = [
  ['rejects an unknown size operator', [{ tags: { size: { in: [1] } } }]],
  ['rejects size with a number instead of an object', [{ tags: { size: 3 } }]],
  ['rejects a size comparison with a string', [{ tags: { size: { gt: '3' } } }]],
  ['rejects size between with string bounds', [{ tags: { size: { between: ['a', 'b'] } } }]],
  ['rejects an unknown operator', [{ id: { exists: true } }]],
];

const subscriptionCases: readonly ValueCase[] = [
  [
    'reference §9.3 example: two fields make one group of two filters',
    [{ severity: { ge: 3 }, status: { in: ['open', 'new'] } }],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'severity', operator: 'ge', value: 3 },
            { fieldName: 'status', operator: 'in', value: ['open', 'new'] },
          ],
        },
      ],
    },
  ],
  [
    'or splits into one group per alternative, each with the shared fields',
    [{ group: { eq: 'a' }, or: [{ severity: { ge: 7 } }, { priority: { eq: 'high' } }] }],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'group', operator: 'eq', value: 'a' },
            { fieldName: 'severity', operator: 'ge', value: 7 },
          ],
        },
        {
          filters: [
            { fieldName: 'group', operator: 'eq', value: 'a' },
            { fieldName: 'priority', operator: 'eq', value: 'high' },
          ],
        },
      ],
    },
  ],
  [
    'and merges its objects into the same group',
    [{ and: [{ a: { gt: 1 } }, { b: { lt: 2 } }] }],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'a', operator: 'gt', value: 1 },
            { fieldName: 'b', operator: 'lt', value: 2 },
          ],
        },
      ],
    },
  ],
  [
    'an and of two ors multiplies out (2 × 2 groups)',
    [
      {
        and: [
          { or: [{ a: { eq: 1 } }, { a: { eq: 2 } }] },
          { or: [{ b: { eq: 3 } }, { b: { eq: 4 } }] },
        ],
      },
    ],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'a', operator: 'eq', value: 1 },
            { fieldName: 'b', operator: 'eq', value: 3 },
          ],
        },
        {
          filters: [
            { fieldName: 'a', operator: 'eq', value: 1 },
            { fieldName: 'b', operator: 'eq', value: 4 },
          ],
        },
        {
          filters: [
            { fieldName: 'a', operator: 'eq', value: 2 },
            { fieldName: 'b', operator: 'eq', value: 3 },
          ],
        },
        {
          filters: [
            { fieldName: 'a', operator: 'eq', value: 2 },
            { fieldName: 'b', operator: 'eq', value: 4 },
          ],
        },
      ],
    },
  ],
  [
    'an or alternative with two fields keeps them in one group',
    [{ or: [{ a: { eq: 1 }, b: { eq: 2 } }, { c: { eq: 3 } }] }],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'a', operator: 'eq', value: 1 },
            { fieldName: 'b', operator: 'eq', value: 2 },
          ],
        },
        { filters: [{ fieldName: 'c', operator: 'eq', value: 3 }] },
      ],
    },
  ],
  [
    'ignoredFields drops those fields, also inside or alternatives',
    [
      { id: { eq: '1' }, createdAt: { gt: 5 }, or: [{ createdAt: { lt: 1 }, a: { eq: 1 } }] },
      ['createdAt'],
    ],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'id', operator: 'eq', value: '1' },
            { fieldName: 'a', operator: 'eq', value: 1 },
          ],
        },
      ],
    },
  ],
  [
    'rules: at least one rule must hold, so each rule extends every group',
    [{ group: { eq: 'g' } }, [], { owner: { eq: 'me' }, public: { eq: true } }],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'group', operator: 'eq', value: 'g' },
            { fieldName: 'owner', operator: 'eq', value: 'me' },
          ],
        },
        {
          filters: [
            { fieldName: 'group', operator: 'eq', value: 'g' },
            { fieldName: 'public', operator: 'eq', value: true },
          ],
        },
      ],
    },
  ],
  [
    'rules: a rule with two operators is one rule (its filters ANDed)',
    [{}, null, { score: { gt: 1, lt: 9 } }],
    {
      filterGroup: [
        {
          filters: [
            { fieldName: 'score', operator: 'gt', value: 1 },
            { fieldName: 'score', operator: 'lt', value: 9 },
          ],
        },
      ],
    },
  ],
  [
    'ignoredFields apply to the filter object only, not to rules',
    [{ a: { eq: 1 } }, ['a'], { a: { eq: 2 } }],
    { filterGroup: [{ filters: [{ fieldName: 'a', operator: 'eq', value: 2 }] }] },
  ],
  [
    'a nested object addresses a nested field in dot notation',
    [{ author: { name: { beginsWith: 'A' } } }],
    {
      filterGroup: [
        { filters: [{ fieldName: 'author.name', operator: 'beginsWith', value: 'A' }] },
      ],
    },
  ],
  [
    'null and undefined operators are skipped',
    [{ a: { eq: null }, b: { ne: 2, gt: null } }],
    { filterGroup: [{ filters: [{ fieldName: 'b', operator: 'ne', value: 2 }] }] },
  ],
  ['an empty object gives no groups', [{}], { filterGroup: [] }],
];

const subscriptionOperatorCases: readonly (readonly [operator: string, value: unknown])[] = [
  ['eq', 'x'],
  ['eq', false],
  ['ne', 3],
  ['gt', 1],
  ['ge', 'b'],
  ['lt', 2],
  ['le', 2],
  ['contains', 'sub'],
  ['notContains', 4],
  ['beginsWith', 'pre'],
  ['in', ['a', 'b']],
  ['notIn', [1, 2]],
  ['between', [1, 5]],
  ['containsAny', ['x', 'y']],
];

const subscriptionErrors: readonly ErrorCase[] = [
  ['rejects a non-object filter', ['severity >= 3']],
  ['rejects not (no negation combinator in subscription filters)', [{ not: { a: { eq: 1 } } }]],
  ['rejects an unknown operator', [{ a: { equals: 1 } }]],
  ['rejects a bare value instead of an operator object', [{ a: 1 }]],
  ['rejects an empty in list', [{ a: { in: [] } }]],
  ['rejects in with a string', [{ a: { in: 'x' } }]],
  ['rejects notIn with a boolean member', [{ a: { notIn: [true] } }]],
  ['rejects between with one value', [{ a: { between: [1] } }]],
  ['rejects beginsWith with a number', [{ a: { beginsWith: 1 } }]],
  ['rejects eq with an object', [{ a: { eq: [1] } }]],
  ['rejects containsAny with a string', [{ a: { containsAny: 'x' } }]],
  ['rejects or with an object', [{ or: { a: { eq: 1 } } }]],
  ['rejects an empty or', [{ or: [] }]],
  ['rejects ignoredFields that is not a list of names', [{ a: { eq: 1 } }, 'a']],
  ['rejects rules that are not an object', [{ a: { eq: 1 } }, [], [{ b: { eq: 1 } }]]],
  ['rejects or inside rules', [{ a: { eq: 1 } }, [], { or: [{ b: { eq: 1 } }] }]],
];

const searchCases: readonly ValueCase[] = [
  [
    'AWS docs example: ne + range and eq + wildcard',
    [{ upvotes: { ne: 15, range: [10, 20] }, title: { eq: 'hihihi', wildcard: 'h*i' } }],
    {
      bool: {
        must: [
          {
            bool: {
              must: [
                { bool: { must_not: { term: { upvotes: 15 } } } },
                { range: { upvotes: { gte: 10, lte: 20 } } },
              ],
            },
          },
          { bool: { must: [{ term: { title: 'hihihi' } }, { wildcard: { title: 'h*i' } }] } },
        ],
      },
    },
  ],
  [
    'gt, gte, lt and lte are range bounds',
    [{ n: { gt: 1, gte: 2, lt: 3, lte: 4 } }],
    {
      bool: {
        must: [
          {
            bool: {
              must: [
                { range: { n: { gt: 1 } } },
                { range: { n: { gte: 2 } } },
                { range: { n: { lt: 3 } } },
                { range: { n: { lte: 4 } } },
              ],
            },
          },
        ],
      },
    },
  ],
  [
    'match, matchPhrase, matchPhrasePrefix, regexp and multiMatch',
    [
      {
        t: {
          match: 'a b',
          matchPhrase: 'a b',
          matchPhrasePrefix: 'a b',
          regexp: 'a.*',
          multiMatch: 'q',
        },
      },
    ],
    {
      bool: {
        must: [
          {
            bool: {
              must: [
                { match: { t: 'a b' } },
                { match_phrase: { t: 'a b' } },
                { match_phrase_prefix: { t: 'a b' } },
                { regexp: { t: 'a.*' } },
                { multi_match: { query: 'q', fields: ['t'] } },
              ],
            },
          },
        ],
      },
    },
  ],
  [
    'exists true and false',
    [{ a: { exists: true }, b: { exists: false } }],
    {
      bool: {
        must: [
          { bool: { must: [{ exists: { field: 'a' } }] } },
          { bool: { must: [{ bool: { must_not: { exists: { field: 'b' } } } }] } },
        ],
      },
    },
  ],
  [
    'and / or / not combinators',
    [
      {
        and: [{ a: { eq: 1 } }],
        or: [{ b: { eq: true } }, { c: { match: 'x' } }],
        not: { d: { eq: 'z' } },
      },
    ],
    {
      bool: {
        must: [
          { bool: { must: [{ bool: { must: [{ bool: { must: [{ term: { a: 1 } }] } }] } }] } },
          {
            bool: {
              should: [
                { bool: { must: [{ bool: { must: [{ term: { b: true } }] } }] } },
                { bool: { must: [{ bool: { must: [{ match: { c: 'x' } }] } }] } },
              ],
            },
          },
          { bool: { must_not: { bool: { must: [{ bool: { must: [{ term: { d: 'z' } }] } }] } } } },
        ],
      },
    },
  ],
  [
    'a nested object addresses a dotted field; null operators are skipped',
    [{ author: { name: { eq: 'Ann' }, age: { gt: null } } }],
    { bool: { must: [{ bool: { must: [{ term: { 'author.name': 'Ann' } }] } }] } },
  ],
  ['an empty object is an empty must', [{}], { bool: { must: [] } }],
];

const searchErrors: readonly ErrorCase[] = [
  ['rejects a non-object query', [42]],
  ['rejects an unknown operator', [{ a: { contains: 'x' } }]],
  ['rejects range with one bound', [{ a: { range: [1] } }]],
  ['rejects exists with a string', [{ a: { exists: 'yes' } }]],
  ['rejects wildcard with a number', [{ a: { wildcard: 1 } }]],
  ['rejects and with an object', [{ and: { a: { eq: 1 } } }]],
  ['rejects not with an array', [{ not: [{ a: { eq: 1 } }] }]],
  ['rejects a non-object or entry', [{ or: ['a'] }]],
];

for (const target of conformanceTargets()) {
  describe(`util.transform (${target.name})`, () => {
    describe('toDynamoDBFilterExpression', () => {
      it.each(filterCases)('%s', (_behaviour, args, expected) => {
        expectJson(target, 'toDynamoDBFilterExpression', args, expected);
      });
      it.each(attributeTypeCases)('attributeType %s → %s', (name, code) => {
        expectJson(
          target,
          'toDynamoDBFilterExpression',
          [{ a: { attributeType: name } }],
          ddb(
            '(attribute_type(#a,:a_attributeType))',
            { '#a': 'a' },
            { ':a_attributeType': { S: code } },
          ),
        );
      });
      it.each(filterErrors)('%s', (_behaviour, args) => {
        expectError(target, 'toDynamoDBFilterExpression', args);
      });
    });

    describe('toDynamoDBConditionExpression', () => {
      it.each(conditionCases)('%s', (_behaviour, args, expected) => {
        expectJson(target, 'toDynamoDBConditionExpression', args, expected);
      });
      it.each(filterCases.slice(1))(
        'accepts the filter grammar: %s',
        (_behaviour, args, expected) => {
          expectJson(target, 'toDynamoDBConditionExpression', args, expected);
        },
      );
      it.each(conditionErrors)('%s', (_behaviour, args) => {
        expectError(target, 'toDynamoDBConditionExpression', args);
      });
    });

    describe('toSubscriptionFilter', () => {
      it.each(subscriptionCases)('%s', (_behaviour, args, expected) => {
        expectObject(target, 'toSubscriptionFilter', args, expected);
      });
      it.each(subscriptionOperatorCases)(
        'operator %s passes through with its value %j',
        (operator, value) => {
          expectObject(target, 'toSubscriptionFilter', [{ f: { [operator]: value } }], {
            filterGroup: [{ filters: [{ fieldName: 'f', operator, value }] }],
          });
        },
      );
      it.each(subscriptionErrors)('%s', (_behaviour, args) => {
        expectError(target, 'toSubscriptionFilter', args);
      });
    });

    describe('toElasticsearchQueryDSL', () => {
      it.each(searchCases)('%s', (_behaviour, args, expected) => {
        expectJson(target, 'toElasticsearchQueryDSL', args, expected);
      });
      it.each(searchErrors)('%s', (_behaviour, args) => {
        expectError(target, 'toElasticsearchQueryDSL', args);
      });
    });
  });
}
