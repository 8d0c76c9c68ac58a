import { buildSchema, getIntrospectionQuery, getOperationAST, parse } from 'graphql';
import type { Caller, Engine, ExecutionResult, GraphQLRequest } from './engine';
import type { EngineAuth } from './execution/auth';
import {
  depthLimitErrors,
  depthLimitMessage,
  operationDepth,
  resolveQueryLimits,
  withQueryLimits,
} from './limits';
import type { SubscriptionSink } from './subscriptions/types';

/** The shape of AWS's own example: a type that nests itself, lists and a non-null field. */
const schema = buildSchema(`
  type Query { nextLayer: Layer value: Int layers: [Layer!]! }
  type Mutation { touch: Layer }
  type Subscription { onTouch: Layer }
  type Layer { nextLayer: Layer value: Int required: Layer! layers: [Layer!]! }
`);

/** The example query of AWS's guide ("Configuring query depth limits"). */
const GUIDE_QUERY = `query MyQuery {
  L1: nextLayer {
    L2: nextLayer {
      L3: nextLayer {
        L4: value
      }
    }
  }
}`;

function depthOf(query: string, operationName?: string): number {
  const document = parse(query);
  const operation = getOperationAST(document, operationName);
  if (!operation) {
    throw new Error(`No operation ${operationName ?? ''} in ${query}`);
  }
  return operationDepth(document, operation);
}

function errorsOf(query: string, limit: number) {
  const document = parse(query);
  const operation = getOperationAST(document);
  if (!operation) {
    throw new Error(`No single operation in ${query}`);
  }
  return depthLimitErrors(document, operation, limit);
}

/**
 * Thirty fragments, each spreading the next twice: 2^30 field paths from a small document. A walk
 * that followed every spread would not end within the test's timeout; one that measures each
 * fragment once (or stops at its step budget) ends at once.
 */
const DOUBLING_FRAGMENTS = `{ nextLayer { ...F0 } } ${Array.from(
  { length: 30 },
  (_, level) =>
    `fragment F${level} on Layer { a: nextLayer { ...F${level + 1} } b: nextLayer { ...F${level + 1} } }`,
).join('\n')} fragment F30 on Layer { value }`;

describe('operationDepth counts field levels as AppSync does', () => {
  it.each([
    ['a root scalar', '{ value }', undefined, 1],
    ['__typename alone', '{ __typename }', undefined, 1],
    ['one nested level', '{ nextLayer { value } }', undefined, 2],
    ["the guide's query, scalar leaf included", GUIDE_QUERY, undefined, 4],
    ['inline fragments adding no level', '{ nextLayer { ... on Layer { value } } }', undefined, 2],
    [
      'a fragment spread at its place of use',
      '{ nextLayer { ...F } } fragment F on Layer { nextLayer { value } }',
      undefined,
      3,
    ],
    [
      'the deepest of several branches',
      '{ value nextLayer { value } layers { nextLayer { nextLayer { value } } } }',
      undefined,
      4,
    ],
    [
      'the operation chosen by name',
      'query A { value } query B { nextLayer { nextLayer { value } } }',
      'B',
      3,
    ],
    [
      'a fragment cycle (invalid) without looping',
      '{ nextLayer { ...F } } fragment F on Layer { nextLayer { ...F } }',
      undefined,
      2,
    ],
    ['the standard introspection query', getIntrospectionQuery(), undefined, 15],
  ])('%s', (_name, query, operationName, depth) => {
    expect(depthOf(query, operationName)).toBe(depth);
  });

  it('measures a fragment spread thousands of times, each fragment once', () => {
    expect(depthOf(DOUBLING_FRAGMENTS)).toBe(32);
  });
});

describe('depthLimitErrors names each field past the limit as AppSync does', () => {
  it.each([
    [
      "the guide's query at limit 2: L3 fails",
      GUIDE_QUERY,
      2,
      [{ path: ['L1', 'L2', 'L3'], line: 4, column: 7, field: 'nextLayer', depth: 3 }],
    ],
    [
      "the guide's query at limit 3: L4 fails",
      GUIDE_QUERY,
      3,
      [{ path: ['L1', 'L2', 'L3', 'L4'], line: 5, column: 9, field: 'value', depth: 4 }],
    ],
    ["the guide's query at limit 4", GUIDE_QUERY, 4, []],
    [
      'every field past the limit, in document order',
      '{ a: nextLayer { value b: nextLayer { value } } c: layers { value } }',
      1,
      [
        { path: ['a', 'value'], line: 1, column: 18, field: 'value', depth: 2 },
        { path: ['a', 'b'], line: 1, column: 24, field: 'nextLayer', depth: 2 },
        { path: ['c', 'value'], line: 1, column: 61, field: 'value', depth: 2 },
      ],
    ],
    [
      'a fragment field once per place it is spread',
      '{ a: nextLayer { ...F } b: nextLayer { ...F ...F } } fragment F on Layer { value }',
      1,
      [
        { path: ['a', 'value'], line: 1, column: 76, field: 'value', depth: 2 },
        { path: ['b', 'value'], line: 1, column: 76, field: 'value', depth: 2 },
      ],
    ],
  ])('%s', (_name, query, limit, expected) => {
    expect(errorsOf(query, limit)).toEqual(
      expected.map(({ path, line, column, field, depth }) => ({
        path,
        data: null,
        errorType: 'QueryDepthLimitReached',
        errorInfo: null,
        locations: [{ line, column, sourceName: null }],
        message: depthLimitMessage(field, depth, limit),
      })),
    );
  });

  it('lists at most 100 errors for a document that multiplies fields past the limit', () => {
    expect(errorsOf(DOUBLING_FRAGMENTS, 20)).toHaveLength(100);
  });
});

