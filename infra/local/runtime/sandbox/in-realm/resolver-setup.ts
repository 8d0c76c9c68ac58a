/**
 * Runs once inside the resolver realm, before any resolver code. It installs the APPSYNC_JS globals
 * as copies made in this realm, hides what APPSYNC_JS does not have, freezes everything reachable,
 * and returns the handles the host needs. Resolver code can reach no object of another realm: every
 * util result is copied into this realm as JSON, which is also what AppSync's values are.
 */
import type { UtilsRealm } from '../../realm/entry';
import { HIDDEN_GLOBALS } from './globals';

type Json = string;

export interface ResolverRealm {
  /** The module objects resolver imports read, by specifier. */
  readonly modules: Readonly<Record<string, unknown>>;
  /**
   * Runs `exports[handler](ctx)` for a fresh module instance, on a copy of `context` made in this
   * realm (the host's object is only read, never handed to resolver code), and returns the outcome as JSON:
   * `{kind:'value', value, stash}`, `{kind:'signal', signal, stash}` or `{kind:'error', name, message, stack}`,
   * plus `record` (the invocation's util record as JSON, or null).
   */
  invoke(
    factory: unknown,
    handler: string,
    context: unknown,
    budgetMs: number,
    authType: string,
  ): Json;
}

interface InvocationContext {
  stash?: unknown;
  info?: Record<string, unknown>;
}

type AnyFunction = (...args: unknown[]) => unknown;

declare const globalThis: Record<string, unknown> & {
  __courierSetup?: (utils: UtilsRealm) => ResolverRealm;
};

const SIGNAL = '__courierSignal';
/** How many ticks pass between two looks at the clock: cheap enough, and fine-grained enough. */
const TICKS_PER_CLOCK_CHECK = 128;

