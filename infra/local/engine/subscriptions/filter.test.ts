import { runInNewContext } from 'node:vm';
import { toSubscriptionFilter } from '../../runtime/realm/util/transform/subscription';
import {
  SUBSCRIPTION_FILTER_LIMITS,
  checkSubscriptionFilter,
  matchesFilter,
  valueAtPath,
  type SubscriptionFilter,
  type SubscriptionFilterEntry,
} from './filter';

/** A filter of one group holding one entry. */
function single(fieldName: string, operator: string, value: unknown): unknown {
  return { filterGroup: [{ filters: [{ fieldName, operator, value }] }] };
}

function checked(filter: unknown): SubscriptionFilter {
  const result = checkSubscriptionFilter(filter);
  if (!result.ok) {
    throw new Error(`expected the filter to be accepted, got: ${result.message}`);
  }
  return result.filter;
}

function message(filter: unknown): string {
  const result = checkSubscriptionFilter(filter);
  if (result.ok) {
    throw new Error(`expected the filter to be refused: ${JSON.stringify(filter)}`);
  }
  return result.message;
}

function matches(operator: string, value: unknown, field: unknown): boolean {
  const payload = field === undefined ? {} : { f: field };
  return matchesFilter(checked(single('f', operator, value)), payload);
}

const group = (...filters: unknown[]) => ({ filters });
const entry = (fieldName: string, operator: string, value: unknown) => ({
  fieldName,
  operator,
  value,
});
const long = (n: number) => 'x'.repeat(n);

