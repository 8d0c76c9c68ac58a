import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { DataSourceRequestError } from '../types';
import {
  fromAttributeValue,
  keyFingerprint,
  sameItem,
  toAttributeMap,
  toAttributeValue,
} from './typed-values';

const bytes = (text: string): Uint8Array => new Uint8Array(Buffer.from(text));

describe('typed values in requests', () => {
  it.each<[string, unknown, AttributeValue]>([
    ['a string', { S: 'a' }, { S: 'a' }],
    ['a number given as a JSON number', { N: 12.5 }, { N: '12.5' }],
    ['a number given as a numeric string', { N: ' -1e3 ' }, { N: '-1e3' }],
    ['a binary given as base64', { B: 'aGk=' }, { B: bytes('hi') }],
    ['a binary whose base64 has line breaks (RFC 2045)', { B: 'aG\nk=' }, { B: bytes('hi') }],
    ['a boolean', { BOOL: false }, { BOOL: false }],
    ['NULL: null, as util.dynamodb writes it', { NULL: null }, { NULL: true }],
    ['NULL: true, as DynamoDB writes it', { NULL: true }, { NULL: true }],
    ['a string set', { SS: ['a', 'b'] }, { SS: ['a', 'b'] }],
    ['a number set of numbers and strings', { NS: [1, '2.5'] }, { NS: ['1', '2.5'] }],
    ['a binary set', { BS: ['aGk='] }, { BS: [bytes('hi')] }],
    ['a list', { L: [{ S: 'a' }, { N: 1 }] }, { L: [{ S: 'a' }, { N: '1' }] }],
    ['a map', { M: { a: { BOOL: true } } }, { M: { a: { BOOL: true } } }],
  ])('converts %s', (_name, typed, expected) => {
    expect(toAttributeValue(typed, '$[key][id]')).toEqual(expected);
  });

  it.each<[string, unknown, string]>([
    [
      'a plain value',
      'abc',
      `Expected a typed value such as { "S": "text" } or { "N": 1 } at '$[key][id]'; received a string "abc".`,
    ],
    [
      'an object with no type key',
      {},
      `Expected exactly one type key (S, N, B, BOOL, NULL, SS, NS, BS, L, M) at '$[key][id]'; received an empty object.`,
    ],
    [
      'an object with two type keys',
      { S: 'a', N: 1 },
      `Expected exactly one type key (S, N, B, BOOL, NULL, SS, NS, BS, L, M) at '$[key][id]'; received an object with keys S, N.`,
    ],
    [
      'an unknown type key',
      { STRING: 'a' },
      `Unknown type key 'STRING' at '$[key][id]'; expected one of S, N, B, BOOL, NULL, SS, NS, BS, L, M.`,
    ],
    [
      'a non-numeric N',
      { N: 'twelve' },
      `Expected a number or a numeric string at '$[key][id][N]'; received a string "twelve".`,
    ],
    ['a non-string S', { S: 1 }, `Expected a string at '$[key][id][S]'; received a number 1.`],
    [
      'NULL: false',
      { NULL: false },
      `Expected null or true at '$[key][id][NULL]'; received a boolean false.`,
    ],
    [
      'a set member of the wrong type',
      { SS: ['a', 2] },
      `Expected a string at '$[key][id][SS][1]'; received a number 2.`,
    ],
    [
      'an untyped value deep in a map',
      { M: { a: { L: [{ S: 'x' }, 'y'] } } },
      `Expected a typed value such as { "S": "text" } or { "N": 1 } at '$[key][id][M][a][L][1]'; received a string "y".`,
    ],
  ])('refuses %s, naming where and what', (_name, typed, message) => {
    expect(() => toAttributeValue(typed, '$[key][id]')).toThrow(
      new DataSourceRequestError(message),
    );
  });

  it('keeps an attribute named __proto__ as an attribute', () => {
    const map = toAttributeMap(JSON.parse('{"__proto__": {"S": "x"}}'), '$[key]');
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    expect(Object.keys(map)).toEqual(['__proto__']);
  });
});

describe('results as plain JSON', () => {
  it.each<[string, AttributeValue, unknown]>([
    ['S as a string', { S: 'a' }, 'a'],
    ['N as a number', { N: '12.50' }, 12.5],
    ['B as base64', { B: bytes('hi') }, 'aGk='],
    ['BOOL as a boolean', { BOOL: true }, true],
    ['NULL as null', { NULL: true }, null],
    ['SS as an array', { SS: ['a', 'b'] }, ['a', 'b']],
    ['NS as an array of numbers', { NS: ['1', '2'] }, [1, 2]],
    ['BS as an array of base64', { BS: [bytes('hi')] }, ['aGk=']],
    ['L as an array', { L: [{ S: 'a' }, { NULL: true }] }, ['a', null]],
    ['M as an object', { M: { a: { N: '1' }, b: { SS: ['x'] } } }, { a: 1, b: ['x'] }],
  ])('returns %s', (_name, value, expected) => {
    expect(fromAttributeValue(value)).toEqual(expected);
  });
});

describe('comparing items for the failed-condition re-check', () => {
  it.each<[string, Record<string, AttributeValue>, Record<string, AttributeValue>, boolean]>([
    ['the same numbers written differently', { n: { N: '1.50' } }, { n: { N: '1.5' } }, true],
    ['exponent and plain notation', { n: { N: '1e2' } }, { n: { N: '100' } }, true],
    ['sets in another order', { s: { SS: ['a', 'b'] } }, { s: { SS: ['b', 'a'] } }, true],
    [
      'maps with keys in another order',
      { m: { M: { a: { S: '1' }, b: { S: '2' } } } },
      { m: { M: { b: { S: '2' }, a: { S: '1' } } } },
      true,
    ],
    [
      'lists in another order',
      { l: { L: [{ S: 'a' }, { S: 'b' }] } },
      { l: { L: [{ S: 'b' }, { S: 'a' }] } },
      false,
    ],
    [
      'a set and a list of the same strings',
      { s: { SS: ['a'] } },
      { s: { L: [{ S: 'a' }] } },
      false,
    ],
    ['a missing attribute', { a: { S: '1' }, b: { S: '2' } }, { a: { S: '1' } }, false],
    ['different numbers', { n: { N: '1' } }, { n: { N: '1.0000000000000000001' } }, false],
  ])('compares %s', (_name, a, b, same) => {
    expect(sameItem(a, b)).toBe(same);
  });

  it('ignores the attributes named in equalsIgnore', () => {
    expect(
      sameItem(
        { id: { S: '1' }, updatedAt: { N: '1' } },
        { id: { S: '1' }, updatedAt: { N: '2' } },
        ['updatedAt'],
      ),
    ).toBe(true);
  });

  it('fingerprints an item by its key attributes only', () => {
    expect(keyFingerprint({ id: { S: '1' }, title: { S: 'x' } }, ['id'])).toBe(
      keyFingerprint({ id: { S: '1' } }, ['id']),
    );
  });
});
