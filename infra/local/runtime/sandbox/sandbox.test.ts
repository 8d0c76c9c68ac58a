import { CodeLoadError, Sandbox, type InvocationOutcome, type LoadedCode } from './sandbox';

let sandbox: Sandbox;

beforeAll(() => {
  sandbox = Sandbox.create({ clock: () => 1_517_943_695_749, budgetMs: 200 });
});

const context = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  arguments: { id: '1' },
  args: { id: '1' },
  stash: {},
  info: {
    fieldName: 'getThing',
    parentTypeName: 'Query',
    variables: {},
    selectionSetList: ['id'],
    selectionSetGraphQL: '{ id }',
  },
  ...extra,
});

/** Loads a module without the deploy-time check, to reach what only the sandbox itself guards. */
function unchecked(code: string): LoadedCode {
  return sandbox.load(code, 'code.js', { check: false });
}

function request(code: LoadedCode, ctx: Record<string, unknown> = context()): InvocationOutcome {
  return sandbox.invoke(code, { handler: 'request', context: ctx });
}

const handler = (body: string): string =>
  `import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n${body}\n}\nexport function response(ctx) {\n  return ctx.result;\n}\n`;

describe('the APPSYNC_JS sandbox', () => {
  describe('isolation', () => {
    it.each([
      ['process', 'return typeof process;'],
      ['require', 'return typeof require;'],
      ['module', 'return typeof module;'],
      ['globalThis', 'return typeof globalThis;'],
      ['setTimeout', 'return typeof setTimeout;'],
      ['setImmediate', 'return typeof setImmediate;'],
      ['fetch', 'return typeof fetch;'],
      ['Promise', 'return typeof Promise;'],
      ['Proxy', 'return typeof Proxy;'],
      ['Buffer', 'return typeof Buffer;'],
      ['eval', 'return typeof eval;'],
    ])('has no %s', (_name, body) => {
      expect(request(unchecked(handler(body)))).toMatchObject({
        kind: 'value',
        value: 'undefined',
      });
    });

    it.each([
      ['a function constructor', "return (() => 1).constructor('return process')();"],
      ['a util function constructor', "return util.autoId.constructor('return process')();"],
      [
        'the constructor of a util result',
        "return util.dynamodb.toMapValues({ a: 1 }).constructor.constructor('return process')();",
      ],
    ])('refuses code generation through %s', (_case, body) => {
      const outcome = request(unchecked(handler(body)));
      expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'Code' } });
      expect(outcome.kind === 'error' && outcome.error.message).toMatch(
        /EvalError: Code generation from strings disallowed/,
      );
    });

    it('gives every invocation a fresh module instance', () => {
      const code = unchecked(
        'let calls = 0;\nexport function request(ctx) {\n  calls = calls + 1;\n  return calls;\n}\nexport function response(ctx) { return null; }\n',
      );
      expect(
        [request(code), request(code), request(code)].map(
          (outcome) => outcome.kind === 'value' && outcome.value,
        ),
      ).toEqual([1, 1, 1]);
    });

    it.each([
      ['a built-in prototype', 'Array.prototype.leak = 1;\nreturn [].leak;'],
      ['the util object', 'util.leak = 1;\nreturn util.leak;'],
      ['a util family', 'util.time.nowISO8601 = null;\nreturn 1;'],
      ['the JSON object', 'JSON.parse = null;\nreturn 1;'],
    ])('refuses changes to %s, so nothing carries over to the next invocation', (_case, body) => {
      const outcome = request(unchecked(handler(body)));
      expect(outcome.kind === 'error' && outcome.error.message).toMatch(
        /TypeError: Cannot (add|assign)/,
      );
      expect(
        request(
          unchecked(
            handler(
              'return typeof [].leak + typeof util.leak + typeof util.time.nowISO8601 + typeof JSON.parse;',
            ),
          ),
        ),
      ).toMatchObject({
        value: 'undefinedundefinedfunctionfunction',
      });
    });

    it.each([
      [
        'a built-in global',
        'Math = null;\nreturn 1;',
        /TypeError: Assignment to constant variable/,
      ],
      [
        'the prototype of BigInts',
        '(1n).__proto__.leak = 1;\nreturn 1;',
        /TypeError: Cannot add property leak/,
      ],
      [
        'the prototype of symbols',
        'Object.getPrototypeOf(Object.getOwnPropertySymbols(Array.prototype)[0]).leak = 1;\nreturn 1;',
        /TypeError: Cannot add property leak/,
      ],
      [
        'the prototype of ctx.info',
        'Object.getPrototypeOf(ctx.info).leak = 1;\nreturn 1;',
        /TypeError: Cannot add property leak/,
      ],
    ])('refuses changes to %s, so nothing carries over', (_case, body, message) => {
      const outcome = request(unchecked(handler(body)));
      expect(outcome.kind === 'error' && outcome.error.message).toMatch(message);
      expect(
        request(
          unchecked(
            handler(
              'const symbol = Object.getOwnPropertySymbols(Array.prototype)[0];\nreturn [typeof Math, (1n).leak, symbol.leak, ctx.info.leak];',
            ),
          ),
        ),
      ).toMatchObject({ value: ['object', null, null, null] });
    });

    it('lets the code’s own declarations shadow globals', () => {
      const code = unchecked(
        "const Math = { floor: () => 'own' };\nfunction JSON() { return 'mine'; }\nexport function request(ctx) {\n  return [Math.floor(1.5), JSON(), typeof Promise, String(1)];\n}\n",
      );
      expect(request(code)).toMatchObject({ value: ['own', 'mine', 'undefined', '1'] });
    });

    it('keeps one invocation’s stash, logs and errors from the next', () => {
      const writer = unchecked(
        handler(
          "ctx.stash.secret = 'x';\nconsole.log('first');\nutil.appendError('first');\nreturn ctx.stash;",
        ),
      );
      const reader = unchecked(handler('return ctx.stash;'));
      expect(request(writer)).toMatchObject({
        value: { secret: 'x' },
        record: { logs: ['INFO - code.js:4:1: "first"'], errors: [{ message: 'first' }] },
      });
      expect(request(reader)).toMatchObject({ value: {}, record: { logs: [], errors: [] } });
    });
  });

  describe('time budget', () => {
    it('stops a loop that never ends and reports where it was', () => {
      const code = sandbox.load(
        handler(
          'const items = [1];\nfor (const item of items) {\n  items.push(item);\n}\nreturn items.length;',
        ),
      );
      const started = Date.now();
      const outcome = request(code);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(outcome).toMatchObject({ kind: 'error', error: { errorType: 'Code' } });
      expect(outcome.kind === 'error' && outcome.error.message).toMatch(
        /^code\.js:\d+:\d+: Execution timed out: the handler ran longer than 200 ms\.$/,
      );
    });

    it('stops a while loop even when the deploy-time check was skipped', () => {
      const outcome = request(unchecked(handler('while (true) {}')));
      expect(outcome.kind === 'error' && outcome.error.message).toMatch(/Execution timed out/);
    });

    it('lets the next invocation run after a timeout', () => {
      request(unchecked(handler('while (true) {}')));
      expect(request(unchecked(handler('return 42;')))).toMatchObject({ kind: 'value', value: 42 });
    });
  });

  describe('outcomes', () => {
    it('returns the handler’s value and the stash as JSON data', () => {
      const outcome = request(
        sandbox.load(
          handler(
            "ctx.stash.seen = ctx.args.id;\nreturn { operation: 'GetItem', key: util.dynamodb.toMapValues({ id: ctx.args.id }) };",
          ),
        ),
      );
      expect(outcome).toEqual({
        kind: 'value',
        value: { operation: 'GetItem', key: { id: { S: '1' } } },
        stash: { seen: '1' },
        record: expect.objectContaining({ errors: [], logs: [] }),
      });
    });

    it('carries values as JSON would: dates as text, -0 as 0, non-finite numbers as null', () => {
      const outcome = request(
        unchecked(
          handler(
            'ctx.stash.when = new Date(0);\nreturn { zero: -0, nan: NaN, list: [undefined, () => 1], skipped: undefined, map: new Map([[1, 2]]) };',
          ),
        ),
      );
      expect(outcome).toMatchObject({
        kind: 'value',
        value: { zero: 0, nan: null, list: [null, null], map: {} },
        stash: { when: '1970-01-01T00:00:00.000Z' },
      });
      expect(
        outcome.kind === 'value' && Object.is((outcome.value as { zero: number }).zero, 0),
      ).toBe(true);
    });

    it('carries values and contexts nested as deep as JSON carries them', () => {
      const deep = (depth: number): unknown => {
        let value: unknown = 'bottom';
        for (let level = 0; level < depth; level += 1) {
          value = level % 2 === 0 ? { value } : [value];
        }
        return value;
      };
      const outcome = request(
        unchecked(
          handler(
            "let value = 'bottom';\nfor (let level = 0; level < 3000; level += 1) {\n  value = level % 2 === 0 ? { value } : [value];\n}\nctx.stash.context = ctx.args.deep;\nreturn value;",
          ),
        ),
        context({ args: { deep: deep(3000) } }),
      );
      // Compared as text: the matchers' own recursion does not go this deep.
      expect(outcome.kind).toBe('value');
      expect(outcome.kind === 'value' && JSON.stringify([outcome.value, outcome.stash])).toBe(
        JSON.stringify([deep(3000), { context: deep(3000) }]),
      );
    });

    it('runs a getter of the value once, and records what it logs', () => {
      const outcome = request(
        unchecked(handler("return { get a() { console.log('read'); return 1; } };")),
      );
      expect(outcome).toMatchObject({ kind: 'value', value: { a: 1 } });
      expect(outcome.record.logs).toEqual(['INFO - code.js:3:20: "read"']);
    });

    it.each([
      [
        'a cycle',
        'const value = {};\nvalue.self = value;\nreturn value;',
        /^Converting circular structure to JSON/,
      ],
      ['a BigInt', 'return { a: 1n };', /^Do not know how to serialize a BigInt$/],
      ['a getter that throws', "return { get a() { throw new Error('no a'); } };", /^no a$/],
    ])(
      'reports a value JSON cannot carry (%s) as JSON.stringify’s TypeError',
      (_case, body, message) => {
        const outcome = request(unchecked(handler(body)));
        expect(outcome).toMatchObject({ kind: 'error', cause: 'exception', stash: {} });
        expect(outcome.kind === 'error' && outcome.error.message).toMatch(/^TypeError: /);
        expect(
          outcome.kind === 'error' && outcome.error.message.slice('TypeError: '.length),
        ).toMatch(message);
      },
    );

    it('turns undefined into null', () => {
      expect(request(sandbox.load(handler('return undefined;')))).toMatchObject({
        kind: 'value',
        value: null,
      });
    });

    it('reports util.error with its type, data and errorInfo', () => {
      const outcome = request(
        sandbox.load(handler("util.error('Nope', 'Custom', { a: 1 }, { b: 2 });\nreturn null;")),
      );
      expect(outcome).toMatchObject({
        kind: 'error',
        error: { message: 'Nope', errorType: 'Custom', data: { a: 1 }, errorInfo: { b: 2 } },
      });
    });

    it('reports util.unauthorized as AppSync words it for the field', () => {
      const outcome = request(sandbox.load(handler('util.unauthorized();\nreturn null;')));
      expect(outcome).toMatchObject({
        kind: 'error',
        cause: 'unauthorized',
        error: {
          message: 'Not Authorized to access getThing on type Query',
          errorType: 'Unauthorized',
        },
      });
    });

    it('reports runtime.earlyReturn with its value and where to skip', () => {
      const code = sandbox.load(
        "import { runtime } from '@aws-appsync/utils';\nexport function request(ctx) {\n  runtime.earlyReturn({ early: true }, { skipTo: 'END' });\n}\nexport function response(ctx) { return ctx.result; }\n",
      );
      expect(request(code)).toMatchObject({
        kind: 'earlyReturn',
        value: { early: true },
        skipTo: 'END',
      });
    });

    it('reports a runtime error as AppSync does, with the position in the code', () => {
      const outcome = request(
        sandbox.load(handler('const thing = ctx.args.missing;\nreturn thing.name;')),
      );
      expect(outcome).toMatchObject({
        kind: 'error',
        error: {
          errorType: 'Code',
          message: "code.js:4:14: TypeError: Cannot read properties of undefined (reading 'name')",
        },
      });
    });

    it('reports a missing handler by name', () => {
      const outcome = sandbox.invoke(sandbox.load(handler('return 1;')), {
        handler: 'request',
        context: context(),
      });
      expect(outcome.kind).toBe('value');
      const onlyRequest = unchecked('export function request(ctx) { return 1; }\n');
      expect(
        sandbox.invoke(onlyRequest, { handler: 'response', context: context() }),
      ).toMatchObject({
        kind: 'error',
        error: {
          message: 'code.js does not export a function named response (it exports: request).',
        },
      });
    });

    it("returns '' from JSON.parse for invalid JSON, as APPSYNC_JS does", () => {
      expect(
        request(sandbox.load(handler("return [JSON.parse('{oops'), JSON.parse('[1]')];"))),
      ).toMatchObject({ value: ['', [1]] });
    });

    it('hides selectionSetList and selectionSetGraphQL when ctx.info is serialized', () => {
      const outcome = request(
        sandbox.load(handler('return [JSON.stringify(ctx.info), ctx.info.selectionSetList];')),
      );
      expect(outcome).toMatchObject({
        value: ['{"fieldName":"getThing","parentTypeName":"Query","variables":{}}', ['id']],
      });
    });

    describe('ctx.info.variables, copied when first read', () => {
      const withVariables = (): Record<string, unknown> =>
        context({
          info: {
            fieldName: 'getThing',
            parentTypeName: 'Query',
            variables: { a: { b: 1 }, list: [1, 2] },
            selectionSetList: ['id'],
            selectionSetGraphQL: '{ id }',
          },
        });

      it.each([
        [
          'reads the request’s variables',
          'return ctx.info.variables;',
          { a: { b: 1 }, list: [1, 2] },
        ],
        [
          'keeps the key order of ctx.info',
          'return Object.keys(ctx.info);',
          ['fieldName', 'parentTypeName', 'variables', 'selectionSetList', 'selectionSetGraphQL'],
        ],
        [
          'serializes ctx.info with them',
          'return JSON.stringify(ctx.info);',
          '{"fieldName":"getThing","parentTypeName":"Query","variables":{"a":{"b":1},"list":[1,2]}}',
        ],
        [
          'lets code change them in place',
          'ctx.info.variables.a.b = 2;\nreturn ctx.info.variables.a;',
          { b: 2 },
        ],
        ['lets code replace them', 'ctx.info.variables = 5;\nreturn ctx.info.variables;', 5],
        [
          'is a plain data property once read',
          "ctx.info.variables;\nconst d = Object.getOwnPropertyDescriptor(ctx.info, 'variables');\nreturn [typeof d.get, d.writable, d.enumerable];",
          ['undefined', true, true],
        ],
        [
          'copies them into the spread of ctx.info',
          'return { ...ctx.info }.variables;',
          { a: { b: 1 }, list: [1, 2] },
        ],
      ])('%s', (_behaviour, body, value) => {
        expect(request(unchecked(handler(body)), withVariables())).toMatchObject({
          kind: 'value',
          value,
        });
      });

      it('copies nothing of them for a resolver that never reads them', () => {
        let reads = 0;
        const variables = {
          get counted(): number {
            reads += 1;
            return 1;
          },
        };
        const ctx = context({
          info: { fieldName: 'getThing', parentTypeName: 'Query', variables },
        });
        expect(request(unchecked(handler('return ctx.args.id;')), ctx)).toMatchObject({
          kind: 'value',
          value: '1',
        });
        expect(reads).toBe(0);
        request(unchecked(handler('return ctx.info.variables.counted;')), ctx);
        expect(reads).toBe(1);
      });

      it('gives each invocation its own copy', () => {
        const ctx = withVariables();
        const code = unchecked(
          handler('ctx.info.variables.a.b += 1;\nreturn ctx.info.variables.a.b;'),
        );
        expect([request(code, ctx), request(code, ctx)]).toMatchObject([
          { kind: 'value', value: 2 },
          { kind: 'value', value: 2 },
        ]);
        expect(ctx['info']).toMatchObject({ variables: { a: { b: 1 } } });
      });
    });

    describe('a context nested deeper than the copy goes', () => {
      const deep = (depth: number): unknown => {
        let value: unknown = 'bottom';
        for (let level = 0; level < depth; level += 1) {
          value = { value };
        }
        return value;
      };
      const deepVariables = (): Record<string, unknown> =>
        context({
          info: {
            fieldName: 'getThing',
            parentTypeName: 'Query',
            variables: { deep: deep(100_000) },
            selectionSetList: ['id'],
            selectionSetGraphQL: '{ id }',
          },
        });

      it('does not fail a resolver that never reads the variables', () => {
        expect(request(unchecked(handler('return ctx.args.id;')), deepVariables())).toMatchObject({
          kind: 'value',
          value: '1',
        });
      });

      it.each([
        [
          'a resolver that reads the variables',
          'return ctx.info.variables.deep.value ? 1 : 0;',
          deepVariables,
        ],
        [
          'any resolver, when an argument is that deep',
          'return 1;',
          () => context({ args: { deep: deep(100_000) } }),
        ],
      ])('fails %s with a RangeError, as a code error', (_case, body, ctx) => {
        expect(request(unchecked(handler(body)), ctx())).toMatchObject({
          kind: 'error',
          error: {
            errorType: 'Code',
            message: expect.stringContaining('RangeError: Maximum call stack size exceeded'),
          },
        });
      });
    });

    it('records console output as log lines', () => {
      const outcome = request(
        sandbox.load(
          handler("console.log('a', 1, { b: true });\nconsole.error('c');\nreturn null;"),
        ),
      );
      expect(outcome.record.logs).toEqual([
        'INFO - code.js:3:1: "a" 1 {"b":true}',
        'ERROR - code.js:4:1: "c"',
      ]);
    });
  });

  describe('loading', () => {
    it('refuses code AppSync would refuse, naming the rule and the location', () => {
      expect(() =>
        sandbox.load(handler('let n = 0;\nwhile (n < 1) { n = n + 1; }\nreturn n;')),
      ).toThrow(CodeLoadError);
      try {
        sandbox.load(handler('let n = 0;\nwhile (n < 1) { n = n + 1; }\nreturn n;'));
      } catch (error) {
        expect((error as CodeLoadError).problems).toEqual([
          expect.objectContaining({
            line: 4,
            column: 1,
            rule: '@aws-appsync/no-while',
            message: 'While statements are not supported.',
          }),
        ]);
      }
    });

    it('refuses imports of anything but @aws-appsync/utils', () => {
      expect(() =>
        unchecked("import { x } from 'lodash';\nexport function request() { return x; }\n"),
      ).toThrow(/Cannot import "lodash": APPSYNC_JS resolves only @aws-appsync\/utils/);
    });

    it('refuses code that does not parse, with the position', () => {
      expect(() => sandbox.load('export function request(ctx) { return ; ; }}\n')).toThrow(
        CodeLoadError,
      );
    });
  });
});