describe('checkSubscriptionFilter', () => {
  describe('accepts what AppSync accepts', () => {
    const accepted: [string, unknown][] = [
      [
        'the docs example',
        {
          filterGroup: [
            { filters: [entry('userId', 'eq', 1)] },
            { filters: [entry('group', 'in', ['Admin', 'Developer'])] },
          ],
        },
      ],
      ['eq on a boolean', single('done', 'eq', true)],
      ['eq null (the field is null or missing)', single('owner', 'eq', null)],
      ['ne null', single('owner', 'ne', null)],
      [
        'every comparison on numbers',
        {
          filterGroup: [
            group(
              entry('a', 'lt', 1),
              entry('b', 'le', 1.5),
              entry('c', 'gt', -1),
              entry('d', 'ge', 0),
              entry('e', 'between', [1, 2]),
            ),
          ],
        },
      ],
      [
        'every comparison on strings',
        {
          filterGroup: [
            group(
              entry('a', 'lt', 'b'),
              entry('b', 'le', 'c'),
              entry('c', 'gt', 'a'),
              entry('d', 'ge', ''),
              entry('e', 'between', ['a', 'm']),
            ),
          ],
        },
      ],
      [
        'contains and notContains on each scalar type',
        {
          filterGroup: [
            group(
              entry('a', 'contains', 'x'),
              entry('b', 'notContains', 2),
              entry('c', 'contains', false),
            ),
          ],
        },
      ],
      ['beginsWith', single('title', 'beginsWith', 'Hello')],
      [
        'in and notIn with five values',
        {
          filterGroup: [
            group(entry('a', 'in', [1, 2, 3, 4, 5]), entry('b', 'notIn', ['a', 2, 'c', 4, 'e'])),
          ],
        },
      ],
      [
        'containsAny with twenty values',
        single(
          'tags',
          'containsAny',
          Array.from({ length: 20 }, (_, i) => `t${i}`),
        ),
      ],
      ['containsAny with mixed scalars', single('tags', 'containsAny', ['a', 1, true])],
      [
        'ten groups',
        { filterGroup: Array.from({ length: 10 }, (_, i) => group(entry('a', 'eq', i))) },
      ],
      [
        'five filters in a group',
        { filterGroup: [group(...['a', 'b', 'c', 'd', 'e'].map((f) => entry(f, 'eq', 1)))] },
      ],
      [
        'the same fieldName in different groups',
        { filterGroup: [group(entry('a', 'gt', 5)), group(entry('a', 'lt', 0))] },
      ],
      [
        'ten alternatives after expanding in',
        {
          filterGroup: [
            group(entry('a', 'in', [1, 2, 3, 4, 5])),
            group(entry('b', 'in', [1, 2, 3, 4, 5])),
          ],
        },
      ],
      ['a fieldName five levels deep', single('a.b.c.d.e', 'eq', 1)],
      ['a fieldName of 256 characters', single(long(256), 'eq', 1)],
      ['a string value of 256 characters', single('a', 'eq', long(256))],
      ['no groups', { filterGroup: [] }],
      ['a group without filters', { filterGroup: [group()] }],
    ];

    it.each(accepted)('%s', (_name, filter) => {
      expect(checked(filter)).toEqual(filter);
    });
  });

  it('accepts what util.transform.toSubscriptionFilter produces', () => {
    const produced = toSubscriptionFilter(
      {
        severity: { ge: 3 },
        status: { in: ['open', 'new'] },
        or: [{ group: { eq: 'a' } }, { tags: { containsAny: ['x', 'y'] } }],
      },
      undefined,
      undefined,
    );
    expect(checked(produced)).toEqual(produced);
  });

  it('accepts a filter built in another realm (the resolver sandbox) and returns a copy of it', () => {
    const foreign: unknown = runInNewContext(
      '({ filterGroup: [{ filters: [{ fieldName: "queue", operator: "in", value: ["a", "b"] }] }] })',
    );
    const result = checked(foreign);
    expect(result).toEqual({
      filterGroup: [{ filters: [{ fieldName: 'queue', operator: 'in', value: ['a', 'b'] }] }],
    });
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    const value = (result.filterGroup[0]?.filters[0] as SubscriptionFilterEntry).value;
    expect(value).toBeInstanceOf(Array);
    expect(result.filterGroup).toBeInstanceOf(Array);
    expect(result.filterGroup[0]?.filters).toBeInstanceOf(Array);
    expect(value).not.toBe(
      (foreign as { filterGroup: { filters: { value: unknown }[] }[] }).filterGroup[0]?.filters[0]
        ?.value,
    );
  });

  it('refuses a filter whose getter throws, instead of throwing', () => {
    const filter = {
      get filterGroup(): unknown {
        throw new Error('boom');
      },
    };
    expect(message(filter)).toMatchInlineSnapshot(
      `"The subscription filter could not be read: boom"`,
    );
  });

  describe('refuses what breaks the grammar or a limit, naming what it received', () => {
    const refused: Record<string, unknown> = {
      'not an object': 42,
      'a JSON string': '{"filterGroup":[]}',
      'no filterGroup': { filters: [] },
      'filterGroup not an array': { filterGroup: { filters: [] } },
      'eleven groups': {
        filterGroup: Array.from({ length: 11 }, (_, i) => group(entry('a', 'eq', i))),
      },
      'a group that is not an object': { filterGroup: [[entry('a', 'eq', 1)]] },
      'a group without a filters array': { filterGroup: [{ filter: [] }] },
      'six filters in a group': {
        filterGroup: [group(...['a', 'b', 'c', 'd', 'e', 'f'].map((f) => entry(f, 'eq', 1)))],
      },
      'one fieldName twice in a group': {
        filterGroup: [group(entry('severity', 'ge', 1), entry('severity', 'le', 5))],
      },
      'six distinct fieldNames across groups': {
        filterGroup: [
          group(entry('a', 'eq', 1), entry('b', 'eq', 1), entry('c', 'eq', 1)),
          group(entry('d', 'eq', 1), entry('e', 'eq', 1), entry('f', 'eq', 1)),
        ],
      },
      'eleven alternatives after expanding in': {
        filterGroup: [
          group(entry('a', 'in', [1, 2, 3, 4, 5])),
          group(entry('b', 'in', [1, 2, 3, 4, 5])),
          group(entry('c', 'eq', 1)),
        ],
      },
      'two in lists multiplying past ten': {
        filterGroup: [group(entry('a', 'in', [1, 2, 3, 4]), entry('b', 'in', [1, 2, 3]))],
      },
      'an entry that is not an object': { filterGroup: [group('a eq 1')] },
      'a missing fieldName': { filterGroup: [group({ operator: 'eq', value: 1 })] },
      'an empty fieldName': single('', 'eq', 1),
      'a fieldName of 257 characters': single(long(257), 'eq', 1),
      'a fieldName six levels deep': single('a.b.c.d.e.f', 'eq', 1),
      'a fieldName with an empty level': single('author..name', 'eq', 1),
      'an unknown operator': single('a', 'like', 'x%'),
      'a missing operator': { filterGroup: [group({ fieldName: 'a', value: 1 })] },
      'eq with an object': single('a', 'eq', { b: 1 }),
      'eq with a list': single('a', 'eq', [1]),
      'eq without a value': { filterGroup: [group({ fieldName: 'a', operator: 'eq' })] },
      'eq with NaN': single('a', 'eq', Number.NaN),
      'eq with a string of 257 characters': single('a', 'eq', long(257)),
      'gt with a boolean': single('a', 'gt', true),
      'le with null': single('a', 'le', null),
      'contains with a list': single('a', 'contains', ['x']),
      'beginsWith with a number': single('a', 'beginsWith', 1),
      'in with a single value': single('a', 'in', 'x'),
      'in with an empty list': single('a', 'in', []),
      'in with six values': single('a', 'in', [1, 2, 3, 4, 5, 6]),
      'notIn with six values': single('a', 'notIn', [1, 2, 3, 4, 5, 6]),
      'in with a boolean': single('a', 'in', [true]),
      'in with a long string': single('a', 'in', ['ok', long(300)]),
      'containsAny with an empty list': single('a', 'containsAny', []),
      'containsAny with twenty-one values': single(
        'a',
        'containsAny',
        Array.from({ length: 21 }, (_, i) => i),
      ),
      'containsAny with null inside': single('a', 'containsAny', ['x', null]),
      'between with one value': single('a', 'between', [1]),
      'between with three values': single('a', 'between', [1, 2, 3]),
      'between with mixed bounds': single('a', 'between', [1, 'z']),
      'between with an object bound': single('a', 'between', [1, {}]),
    };

    it.each(Object.entries(refused))('%s', (_name, filter) => {
      expect(checkSubscriptionFilter(filter).ok).toBe(false);
    });

    it('says what was received and what the limit is', () => {
      const messages = Object.fromEntries(
        Object.entries(refused).map(([name, filter]) => [name, message(filter)]),
      );
      expect(messages).toMatchInlineSnapshot(`
{
  "a JSON string": "A subscription filter must be an object {"filterGroup": [...]}; got "{\\"filterGroup\\":[]}".",
  "a fieldName of 257 characters": "filterGroup[0].filters[0].fieldName has 257 characters; a fieldName is limited to 256.",
  "a fieldName six levels deep": "filterGroup[0].filters[0].fieldName "a.b.c.d.e.f" is nested 6 levels deep; at most 5 levels are allowed.",
  "a fieldName with an empty level": "filterGroup[0].filters[0].fieldName "author..name" has an empty level; write nested fields as "parent.child".",
  "a group that is not an object": "filterGroup[0] must be an object {"filters": [...]}; got [{"fieldName":"a","operator":"eq","value":1}].",
  "a group without a filters array": "filterGroup[0].filters must be an array of filters; got undefined.",
  "a missing fieldName": "filterGroup[0].filters[0].fieldName must be a non-empty string; got undefined.",
  "a missing operator": "filterGroup[0].filters[0].operator undefined is not a subscription filter operator; expected one of eq, ne, le, lt, ge, gt, contains, notContains, beginsWith, in, notIn, between, containsAny.",
  "an empty fieldName": "filterGroup[0].filters[0].fieldName must be a non-empty string; got "".",
  "an entry that is not an object": "filterGroup[0].filters[0] must be an object {"fieldName", "operator", "value"}; got "a eq 1".",
  "an unknown operator": "filterGroup[0].filters[0].operator "like" is not a subscription filter operator; expected one of eq, ne, le, lt, ge, gt, contains, notContains, beginsWith, in, notIn, between, containsAny.",
  "beginsWith with a number": "filterGroup[0].filters[0].value must be a string; got 1.",
  "between with an object bound": "filterGroup[0].filters[0].value[1] must be a string or a number; got {}.",
  "between with mixed bounds": "subscription filter has invalid filter value for operator \`between\`: filterGroup[0].filters[0].value mixes a number and a string; both bounds must be numbers or both strings.",
  "between with one value": "subscription filter has invalid filter value for operator \`between\`: filterGroup[0].filters[0].value must be an array of exactly two values [low, high]; got [1].",
  "between with three values": "subscription filter has invalid filter value for operator \`between\`: filterGroup[0].filters[0].value must be an array of exactly two values [low, high]; got [1,2,3].",
  "contains with a list": "filterGroup[0].filters[0].value must be a string, a number or a boolean; got ["x"].",
  "containsAny with an empty list": "subscription filter has invalid filter value for operator \`containsAny\`: filterGroup[0].filters[0].value must be a non-empty array of at most 20 values; got [].",
  "containsAny with null inside": "filterGroup[0].filters[0].value[1] must be a string, a number or a boolean; got null.",
  "containsAny with twenty-one values": "subscription filter has invalid filter value for operator \`containsAny\`: filterGroup[0].filters[0].value has 21 values; at most 20 are allowed.",
  "eleven alternatives after expanding in": "Filters combination exceed maximum limit 10: the filter expands to 11 alternatives (one per group, times the number of values of each "in").",
  "eleven groups": "filterGroup has 11 groups; at most 10 are allowed.",
  "eq with NaN": "filterGroup[0].filters[0].value must be a finite number; got NaN.",
  "eq with a list": "filterGroup[0].filters[0].value must be a string, a number or a boolean; got [1].",
  "eq with a string of 257 characters": "filterGroup[0].filters[0].value is a string of 257 characters; strings are limited to 256.",
  "eq with an object": "filterGroup[0].filters[0].value must be a string, a number or a boolean; got {"b":1}.",
  "eq without a value": "filterGroup[0].filters[0].value must be a string, a number or a boolean; got undefined.",
  "filterGroup not an array": "filterGroup must be an array of filter groups; got {"filters":[]}.",
  "gt with a boolean": "filterGroup[0].filters[0].value must be a string or a number; got true.",
  "in with a boolean": "filterGroup[0].filters[0].value[0] must be a string or a number; got true.",
  "in with a long string": "filterGroup[0].filters[0].value[1] is a string of 300 characters; strings are limited to 256.",
  "in with a single value": "subscription filter has invalid filter value for operator \`in\`: filterGroup[0].filters[0].value must be a non-empty array of at most 5 values; got "x".",
  "in with an empty list": "subscription filter has invalid filter value for operator \`in\`: filterGroup[0].filters[0].value must be a non-empty array of at most 5 values; got [].",
  "in with six values": "subscription filter has invalid filter value for operator \`in\`: filterGroup[0].filters[0].value has 6 values; at most 5 are allowed.",
  "le with null": "filterGroup[0].filters[0].value must be a string or a number; got null.",
  "no filterGroup": "filterGroup must be an array of filter groups; got undefined.",
  "not an object": "A subscription filter must be an object {"filterGroup": [...]}; got 42.",
  "notIn with six values": "subscription filter has invalid filter value for operator \`notIn\`: filterGroup[0].filters[0].value has 6 values; at most 5 are allowed.",
  "one fieldName twice in a group": "filter uses same fieldName multiple time: "severity" appears more than once in filterGroup[0].filters; each fieldName may be used once per group.",
  "six distinct fieldNames across groups": "Filters exceed maximum attributes limit 5: the filter uses 6 distinct fieldNames (a, b, c, d, e, f).",
  "six filters in a group": "Filters exceed maximum attributes limit 5: filterGroup[0].filters has 6 filters; a group holds at most 5.",
  "two in lists multiplying past ten": "Filters combination exceed maximum limit 10: the filter expands to 12 alternatives (one per group, times the number of values of each "in").",
}
`);
    });
  });

  it('publishes its limits', () => {
    expect(SUBSCRIPTION_FILTER_LIMITS).toEqual({
      groups: 10,
      filtersPerGroup: 5,
      fieldNames: 5,
      combinations: 10,
      inValues: 5,
      containsAnyValues: 20,
      stringLength: 256,
      depth: 5,
    });
  });
});

