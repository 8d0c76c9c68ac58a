import {
  conformanceTargets,
  errorOf,
  type CallOutcome,
  type ConformanceTarget,
} from '../../testing/conformance';
import { emptyRecord } from '../invocation';

/*
 * util.dynamodb conformance. "AWS-recorded" cases are the outputs localstack/appsync-utils recorded
 * from real AppSync with EvaluateCode (__tests__/__snapshots__/index.test.js.snap); "AWS docs" cases
 * are the examples of dynamodb-helpers-in-util-dynamodb-js. Jest sorts keys in those snapshots, so
 * key order is checked separately against the docs, which print the input order.
 */

type ValueCase = readonly [
  behaviour: string,
  fn: string,
  args: readonly unknown[],
  expected: unknown,
];
type ErrorCase = readonly [behaviour: string, fn: string, args: readonly unknown[]];

function call(target: ConformanceTarget, fn: string, args: readonly unknown[]): CallOutcome {
  return target.call(`util.dynamodb.${fn}`, args);
}

const DOCS_MAP = { foo: 'bar', baz: 1234, beep: ['boop'] };
const DOCS_MAP_VALUES = { foo: { S: 'bar' }, baz: { N: 1234 }, beep: { L: [{ S: 'boop' }] } };
const DOCS_LIST = ['foo', 123, { bar: 'baz' }];
const DOCS_LIST_VALUE = { L: [{ S: 'foo' }, { N: 123 }, { M: { bar: { S: 'baz' } } }] };

