import { objectTotals, type HeapSnapshotJson } from './heap-snapshot';

/** A snapshot in V8's format: nodes of [type, name, self_size], types and strings by index. */
function snapshot(nodes: readonly (readonly [string, string, number])[]): HeapSnapshotJson {
  const types = [
    'hidden',
    'array',
    'string',
    'object',
    'code',
    'closure',
    'object shape',
    'synthetic',
  ];
  const strings: string[] = [];
  const flat = nodes.flatMap(([type, name, size]) => {
    strings.push(name);
    return [types.indexOf(type), strings.length - 1, size];
  });
  return {
    snapshot: { meta: { node_fields: ['type', 'name', 'self_size'], node_types: [types] } },
    nodes: flat,
    strings,
  };
}

describe('the program objects of a heap snapshot', () => {
  it.each([
    [
      'counts objects, arrays, strings and closures',
      [
        ['object', 'Queue', 100],
        ['array', '', 20],
        ['string', 'abc', 16],
        ['closure', 'f', 32],
      ],
      168,
    ],
    [
      "leaves V8's compiled code and internals out",
      [
        ['code', '(code deopt data)', 5000],
        ['hidden', 'system / Context', 64],
        ['object shape', 'system / Map', 80],
        ['synthetic', '(GC roots)', 0],
        ['object', 'Queue', 100],
      ],
      100,
    ],
  ] as const)('%s', (_behaviour, nodes, bytes) => {
    expect(objectTotals(snapshot(nodes)).bytes).toBe(bytes);
  });

  it('groups by type and name, strings by their first 40 characters', () => {
    const totals = objectTotals(
      snapshot([
        ['object', 'Queue', 100],
        ['object', 'Queue', 100],
        ['string', `${'x'.repeat(40)}tail one`, 64],
        ['string', `${'x'.repeat(40)}tail two`, 64],
      ]),
    );
    expect(Object.fromEntries(totals.byKind)).toEqual({
      'object:Queue': { count: 2, bytes: 200 },
      [`string:${'x'.repeat(40)}`]: { count: 2, bytes: 128 },
    });
  });
});