describe('resolveQueryLimits takes the values AppSync takes', () => {
  it.each([
    ['nothing: no depth limit', {}, 0],
    ['0: no depth limit', { queryDepthLimit: 0 }, 0],
    ['the smallest limit', { queryDepthLimit: 1 }, 1],
    ['the largest limit', { queryDepthLimit: 75 }, 75],
  ])('accepts %s', (_name, limits, depth) => {
    expect(resolveQueryLimits(limits)).toEqual({ queryDepthLimit: depth });
  });

  it.each([
    ['76', 76],
    ['-1', -1],
    ['a fraction', 2.5],
    ['NaN', Number.NaN],
  ])('refuses a depth limit of %s', (_name, queryDepthLimit) => {
    expect(() => resolveQueryLimits({ queryDepthLimit })).toThrow(
      new RangeError(
        `queryDepthLimit must be an integer from 1 to 75, or 0 for no limit; received ${String(queryDepthLimit)}.`,
      ),
    );
  });
});

/** An engine that records what reaches it and answers every request with `{ data: {} }`. */
function recordingEngine(): Engine & { readonly seen: GraphQLRequest[] } {
  const seen: GraphQLRequest[] = [];
  const answer: ExecutionResult = {
    body: { data: {} },
    headers: {},
    operation: { type: 'query' as never, name: null },
  };
  return {
    seen,
    schema,
    auth: {} as EngineAuth,
    subscriptionCount: () => 0,
    close: () => Promise.resolve(),
    execute: (request) => {
      seen.push(request);
      return Promise.resolve(answer);
    },
    subscribe: (request) => {
      seen.push(request);
      return Promise.resolve({ ok: true, fieldName: 'onTouch', unsubscribe: () => undefined });
    },
  };
}

const caller = {} as Caller;
const sink: SubscriptionSink = { deliver: () => undefined, complete: () => undefined };

describe('withQueryLimits applies the depth limit before the engine runs anything', () => {
  it('is the engine itself with no depth limit', () => {
    const engine = recordingEngine();
    expect(withQueryLimits(engine)).toBe(engine);
    expect(withQueryLimits(engine, { queryDepthLimit: 0 })).toBe(engine);
  });

  it.each([
    ['a query within the limit', '{ nextLayer { value } }', null],
    ['a document that does not parse (the engine answers 400)', '{ nextLayer { ', null],
    [
      'a document that fails validation (its errors come first)',
      '{ nextLayer { nextLayer { nextLayer { unknown } } } }',
      null,
    ],
    [
      'a document without the operation named',
      'query A { nextLayer { nextLayer { value } } }',
      'B',
    ],
  ])('passes on %s', async (_name, query, operationName) => {
    const engine = recordingEngine();
    const request = { query, operationName };
    const answer = await withQueryLimits(engine, { queryDepthLimit: 2 }).execute(request, caller);
    expect(answer.body).toEqual({ data: {} });
    expect(engine.seen).toEqual([request]);
  });

  it('answers a query past the limit with data null and its errors, running nothing', async () => {
    const engine = recordingEngine();
    const limited = withQueryLimits(engine, { queryDepthLimit: 2 });
    for (let round = 0; round < 2; round += 1) {
      const answer = await limited.execute({ query: GUIDE_QUERY }, caller);
      expect(answer).toEqual({
        body: { data: null, errors: errorsOf(GUIDE_QUERY, 2) },
        headers: {},
        operation: { type: 'query', name: 'MyQuery' },
      });
    }
    expect(engine.seen).toEqual([]);
  });

  it('checks the operation the request names', async () => {
    const engine = recordingEngine();
    const limited = withQueryLimits(engine, { queryDepthLimit: 2 });
    const query = 'query Flat { value } query Deep { nextLayer { nextLayer { value } } }';
    const flat = await limited.execute({ query, operationName: 'Flat' }, caller);
    const deep = await limited.execute({ query, operationName: 'Deep' }, caller);
    expect(flat.body).toEqual({ data: {} });
    expect(deep.body.errors).toEqual([
      expect.objectContaining({ path: ['nextLayer', 'nextLayer', 'value'] }),
    ]);
  });

  it('refuses a subscription past the limit with the error frame entries', async () => {
    const engine = recordingEngine();
    const limited = withQueryLimits(engine, { queryDepthLimit: 1 });
    const outcome = await limited.subscribe(
      { query: 'subscription { onTouch { value } }' },
      caller,
      sink,
    );
    expect(outcome).toEqual({
      ok: false,
      errors: [
        {
          errorType: 'QueryDepthLimitReached',
          message: depthLimitMessage('value', 2, 1),
          locations: [{ line: 1, column: 26, sourceName: null }],
          path: ['onTouch', 'value'],
        },
      ],
    });
    expect(engine.seen).toEqual([]);
  });

  it('refuses a configuration AppSync would refuse', () => {
    expect(() => withQueryLimits(recordingEngine(), { queryDepthLimit: 100 })).toThrow(RangeError);
  });
});