const recordedCases: readonly ValueCase[] = [
  ['toDynamoDB of a string', 'toDynamoDB', ['test'], { S: 'test' }],
  ['toDynamoDB of a number keeps a JSON number', 'toDynamoDB', [12345], { N: 12345 }],
  ['toDynamoDB of a boolean', 'toDynamoDB', [true], { BOOL: true }],
  ['toString', 'toString', ['test'], { S: 'test' }],
  ['toStringSet', 'toStringSet', [['foo', 'bar', 'baz']], { SS: ['foo', 'bar', 'baz'] }],
  ['toNumber', 'toNumber', [12345], { N: 12345 }],
  ['toNumberSet keeps JSON numbers', 'toNumberSet', [[1, 23, 4.56]], { NS: [1, 23, 4.56] }],
  ['toBinary', 'toBinary', ['foo'], { B: 'foo' }],
  ['toBinarySet', 'toBinarySet', [['foo', 'bar', 'baz']], { BS: ['foo', 'bar', 'baz'] }],
  ['toBoolean', 'toBoolean', [true], { BOOL: true }],
  ['toNull', 'toNull', [], { NULL: null }],
  ['toList', 'toList', [DOCS_LIST], DOCS_LIST_VALUE],
  ['toMap', 'toMap', [DOCS_MAP], { M: DOCS_MAP_VALUES }],
  ['toMapValues', 'toMapValues', [DOCS_MAP], DOCS_MAP_VALUES],
  [
    'toS3Object with three arguments is compact JSON',
    'toS3Object',
    ['foo', 'bar', 'baz'],
    { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' },
  ],
  [
    'toS3Object with a version',
    'toS3Object',
    ['foo', 'bar', 'baz', 'beep'],
    { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz","version":"beep"}}' },
  ],
];

const docsCases: readonly ValueCase[] = [
  ['toDynamoDB of a list', 'toDynamoDB', [DOCS_LIST], DOCS_LIST_VALUE],
  ['toDynamoDB of a map', 'toDynamoDB', [DOCS_MAP], { M: DOCS_MAP_VALUES }],
  ['toString("foo")', 'toString', ['foo'], { S: 'foo' }],
  [
    'fromS3ObjectJson returns key, bucket, region and version',
    'fromS3ObjectJson',
    ['{ "s3" : { "key" : "foo", "bucket" : "bar", "region" : "baz", "version" : "beep" } }'],
    { key: 'foo', bucket: 'bar', region: 'baz', version: 'beep' },
  ],
];

const moreCases: readonly ValueCase[] = [
  ['toDynamoDB of null', 'toDynamoDB', [null], { NULL: null }],
  ['toDynamoDB of a negative decimal', 'toDynamoDB', [-1.5], { N: -1.5 }],
  ['toDynamoDB of an empty map', 'toDynamoDB', [{}], { M: {} }],
  ['toDynamoDB of an empty list', 'toDynamoDB', [[]], { L: [] }],
  [
    'toDynamoDB converts nested values, arrays always to L',
    'toDynamoDB',
    [{ a: [[1, 'x'], { b: null }], c: false }],
    {
      M: {
        a: { L: [{ L: [{ N: 1 }, { S: 'x' }] }, { M: { b: { NULL: null } } }] },
        c: { BOOL: false },
      },
    },
  ],
  [
    'toDynamoDB of a list of strings is L, not SS',
    'toDynamoDB',
    [['a', 'b']],
    { L: [{ S: 'a' }, { S: 'b' }] },
  ],
  ['toString of null', 'toString', [null], null],
  ['toString of an empty string', 'toString', [''], { S: '' }],
  ['toStringSet of null', 'toStringSet', [null], null],
  ['toStringSet of an empty list', 'toStringSet', [[]], { SS: [] }],
  ['toNumber of null', 'toNumber', [null], null],
  ['toNumber of zero', 'toNumber', [0], { N: 0 }],
  ['toNumberSet of null', 'toNumberSet', [null], null],
  ['toBinary of null', 'toBinary', [null], null],
  ['toBinarySet of null', 'toBinarySet', [null], null],
  ['toBoolean of null', 'toBoolean', [null], null],
  ['toBoolean of false', 'toBoolean', [false], { BOOL: false }],
  ['toList of null', 'toList', [null], null],
  ['toList of an empty list', 'toList', [[]], { L: [] }],
  ['toMap of null', 'toMap', [null], null],
  ['toMapValues of null', 'toMapValues', [null], null],
  ['toMapValues of an empty map', 'toMapValues', [{}], {}],
  [
    'toMapValues keeps a "__proto__" key as data',
    'toMapValues',
    [JSON.parse('{"__proto__":"x"}')],
    JSON.parse('{"__proto__":{"S":"x"}}'),
  ],
  [
    'toS3Object with a null version leaves the version out',
    'toS3Object',
    ['foo', 'bar', 'baz', null],
    { S: '{"s3":{"key":"foo","bucket":"bar","region":"baz"}}' },
  ],
  [
    'toS3Object escapes quotes in the key',
    'toS3Object',
    ['a"b', 'bar', 'baz'],
    { S: '{"s3":{"key":"a\\"b","bucket":"bar","region":"baz"}}' },
  ],
  [
    'fromS3ObjectJson without a version',
    'fromS3ObjectJson',
    ['{"s3":{"key":"foo","bucket":"bar","region":"baz"}}'],
    { key: 'foo', bucket: 'bar', region: 'baz' },
  ],
];

const errorCases: readonly ErrorCase[] = [
  ['toString of a number', 'toString', [5]],
  ['toStringSet of a string', 'toStringSet', ['a']],
  ['toStringSet with a number inside', 'toStringSet', [['a', 1]]],
  ['toNumber of a numeric string', 'toNumber', ['12']],
  ['toNumberSet with a string inside', 'toNumberSet', [[1, '2']]],
  ['toBinary of a number', 'toBinary', [1]],
  ['toBinarySet with null inside', 'toBinarySet', [[null]]],
  ['toBoolean of the string "true"', 'toBoolean', ['true']],
  ['toList of a map', 'toList', [{ a: 1 }]],
  ['toMap of a list', 'toMap', [[1]]],
  ['toMap of a string', 'toMap', ['x']],
  ['toMapValues of a number', 'toMapValues', [5]],
  ['toS3Object without a region', 'toS3Object', ['key', 'bucket']],
  ['toS3Object with a numeric version', 'toS3Object', ['key', 'bucket', 'region', 5]],
  ['fromS3ObjectJson of text that is not JSON', 'fromS3ObjectJson', ['not json']],
  [
    // The docs pass a typed value with broken JSON; AWS's recorded evaluation of it produced no result.
    'fromS3ObjectJson of the typed value printed in the docs',
    'fromS3ObjectJson',
    [{ S: '{ "s3" : { "key" : "foo", "bucket" : "bar", "region" : "baz", "version" = "beep" } }' }],
  ],
  ['fromS3ObjectJson without an s3 object', 'fromS3ObjectJson', ['{"key":"foo"}']],
  [
    'fromS3ObjectJson without a bucket',
    'fromS3ObjectJson',
    ['{"s3":{"key":"foo","region":"baz"}}'],
  ],
];

for (const target of conformanceTargets()) {
  describe(`util.dynamodb [${target.name}]`, () => {
    it.each(recordedCases)('AWS-recorded: %s', (_b, fn, args, expected) => {
      expect(call(target, fn, args)).toEqual({ value: expected, record: emptyRecord() });
    });

    it.each(docsCases)('AWS docs: %s', (_b, fn, args, expected) => {
      expect(call(target, fn, args)).toEqual({ value: expected, record: emptyRecord() });
    });

    it.each(moreCases)('%s', (_b, fn, args, expected) => {
      expect(call(target, fn, args)).toEqual({ value: expected, record: emptyRecord() });
    });

    it.each(['toMap', 'toMapValues', 'toDynamoDB'])(
      'AWS docs: %s keeps the input key order',
      (fn) => {
        const outcome = call(target, fn, [DOCS_MAP]);
        const value = 'value' in outcome ? (outcome.value as Record<string, unknown>) : {};
        const map = fn === 'toMapValues' ? value : (value['M'] as Record<string, unknown>);
        expect(Object.keys(map)).toEqual(['foo', 'baz', 'beep']);
      },
    );

    it('toMapValues(obj) equals toMap(obj).M, as the docs state', () => {
      const map = call(target, 'toMap', [DOCS_MAP]);
      const values = call(target, 'toMapValues', [DOCS_MAP]);
      expect('value' in values && values.value).toEqual(
        'value' in map && (map.value as { M: unknown }).M,
      );
    });

    it('fromS3ObjectJson reads what toS3Object writes', () => {
      const written = call(target, 'toS3Object', ['photos/1.jpg', 'bucket', 'eu-west-1', 'v2']);
      const json = 'value' in written ? (written.value as { S: string }).S : '';
      expect(call(target, 'fromS3ObjectJson', [json])).toEqual({
        value: { key: 'photos/1.jpg', bucket: 'bucket', region: 'eu-west-1', version: 'v2' },
        record: emptyRecord(),
      });
    });

    it.each(errorCases)('rejects %s', (_b, fn, args) => {
      const outcome = call(target, fn, args);
      expect(outcome).toEqual({
        error: expect.stringMatching(new RegExp(`^TypeError: util\\.dynamodb\\.${fn}: `)),
        record: emptyRecord(),
      });
      expect(errorOf(outcome)).toMatchSnapshot();
    });
  });
}
