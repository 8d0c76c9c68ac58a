import { matchesArguments } from './arguments';

describe('matchesArguments', () => {
  const message = {
    queue: 'orders',
    groupId: null,
    id: 'm-1',
    seq: 42,
    ratio: 0.5,
    urgent: false,
    status: 'OPEN',
    meta: '{"a":1,"b":[true,null]}',
    count: '7',
  };

  // [what the case shows, supplied arguments, passes]
  const rows: [string, Record<string, unknown>, boolean][] = [
    ['no arguments set no condition', {}, true],
    ['an argument left undefined sets no condition', { queue: undefined }, true],
    ['an equal String argument', { queue: 'orders' }, true],
    ['a different String argument', { queue: 'billing' }, false],
    ['String comparison is case-sensitive', { queue: 'Orders' }, false],
    ['all arguments must hold (one fails)', { queue: 'orders', status: 'CLOSED' }, false],
    ['all arguments must hold (all do)', { queue: 'orders', status: 'OPEN', id: 'm-1' }, true],
    ['an explicit null matches a null field', { groupId: null }, true],
    ['an explicit null matches a missing field', { missing: null }, true],
    ['an explicit null does not match a set field', { queue: null }, false],
    ['a value does not match a null field', { groupId: 'g1' }, false],
    ['a value does not match a missing field', { missing: 'x' }, false],
    ['an ID argument (a string) matches an ID field', { id: 'm-1' }, true],
    ['an ID argument matches a number field by its digits', { seq: '42' }, true],
    ['an ID argument with other digits does not', { seq: '042' }, false],
    ['an Int argument matches a number field', { seq: 42 }, true],
    ['an Int argument does not match another number', { seq: 41 }, false],
    ['a Float argument matches the same number', { ratio: 0.5 }, true],
    ['an Int argument matches a string field holding its digits', { count: 7 }, true],
    ['a Boolean argument matches false', { urgent: false }, true],
    ['a Boolean argument does not match the other value', { urgent: true }, false],
    ['a Boolean argument does not match a string', { queue: true }, false],
    ['an enum argument (its name) matches the serialized enum', { status: 'OPEN' }, true],
    ['an enum argument of another name does not', { status: 'CLOSED' }, false],
    [
      'an AWSJSON argument (parsed) matches the JSON text of the field',
      { meta: { b: [true, null], a: 1 } },
      true,
    ],
    ['an AWSJSON argument that differs does not', { meta: { a: 1, b: [true] } }, false],
    ['a list argument does not match a scalar field', { queue: ['orders'] }, false],
  ];

  it.each(rows)('%s', (_name, args, expected) => {
    expect(matchesArguments(args, message)).toBe(expected);
  });

  describe('against payloads that are not plain objects', () => {
    const payloads: [string, unknown][] = [
      ['null', null],
      ['a list', [{ queue: 'orders' }]],
      ['a string', 'orders'],
    ];

    it.each(payloads)('a supplied value never matches %s', (_name, payload) => {
      expect(matchesArguments({ queue: 'orders' }, payload)).toBe(false);
    });

    it.each(payloads)('an explicit null matches %s, which has no fields', (_name, payload) => {
      expect(matchesArguments({ queue: null }, payload)).toBe(true);
    });
  });

  it('compares object and list fields structurally', () => {
    const payload = { tags: ['a', 'b'], owner: { id: 'u1', roles: ['admin'] } };
    expect(matchesArguments({ tags: ['a', 'b'] }, payload)).toBe(true);
    expect(matchesArguments({ tags: ['b', 'a'] }, payload)).toBe(false);
    expect(matchesArguments({ owner: { roles: ['admin'], id: 'u1' } }, payload)).toBe(true);
    expect(matchesArguments({ owner: { id: 'u1' } }, payload)).toBe(false);
  });

  it('reads only top-level fields: an argument never matches a nested one', () => {
    expect(matchesArguments({ name: 'Ana' }, { author: { name: 'Ana' } })).toBe(false);
  });

  it('ignores inherited properties of the payload', () => {
    expect(matchesArguments({ toString: null }, {})).toBe(true);
    expect(matchesArguments({ constructor: 'Object' }, {})).toBe(false);
  });
});