globalThis.__courierSetup = (utils) => {
  const ErrorConstructor = Error;
  const nativeParse = JSON.parse;
  const nativeStringify = JSON.stringify;
  const now = Date.now;
  const defineProperty = Object.defineProperty;
  const freeze = Object.freeze;
  const getPrototypeOf = Object.getPrototypeOf;
  const ownKeys = Reflect.ownKeys;
  const describe = Reflect.getOwnPropertyDescriptor;
  // Intrinsics no global names, reached through syntax (iterators, generators, async functions).
  const hiddenIntrinsics: unknown[] = [
    getPrototypeOf([][Symbol.iterator]()),
    getPrototypeOf(''[Symbol.iterator]()),
    getPrototypeOf(new Map().entries()),
    getPrototypeOf(new Set().values()),
    getPrototypeOf(/x/[Symbol.matchAll]('')),
    getPrototypeOf(function* generator() {}),
    getPrototypeOf(async function asyncFunction() {}),
    getPrototypeOf(async function* asyncGenerator() {}),
    Promise,
  ];

  /**
   * A JSON-like value of another realm (the host's context, a util's result), rebuilt from this
   * realm's objects: what JSON would keep, without the text in between (several times faster). Both
   * sources build their values from data only, so no getter or cycle can be met here.
   */
  const isArray = Array.isArray;
  const inheritedNames = new Set<string>([
    '__proto__',
    ...Object.getOwnPropertyNames(Object.prototype),
  ]);
  const keysOf = Object.keys;
  const copyIn = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') {
      return typeof value === 'function' ? undefined : value;
    }
    if (isArray(value)) {
      const items: unknown[] = [];
      for (const item of value) {
        const copied = copyIn(item);
        items.push(copied === undefined ? null : copied);
      }
      return items;
    }
    const source = value as Record<string, unknown>;
    const target: Record<string, unknown> = {};
    for (const key of keysOf(source)) {
      const copied = copyIn(source[key]);
      if (copied === undefined) {
        continue;
      }
      if (inheritedNames.has(key)) {
        // `__proto__`, or a name a frozen prototype has (`constructor`): plain assignment would
        // set the prototype or fail; a data property is what JSON gives.
        defineProperty(target, key, {
          value: copied,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      } else {
        target[key] = copied;
      }
    }
    return target;
  };

  /** A value from the utils realm, recreated in this one. */
  const copy = copyIn;

  // AppSync leaves selectionSetList and selectionSetGraphQL out when ctx.info is serialized
  // [runtime §2]. A shared toJSON does that without making the properties non-enumerable, which
  // would cost a slow object shape on every invocation.
  const assign = Object.assign;
  const createObject = Object.create;
  const infoPrototype = {
    toJSON(this: Record<string, unknown>): Record<string, unknown> {
      const { selectionSetList: _list, selectionSetGraphQL: _graphql, ...rest } = this;
      return rest;
    },
  };

  const mirror = (source: Record<string, unknown>): Record<string, unknown> => {
    const target: Record<string, unknown> = {};
    for (const key of Object.keys(source)) {
      const value = source[key];
      if (typeof value === 'function') {
        const fn = value as AnyFunction;
        target[key] = function (...args: unknown[]): unknown {
          return copy(fn.apply(source, args));
        };
      } else if (value !== null && typeof value === 'object') {
        target[key] = mirror(value as Record<string, unknown>);
      } else {
        target[key] = value;
      }
    }
    return target;
  };

  const modules: Record<string, unknown> = {};
  for (const specifier of Object.keys(utils.api.modules)) {
    modules[specifier] = mirror(utils.api.modules[specifier] as Record<string, unknown>);
  }
  const main = modules['@aws-appsync/utils'] as Record<string, unknown>;

  // console.log and console.error, as AppSync writes them: `INFO - code.js:L:C: "a" {"b":1}`, each
  // argument as JSON. The position is the caller's in this realm's script; the host maps it back.
  const CALLER = /code\.js:(\d+):(\d+)/;
  const format = (value: unknown): string => {
    const json = nativeStringify(value);
    return json === undefined ? String(value) : json;
  };
  const logger =
    (level: string) =>
    (...args: unknown[]): void => {
      const caller = CALLER.exec(String(new ErrorConstructor().stack));
      const where = caller ? `code.js:${caller[1]}:${caller[2]}` : 'code.js:0:0';
      utils.log(`${level} - ${where}: ${args.map(format).join(' ')}`);
    };
  const console = { log: logger('INFO'), error: logger('ERROR') };

  // APPSYNC_JS's JSON.parse returns '' for invalid input instead of throwing [runtime §1.3].
  const json = {
    parse(
      text: unknown,
      reviver?: (this: unknown, key: string, value: unknown) => unknown,
    ): unknown {
      try {
        return reviver === undefined
          ? nativeParse(String(text))
          : nativeParse(String(text), reviver);
      } catch {
        return '';
      }
    },
    stringify: nativeStringify,
  };

  let ticks = 0;
  let deadline = 0;
  let budget = 0;
  const tick = (): void => {
    ticks = (ticks + 1) | 0;
    if (ticks % TICKS_PER_CLOCK_CHECK === 0 && now() > deadline) {
      throw { [SIGNAL]: 'timeout', budgetMs: budget, stack: new ErrorConstructor().stack };
    }
  };

  const invoke: ResolverRealm['invoke'] = (factory, handler, context, budgetMs, authType) => {
    utils.begin(authType);
    budget = budgetMs;
    deadline = now() + budgetMs;
    ticks = 0;
    const ctx = copyIn(context) as InvocationContext;
    if (ctx.info !== null && typeof ctx.info === 'object') {
      ctx.info = assign(createObject(infoPrototype), ctx.info);
    }
    let outcome: Record<string, unknown>;
    try {
      const exports = (factory as (m: unknown, t: unknown) => Record<string, unknown>)(
        modules,
        tick,
      );
      const fn = exports[handler];
      if (typeof fn !== 'function') {
        outcome = { kind: 'missing', exported: Object.keys(exports) };
      } else {
        const value = (fn as AnyFunction)(ctx);
        outcome = { kind: 'value', value: value === undefined ? null : value, stash: ctx.stash };
      }
    } catch (thrown) {
      const branded =
        thrown !== null &&
        typeof thrown === 'object' &&
        typeof (thrown as Record<string, unknown>)[SIGNAL] === 'string';
      if (branded) {
        outcome = { kind: 'signal', signal: thrown, stash: ctx.stash };
      } else {
        const error = thrown as { name?: unknown; message?: unknown; stack?: unknown };
        outcome = {
          kind: 'error',
          name: String(error?.name ?? 'Error'),
          message: String(error?.message ?? thrown),
          stack: String(error?.stack ?? ''),
        };
      }
    }
    let result: string;
    try {
      result = nativeStringify(outcome);
    } catch (error) {
      result = nativeStringify({
        kind: 'error',
        name: 'TypeError',
        message: String((error as Error).message),
        stack: '',
      });
    }
    const record = utils.recordJson();
    return record === null ? result : `${result.slice(0, -1)},"record":${record}}`;
  };

  // Globals: what APPSYNC_JS has, nothing more; none of them can be replaced.
  for (const name of HIDDEN_GLOBALS) {
    // eslint-disable-next-line @typescript-eslint/no-dynamic-delete -- removing globals is the point
    delete globalThis[name];
  }
  const installed: Record<string, unknown> = {
    util: main['util'],
    extensions: main['extensions'],
    runtime: main['runtime'],
    console,
    JSON: json,
  };
  for (const name of Object.keys(installed)) {
    defineProperty(globalThis, name, {
      value: installed[name],
      writable: false,
      enumerable: false,
      configurable: false,
    });
  }

  // Freeze everything reachable from the globals, so no invocation can leave state for another.
  const seen = new Set<unknown>();
  const pending: unknown[] = [
    globalThis,
    ...Object.values(installed),
    modules,
    ...hiddenIntrinsics,
  ];
  while (pending.length > 0) {
    const item = pending.pop();
    if (
      (typeof item !== 'object' && typeof item !== 'function') ||
      item === null ||
      seen.has(item)
    ) {
      continue;
    }
    seen.add(item);
    if (item !== globalThis) {
      freeze(item);
    }
    pending.push(getPrototypeOf(item));
    for (const key of ownKeys(item as object)) {
      const descriptor = describe(item as object, key);
      if (descriptor) {
        pending.push(descriptor.value, descriptor.get, descriptor.set);
      }
    }
  }
  delete globalThis.__courierSetup;
  delete globalThis['globalThis'];
  return { modules, invoke };
};
