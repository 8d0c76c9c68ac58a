import { conformanceTargets, errorOf, type CallOutcome } from '../../testing/conformance';
import { emptyRecord, type InvocationRecord } from '../invocation';

/*
 * util.http conformance against http-helpers-in-utils-http-js: copyHeaders drops the restricted
 * hop-by-hop headers; addResponseHeader(s) record headers, and record a ResponseHeaderError entry
 * (instead of the header) for an empty or restricted name or a null value.
 */

type HeaderCase = readonly [
  behaviour: string,
  fn: string,
  args: readonly unknown[],
  headers: Record<string, string>,
];
type RejectCase = readonly [
  behaviour: string,
  fn: string,
  args: readonly unknown[],
  kept: Record<string, string>,
];
type ErrorCase = readonly [behaviour: string, fn: string, args: readonly unknown[]];

function recordOf(outcome: CallOutcome): InvocationRecord {
  return outcome.record;
}

const RESTRICTED = [
  'transfer-encoding',
  'Connection',
  'host',
  'expect',
  'keep-alive',
  'upgrade',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'Content-Length',
  'Access-Control-Allow-Credentials',
  'Access-Control-Allow-Origin',
  'Access-Control-Expose-Headers',
  'Access-Control-Max-Age',
  'Access-Control-Allow-Methods',
  'Access-Control-Allow-Headers',
  'Vary',
  'Content-Type',
];

const headerCases: readonly HeaderCase[] = [
  ['AWS docs: a number value', 'addResponseHeader', ['itemsCount', 7], { itemsCount: '7' }],
  ['AWS docs: a string value', 'addResponseHeader', ['render', 'fast'], { render: 'fast' }],
  [
    'AWS docs: a map of int, string and object values',
    'addResponseHeaders',
    [{ headerInt: 12, headerString: 'stringValue', headerObject: { field1: 7, field2: 'string' } }],
    {
      headerInt: '12',
      headerString: 'stringValue',
      headerObject: '{"field1":7,"field2":"string"}',
    },
  ],
  ['a boolean value', 'addResponseHeader', ['cached', false], { cached: 'false' }],
  ['an empty string value', 'addResponseHeader', ['x-empty', ''], { 'x-empty': '' }],
  [
    'a name that only contains a restricted word',
    'addResponseHeader',
    ['x-host-id', 'a'],
    { 'x-host-id': 'a' },
  ],
  [
    'the last write to a name wins, whatever its case',
    'addResponseHeaders',
    [{ 'X-Test': 'a', 'x-test': 'b' }],
    { 'x-test': 'b' },
  ],
  [
    'headers up to 4 KB in total',
    'addResponseHeader',
    ['big', 'v'.repeat(4093)],
    { big: 'v'.repeat(4093) },
  ],
];

const rejectCases: readonly RejectCase[] = [
  ...RESTRICTED.map((name): RejectCase => [
    `the restricted name ${name}`,
    'addResponseHeader',
    [name, 'x'],
    {},
  ]),
  ['the restricted prefix x-amz-', 'addResponseHeader', ['x-amz-meta', 'x'], {}],
  ['the restricted prefix x-amzn- in any case', 'addResponseHeader', ['X-Amzn-Trace', 'x'], {}],
  ['an empty name', 'addResponseHeader', ['', 'x'], {}],
  ['a null value', 'addResponseHeader', ['x-null', null], {}],
  ['a name that is not an HTTP token', 'addResponseHeader', ['bad name', 'x'], {}],
  ['a value with a line break', 'addResponseHeader', ['x-split', 'a\r\nSet-Cookie: b'], {}],
  ['headers over 4 KB in total', 'addResponseHeader', ['big', 'v'.repeat(4094)], {}],
  [
    'only the offending entries of a map',
    'addResponseHeaders',
    [{ ok: 1, Vary: 'Origin', 'x-amz-id': '2', missing: null, also: 'fine' }],
    { ok: '1', also: 'fine' },
  ],
];

const errorCases: readonly ErrorCase[] = [
  ['copyHeaders of a string', 'copyHeaders', ['host: x']],
  ['copyHeaders of null', 'copyHeaders', [null]],
  ['addResponseHeader with a numeric name', 'addResponseHeader', [5, 'x']],
  ['addResponseHeaders of a list', 'addResponseHeaders', [[['a', 'b']]]],
];

for (const target of conformanceTargets()) {
  describe(`util.http [${target.name}]`, () => {
    describe('util.http.copyHeaders', () => {
      it('AWS docs: drops exactly the restricted headers, whatever their case', () => {
        const headers = Object.fromEntries(
          [...RESTRICTED.slice(0, 10), 'Authorization', 'x-api-key', 'Vary', 'Content-Type'].map(
            (n) => [n, `v-${n}`],
          ),
        );
        expect(target.call('util.http.copyHeaders', [headers])).toEqual({
          value: {
            Authorization: 'v-Authorization',
            'x-api-key': 'v-x-api-key',
            Vary: 'v-Vary',
            'Content-Type': 'v-Content-Type',
          },
          record: emptyRecord(),
        });
      });

      it('copies values as they are', () => {
        expect(target.call('util.http.copyHeaders', [{ a: ['1', '2'], b: 3 }])).toEqual({
          value: { a: ['1', '2'], b: 3 },
          record: emptyRecord(),
        });
      });
    });

    describe('util.http.addResponseHeader(s)', () => {
      it.each(headerCases)('records %s', (_b, fn, args, headers) => {
        expect(target.call(`util.http.${fn}`, args)).toEqual({
          value: null,
          record: { ...emptyRecord(), responseHeaders: headers },
        });
      });

      it.each(rejectCases)('records a ResponseHeaderError for %s', (_b, fn, args, kept) => {
        const outcome = target.call(`util.http.${fn}`, args);
        const record = recordOf(outcome);
        expect(outcome).toEqual({
          value: null,
          record: {
            ...emptyRecord(),
            responseHeaders: kept,
            responseHeaderErrors: expect.arrayContaining([
              {
                message: expect.any(String),
                errorType: 'ResponseHeaderError',
                data: null,
                errorInfo: null,
              },
            ]),
          },
        });
        expect(record.responseHeaderErrors.map((entry) => entry.message)).toMatchSnapshot();
      });
    });

    it.each(errorCases)('rejects %s', (_b, fn, args) => {
      const outcome = target.call(`util.http.${fn}`, args);
      expect(outcome).toEqual({
        error: expect.stringMatching(new RegExp(`^TypeError: util\\.http\\.${fn}: `)),
        record: emptyRecord(),
      });
      expect(errorOf(outcome)).toMatchSnapshot();
    });
  });
}
