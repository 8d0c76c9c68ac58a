import { conformanceTargets } from '../../testing/conformance';

/**
 * `util.rds.toJsonObject` and the same function exported by `@aws-appsync/utils/rds`.
 * "AWS:" cases assert outputs recorded from AppSync via EvaluateCode (localstack/appsync-utils
 * __tests__/__snapshots__/resolvers.test.js.snap, `rds resolvers toJsonObject*`).
 */

const varchar = (name: string) => ({
  isSigned: false,
  isCurrency: false,
  label: name,
  precision: 200,
  typeName: 'VARCHAR',
  scale: 0,
  isAutoIncrement: false,
  isCaseSensitive: false,
  schemaName: '',
  tableName: 'Books',
  type: 12,
  nullable: 0,
  arrayBaseColumnType: 0,
  name,
});

/** The `select * from Books limit 2` result of the AppSync docs and the d.ts comment. */
const booksResult = {
  numberOfRecordsUpdated: 0,
  records: [
    [
      { stringValue: 'Mark Twain' },
      { stringValue: 'Adventures of Huckleberry Finn' },
      { stringValue: '978-1948132817' },
    ],
    [
      { stringValue: 'Jack London' },
      { stringValue: 'The Call of the Wild' },
      { stringValue: '978-1948132275' },
    ],
  ],
  columnMetadata: [varchar('author'), varchar('title'), varchar('ISBN-13')],
};

const booksRows = [
  { author: 'Mark Twain', title: 'Adventures of Huckleberry Finn', 'ISBN-13': '978-1948132817' },
  { author: 'Jack London', title: 'The Call of the Wild', 'ISBN-13': '978-1948132275' },
];

/** Every Data API field kind, a NULL, and columns known by label or by name only. */
const mixedResult = {
  numberOfRecordsUpdated: 0,
  records: [
    [
      { longValue: 12345 },
      { stringValue: 'Mark Twain' },
      { isNull: true },
      { arrayValue: { stringValues: ['a', 'b'] } },
      { booleanValue: true },
      { blobValue: 'aGVsbG8=' },
    ],
    [
      { longValue: 67890 },
      { stringValue: 'Jack London' },
      { doubleValue: 12.34 },
      {
        arrayValue: {
          arrayValues: [
            { booleanValues: [true, false] },
            { doubleValues: [1.234] },
            { longValues: [1, 2] },
            { stringValues: ['a', 'b'] },
          ],
        },
      },
      { booleanValue: false },
      { blobValue: 'd29ybGQ=' },
    ],
  ],
  columnMetadata: [
    { type: 4, typeName: 'serial', label: 'id', tableName: 'Books', isAutoIncrement: true },
    varchar('author'),
    { name: 'optional_double' },
    { name: 'tags' },
    { name: 'is_active', label: 'IS ACTIVE' },
    { name: 'blob_value' },
  ],
};

const mixedRows = [
  {
    id: 12345,
    author: 'Mark Twain',
    tags: ['a', 'b'],
    'IS ACTIVE': true,
    blob_value: 'aGVsbG8=',
  },
  {
    id: 67890,
    author: 'Jack London',
    optional_double: 12.34,
    tags: [[true, false], [1.234], [1, 2], ['a', 'b']],
    'IS ACTIVE': false,
    blob_value: 'd29ybGQ=',
  },
];

const mutationResult = { numberOfRecordsUpdated: 1, generatedFields: [] };

interface Case {
  readonly name: string;
  readonly input: unknown;
  readonly expected: unknown;
}

const recorded: Case[] = [
  {
    name: 'AWS: the docs Books result (JSON string) becomes one row list per statement',
    input: JSON.stringify({ sqlStatementResults: [booksResult] }),
    expected: [booksRows],
  },
  {
    name: 'AWS: every field kind; NULL columns are left out; label wins over name',
    input: JSON.stringify({ sqlStatementResults: [mixedResult] }),
    expected: [mixedRows],
  },
  {
    name: 'AWS: a statement without records (INSERT/UPDATE) gives one empty row',
    input: JSON.stringify({ sqlStatementResults: [mutationResult] }),
    expected: [[{}]],
  },
  {
    name: 'AWS: an update followed by a select gives one list per statement',
    input: JSON.stringify({ sqlStatementResults: [mutationResult, booksResult] }),
    expected: [[{}], booksRows],
  },
];

const own: Case[] = [
  {
    name: 'an already parsed result object is read the same way',
    input: { sqlStatementResults: [booksResult] },
    expected: [booksRows],
  },
  {
    name: 'a select that matched nothing gives an empty list',
    input: JSON.stringify({ sqlStatementResults: [{ ...booksResult, records: [] }] }),
    expected: [[]],
  },
  {
    name: 'no statements give an empty list',
    input: JSON.stringify({ sqlStatementResults: [] }),
    expected: [],
  },
  {
    name: 'the older RDS value kinds and struct values are converted',
    input: {
      sqlStatementResults: [
        {
          records: [
            [
              { bitValue: true },
              { bigIntValue: 9007199254740991 },
              { intValue: 7 },
              { realValue: 1.5 },
              { structValue: { attributes: [{ stringValue: 'x' }, { isNull: true }] } },
            ],
          ],
          columnMetadata: [
            { name: 'bit' },
            { name: 'big' },
            { name: 'int' },
            { name: 'real' },
            { name: 'struct' },
          ],
        },
      ],
    },
    expected: [[{ bit: true, big: 9007199254740991, int: 7, real: 1.5, struct: ['x', null] }]],
  },
  {
    name: 'an empty label falls back to the column name',
    input: {
      sqlStatementResults: [
        { records: [[{ stringValue: 'v' }]], columnMetadata: [{ label: '', name: 'col' }] },
      ],
    },
    expected: [[{ col: 'v' }]],
  },
  {
    name: 'a field beyond the column metadata is left out',
    input: {
      sqlStatementResults: [
        {
          records: [[{ stringValue: 'a' }, { stringValue: 'b' }]],
          columnMetadata: [{ name: 'first' }],
        },
      ],
    },
    expected: [[{ first: 'a' }]],
  },
];

const invalid: Case[] = [
  { name: 'text that is not JSON gives null', input: 'not json', expected: null },
  { name: 'null gives null', input: null, expected: null },
  { name: 'a number gives null', input: 42, expected: null },
  { name: 'an array gives null', input: [booksResult], expected: null },
  { name: 'an object without sqlStatementResults gives null', input: {}, expected: null },
  {
    name: 'sqlStatementResults that is not an array gives null',
    input: { sqlStatementResults: 'nope' },
    expected: null,
  },
  {
    name: 'a statement result that is not an object gives null',
    input: { sqlStatementResults: [1] },
    expected: null,
  },
];

for (const target of conformanceTargets()) {
  describe(target.name, () => {
    describe.each(['util.rds.toJsonObject', 'rds.toJsonObject'])('%s', (path) => {
      it.each([...recorded, ...own, ...invalid])('$name', ({ input, expected }) => {
        const outcome = target.call(path, [input]);
        expect(outcome).toEqual({ value: expected, record: expect.anything() });
      });
    });

    it('keeps the column order in each row', () => {
      const outcome = target.call('util.rds.toJsonObject', [
        JSON.stringify({ sqlStatementResults: [booksResult] }),
      ]);
      expect(
        'value' in outcome && Object.keys((outcome.value as object[][])[0]?.[0] ?? {}),
      ).toEqual(['author', 'title', 'ISBN-13']);
    });
  });
}