describe('matchesFilter', () => {
  // [operator, filter value, payload field (undefined: missing), passes]
  type Row = [string, unknown, unknown, boolean];

  const table: Record<string, Row[]> = {
    eq: [
      ['eq', 'open', 'open', true],
      ['eq', 'open', 'Open', false],
      ['eq', 3, 3, true],
      ['eq', 3, 3.0, true],
      ['eq', 3, '3', false],
      ['eq', '3', 3, false],
      ['eq', true, true, true],
      ['eq', true, 'true', false],
      ['eq', false, null, false],
      ['eq', 'open', undefined, false],
      ['eq', 'a', ['a'], false],
      ['eq', null, null, true],
      ['eq', null, undefined, true],
      ['eq', null, '', false],
      ['eq', null, 0, false],
    ],
    ne: [
      ['ne', 'open', 'closed', true],
      ['ne', 'open', 'open', false],
      ['ne', 'open', 'OPEN', true],
      ['ne', 3, '3', true],
      ['ne', 'open', null, true],
      ['ne', 'open', undefined, true],
      ['ne', null, 'x', true],
      ['ne', null, null, false],
      ['ne', null, undefined, false],
    ],
    comparisons: [
      ['lt', 5, 4, true],
      ['lt', 5, 5, false],
      ['le', 5, 5, true],
      ['le', 5, 5.5, false],
      ['gt', 5, 6, true],
      ['gt', 5, 5, false],
      ['ge', 5, 5, true],
      ['ge', 5, -1, false],
      ['gt', 0.5, 0.75, true],
      ['lt', 'b', 'a', true],
      ['lt', 'b', 'b', false],
      ['ge', '2024-01-01', '2024-06-30T10:00:00Z', true],
      ['lt', 'a', 'B', true],
      ['gt', 'a', 'b', true],
      ['gt', 'a', 'B', false],
      ['lt', 10, '9', false],
      ['gt', '9', 10, false],
      ['ge', 0, null, false],
      ['le', 0, undefined, false],
      ['ge', 1, true, false],
      ['lt', 5, [1], false],
    ],
    between: [
      ['between', [1, 5], 1, true],
      ['between', [1, 5], 5, true],
      ['between', [1, 5], 3.5, true],
      ['between', [1, 5], 0, false],
      ['between', [1, 5], 6, false],
      ['between', [5, 1], 3, false],
      ['between', ['b', 'd'], 'c', true],
      ['between', ['b', 'd'], 'd', true],
      ['between', ['b', 'd'], 'da', false],
      ['between', [1, 5], '3', false],
      ['between', [1, 5], undefined, false],
    ],
    beginsWith: [
      ['beginsWith', 'Hello', 'Hello World', true],
      ['beginsWith', 'Hello', 'Hello', true],
      ['beginsWith', 'Hello', 'hello world', false],
      ['beginsWith', 'World', 'Hello World', false],
      ['beginsWith', '', 'anything', true],
      ['beginsWith', '1', 12, false],
      ['beginsWith', 'a', ['abc'], false],
      ['beginsWith', 'a', undefined, false],
    ],
    contains: [
      ['contains', 'World', 'Hello World', true],
      ['contains', 'world', 'Hello World', false],
      ['contains', 'x', 'Hello', false],
      ['contains', 'admin', ['user', 'admin'], true],
      ['contains', 'Admin', ['user', 'admin'], false],
      ['contains', 2, [1, 2, 3], true],
      ['contains', 2, ['2'], false],
      ['contains', true, [false, true], true],
      ['contains', 'ad', ['admin'], false],
      ['contains', 1, 'a1', false],
      ['contains', 1, 1, false],
      ['contains', 'a', undefined, false],
      ['contains', 'a', null, false],
    ],
    notContains: [
      ['notContains', 'World', 'Hello World', false],
      ['notContains', 'x', 'Hello', true],
      ['notContains', 'admin', ['user', 'admin'], false],
      ['notContains', 'root', ['user', 'admin'], true],
      ['notContains', 'a', undefined, true],
      ['notContains', 'a', null, true],
      ['notContains', 1, 1, true],
    ],
    in: [
      ['in', ['open', 'new'], 'new', true],
      ['in', ['open', 'new'], 'closed', false],
      ['in', ['open', 'new'], 'NEW', false],
      ['in', [1, 2], 2, true],
      ['in', [1, 2], '2', false],
      ['in', ['a', 1], 1, true],
      ['in', ['a'], ['a'], false],
      ['in', ['a'], undefined, false],
      ['in', ['a'], null, false],
    ],
    notIn: [
      ['notIn', ['open', 'new'], 'closed', true],
      ['notIn', ['open', 'new'], 'open', false],
      ['notIn', [1, 2], '1', true],
      ['notIn', ['a'], undefined, true],
      ['notIn', ['a'], null, true],
    ],
    containsAny: [
      ['containsAny', ['a', 'b'], ['b', 'c'], true],
      ['containsAny', ['a', 'b'], ['c', 'd'], false],
      ['containsAny', ['a', 'b'], [], false],
      ['containsAny', [1, 2], [2], true],
      ['containsAny', [1, 2], ['1', '2'], false],
      ['containsAny', [true], [true], true],
      ['containsAny', ['a'], 'a', false],
      ['containsAny', ['a'], 'abc', false],
      ['containsAny', ['a'], undefined, false],
      ['containsAny', ['a'], null, false],
    ],
  };

  describe.each(Object.entries(table))('%s', (_name, rows) => {
    it.each(rows)('%s %j against %j → %s', (operator, value, field, expected) => {
      expect(matches(operator, value, field)).toBe(expected);
    });
  });

  describe('groups', () => {
    const filter = checked({
      filterGroup: [
        group(entry('severity', 'ge', 3), entry('status', 'eq', 'open')),
        group(entry('priority', 'eq', 'high')),
      ],
    });

    const rows: [string, unknown, boolean][] = [
      ['every filter of the first group holds', { severity: 4, status: 'open' }, true],
      [
        'one filter of the first group fails and no other group holds',
        { severity: 4, status: 'closed' },
        false,
      ],
      ['only the second group holds', { severity: 1, status: 'closed', priority: 'high' }, true],
      ['both groups hold', { severity: 5, status: 'open', priority: 'high' }, true],
      ['no group holds', { severity: 1, priority: 'low' }, false],
      ['the payload is null', null, false],
      ['the payload is a list', [{ priority: 'high' }], false],
    ];

    it.each(rows)('passes when %s: %j → %s', (_name, payload, expected) => {
      expect(matchesFilter(filter, payload)).toBe(expected);
    });

    it('passes everything when the filter has no groups', () => {
      expect(matchesFilter(checked({ filterGroup: [] }), { a: 1 })).toBe(true);
    });

    it('passes everything through a group without filters', () => {
      const withEmpty = checked({ filterGroup: [group(entry('a', 'eq', 2)), group()] });
      expect(matchesFilter(withEmpty, { a: 1 })).toBe(true);
    });
  });

  describe('dot paths', () => {
    const payload = {
      author: { name: 'Ana', address: { city: 'Lisbon', geo: { zone: { code: 'PT-11' } } } },
      tags: ['a', 'b'],
      comments: [{ author: 'Bo' }],
      'plain.key': 'dotted',
      empty: null,
    };

    const rows: [string, unknown][] = [
      ['author.name', 'Ana'],
      ['author.address.city', 'Lisbon'],
      ['author.address.geo.zone.code', 'PT-11'],
      ['author.missing', undefined],
      ['author.name.first', undefined],
      ['empty.child', undefined],
      ['comments.author', undefined],
      ['comments.0.author', undefined],
      ['tags.length', undefined],
      ['plain.key', undefined],
      ['author.toString', undefined],
      ['constructor', undefined],
    ];

    it.each(rows)('%s reads %j', (path, expected) => {
      expect(valueAtPath(payload, path)).toEqual(expected);
    });

    it('filters on a nested field', () => {
      const filter = checked(single('author.address.city', 'beginsWith', 'Lis'));
      expect(matchesFilter(filter, payload)).toBe(true);
      expect(matchesFilter(filter, { author: { address: { city: 'Porto' } } })).toBe(false);
      expect(matchesFilter(filter, { author: null })).toBe(false);
    });

    it('cannot filter inside a list of objects', () => {
      expect(matchesFilter(checked(single('comments.author', 'eq', 'Bo')), payload)).toBe(false);
    });
  });
});
