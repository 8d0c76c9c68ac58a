import vm from 'node:vm';
import { CircularValueError, copyOut } from './copy-out';

/**
 * Each case builds its value in a realm of its own, twice: once for JSON.stringify (the reference,
 * then JSON.parse here) and once for copyOut. `log` records what the value's own code saw, so the
 * getters and toJSON methods must run alike too.
 */
const realm = vm.createContext({});
const stringify = vm.runInContext('(value) => JSON.stringify(value)', realm) as (
  value: unknown,
) => string | undefined;
const build = vm.runInContext(
  '(source) => { const log = []; const value = new Function("log", source)(log); return { value, log }; }',
  realm,
) as (source: string) => { value: unknown; log: unknown[] };

type Result = { copied: unknown; log: unknown[] } | { thrown: string; log: unknown[] };

function reference(source: string): Result {
  const { value, log } = build(source);
  try {
    const json = stringify({ value });
    return { copied: (JSON.parse(json ?? '{}') as { value?: unknown }).value, log: [...log] };
  } catch (error) {
    return { thrown: String((error as Error).message), log: [...log] };
  }
}

function copied(source: string): Result {
  const { value, log } = build(source);
  try {
    return { copied: copyOut(value, 'value', stringify, []), log: [...log] };
  } catch (error) {
    return { thrown: String((error as Error).message), log: [...log] };
  }
}

describe('copyOut', () => {
  it.each([
    ['a string', 'return "a\\ud800b";'],
    ['a number', 'return 1.5;'],
    ['negative zero', 'return -0;'],
    ['NaN and infinities', 'return [NaN, Infinity, -Infinity, { a: NaN }];'],
    ['booleans and null', 'return [true, false, null];'],
    ['undefined', 'return undefined;'],
    ['a function', 'return () => 1;'],
    ['a symbol', 'return Symbol("s");'],
    [
      'what JSON leaves out of an object',
      'return { a: undefined, b: () => 1, c: Symbol("s"), d: 1 };',
    ],
    ['what JSON turns into null in an array', 'return [undefined, () => 1, Symbol("s"), , 2];'],
    ['nested objects and arrays', 'return { a: [{ b: [1, [2, { c: "d" }]] }], e: {} };'],
    ['keys in JSON order', 'return { b: 1, 2: "two", a: 2, 1: "one", "-1": 3 };'],
    [
      'a __proto__ key',
      'const o = {}; Object.defineProperty(o, "__proto__", { value: { x: 1 }, enumerable: true }); return o;',
    ],
    [
      'names Object.prototype has',
      'return { constructor: 1, toString: "x", hasOwnProperty: null };',
    ],
    ['a Date', 'return { when: new Date(0) };'],
    [
      'toJSON with its key',
      'const t = { toJSON(key) { log.push(key); return "t"; } }; return { a: t, b: [t, t] };',
    ],
    [
      'toJSON returning an object with toJSON',
      'return { toJSON() { return { toJSON() { return 1; } }; } };',
    ],
    [
      'toJSON returning undefined',
      'return { a: { toJSON() { return undefined; } }, b: [{ toJSON() {} }] };',
    ],
    ['toJSON on a function', 'const f = () => 1; f.toJSON = () => "f"; return [f];'],
    ['an inherited toJSON', 'class C { toJSON() { return "c"; } } return [new C()];'],
    ['a toJSON getter', 'return { get toJSON() { log.push("get"); return () => 2; } };'],
    [
      'getters, in order, once each',
      'return { get a() { log.push("a"); return 1; }, b: 2, get c() { log.push("c"); return { get d() { log.push("d"); return 3; } }; } };',
    ],
    [
      'a getter deleting a later key',
      'const o = { get a() { log.push("a"); delete o.b; return 1; }, b: 2, c: 3 }; return o;',
    ],
    ['a getter adding a key', 'const o = { get a() { o.z = 1; return 1; } }; return o;'],
    [
      'a Number object with its own valueOf',
      'const n = new Number(1); n.valueOf = () => { log.push("v"); return 7; }; return [n, new Number(-0), new Number(NaN)];',
    ],
    [
      'a String object',
      'const s = new String("s"); s.toString = () => "own"; return [new String("x"), s];',
    ],
    ['a Boolean object', 'const b = new Boolean(false); b.valueOf = () => true; return [b];'],
    ['a Symbol object', 'return [Object(Symbol("s"))];'],
    [
      'a boxed number that is no longer a Number',
      'const n = new Number(2); Object.setPrototypeOf(n, Object.prototype); n.x = 1; return n;',
    ],
    [
      'a Number object whose valueOf gives a BigInt',
      'const n = new Number(2); n.valueOf = () => 1n; return [n];',
    ],
    ['a BigInt', 'return { a: 1n };'],
    ['a BigInt object', 'return [Object(1n)];'],
    ['a BigInt from toJSON', 'return { toJSON() { return 1n; } };'],
    [
      'Map, Set, RegExp and Error',
      'return [new Map([[1, 2]]), new Set([1]), /x/g, new Error("e")];',
    ],
    [
      'a class instance',
      'class C { constructor() { this.a = 1; } get b() { return 2; } } return new C();',
    ],
    ['an object without prototype', 'const o = Object.create(null); o.a = 1; return o;'],
    ['an arguments object', 'return (function () { return arguments; })(1, "a");'],
    ['an array with extra properties', 'const a = [1]; a.extra = 2; return a;'],
    [
      'an array index getter',
      'const a = [1, 2]; Object.defineProperty(a, 1, { get() { log.push("i"); return 3; }, enumerable: true }); return a;',
    ],
    [
      'non-enumerable and symbol keys',
      'const o = { a: 1 }; Object.defineProperty(o, "b", { value: 2 }); o[Symbol("c")] = 3; return o;',
    ],
    ['a shared object (no cycle)', 'const s = { x: 1 }; return { a: s, b: [s, s] };'],
    ['a getter that throws', 'return { a: 1, get b() { throw new RangeError("no b"); } };'],
    ['a toJSON that throws', 'return [{ toJSON() { throw "plain"; } }];'],
    ['endless nesting through toJSON', 'const o = { toJSON() { return { o }; } }; return o;'],
  ])('copies %s as JSON would', (_case, source) => {
    expect(copied(source)).toEqual(reference(source));
  });

  it.each([
    ['an object in itself', 'const o = {}; o.self = o; return o;'],
    ['an array in itself', 'const a = []; a.push({ a }); return a;'],
    ['a cycle through toJSON', 'const o = {}; o.a = { toJSON() { return o; } }; return o;'],
  ])('leaves %s to JSON.stringify, whose error names the cycle', (_case, source) => {
    const { value } = build(source);
    expect(() => copyOut(value, 'value', stringify, [])).toThrow(CircularValueError);
    expect(reference(source)).toMatchObject({
      thrown: expect.stringMatching(/^Converting circular structure to JSON/),
    });
  });

  it('gives host objects, whose prototype is this realm’s', () => {
    const { value } = build('return { a: [{}] };');
    const result = copyOut(value, 'value', stringify, []) as { a: object[] };
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Array.isArray(result.a) && Object.getPrototypeOf(result.a)).toBe(Array.prototype);
    expect(result.a[0]).not.toBe((value as { a: object[] }).a[0]);
  });
});
