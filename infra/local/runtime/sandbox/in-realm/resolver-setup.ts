/**
 * Runs once inside the resolver realm, before any resolver code. It installs the APPSYNC_JS globals
 * as copies made in this realm, hides what APPSYNC_JS does not have, freezes everything reachable,
 * and returns the handles the host needs. Resolver code can reach no object of another realm: every
 * util result is copied into this realm as JSON, which is also what AppSync's values are.
 */
import type { UtilsRealm } from '../../realm/entry';
import { HIDDEN_GLOBALS } from './globals';

/**
 * What one invocation ended with, as objects of this realm: the host copies `value`, `stash` and
 * `signal` out with JSON's rules (see sandbox/copy-out.ts) before it asks for the record.
 */
export interface RealmOutcome {
  readonly kind: 'value' | 'signal' | 'error' | 'missing';
  readonly value?: unknown;
  readonly stash?: unknown;
  readonly signal?: unknown;
  readonly name?: string;
  readonly message?: string;
  readonly stack?: string;
  readonly exported?: readonly string[];
}

export interface ResolverRealm {
  /** The module objects resolver imports read, by specifier. */
  readonly modules: Readonly<Record<string, unknown>>;
  /**
   * The realm's global bindings (frozen, as the globals are), by name: resolver code reads them as
   * constants of its factory's scope, because a global lookup in a node:vm context costs a call
   * into the context's interceptor (hundreds of nanoseconds) and a constant costs nothing.
   */
  readonly globals: Readonly<Record<string, unknown>>;
  /**
   * Runs `exports[handler](ctx)` for a fresh module instance, on a copy of `context` made in this
   * realm (the host's object is only read, never handed to resolver code), and returns the outcome:
   * `{kind:'value', value, stash}`, `{kind:'signal', signal, stash}`, `{kind:'error', name,
   * message, stack}` or `{kind:'missing', exported}`. The time budget stays armed until the next
   * invocation, so code that runs while the host copies the outcome (getters, toJSON) is bounded too.
   */
  invoke(
    factory: unknown,
    handler: string,
    context: unknown,
    budgetMs: number,
    authType: string,
  ): RealmOutcome;
  /**
   * The outcome as JSON text, or the error outcome JSON.stringify's exception gives: for what only
   * JSON.stringify can answer (a cycle's wording, a value nested deeper than the host's copy goes).
   */
  outcomeJson(outcome: RealmOutcome): string;
  /** This realm's JSON.stringify, for the values whose JSON depends on this realm (BigInt). */
  stringify(value: unknown): string | undefined;
  /** The invocation's util record as JSON, or null when nothing was recorded. */
  recordJson(): string | null;
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
/** Globals V8 already treats as constants; binding them would change nothing but messages. */
const CONSTANT_GLOBALS = new Set(['undefined', 'NaN', 'Infinity']);
/** How many ticks pass between two looks at the clock: cheap enough, and fine-grained enough. */
const TICKS_PER_CLOCK_CHECK = 128;

globalThis.__courierSetup = (utils) => {
  const realmGlobal = globalThis;
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
  /** `__proto__`, or a name a frozen prototype has (`constructor`), as JSON gives it. */
  const defineData = (target: object, key: string, value: unknown): void => {
    // Plain assignment would set the prototype, or fail on the frozen prototype's property.
    defineProperty(target, key, { value, writable: true, enumerable: true, configurable: true });
  };
  // One frame per level of nesting, so values go as deep as they did through JSON.
  const copyIn = (value: unknown): unknown => {
    if (value === null || typeof value !== 'object') {
      return typeof value === 'function' ? undefined : value;
    }
    if (isArray(value)) {
      const items: unknown[] = [];
      const length = value.length;
      for (let index = 0; index < length; index += 1) {
        const item: unknown = value[index];
        if (item !== null && typeof item === 'object') {
          items.push(copyIn(item));
        } else {
          items.push(item === undefined || typeof item === 'function' ? null : item);
        }
      }
      return items;
    }
    const source = value as Record<string, unknown>;
    const target: Record<string, unknown> = {};
    const keys = keysOf(source);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      let copied = source[key];
      if (copied !== null && typeof copied === 'object') {
        copied = copyIn(copied);
      } else if (copied === undefined || typeof copied === 'function') {
        continue;
      }
      if (inheritedNames.has(key)) {
        defineData(target, key, copied);
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
  const infoNames = new Set<string>([...inheritedNames, 'toJSON']);

  /**
   * ctx.info.variables holds every variable the request sent, declared or not, and most resolvers
   * never read it: copying it for each invocation made CPU grow with variables × resolver runs.
   * It is copied on first access instead (then a plain data property, in the same key position),
   * so each invocation still gets its own copy.
   */
  const defineLazyCopy = (target: Record<string, unknown>, key: string, source: unknown): void => {
    const settle = (value: unknown): unknown => {
      defineData(target, key, value);
      return value;
    };
    defineProperty(target, key, {
      get: () => settle(copyIn(source)),
      set: (value: unknown) => settle(value),
      enumerable: true,
      configurable: true,
    });
  };

  /**
   * As copyIn, onto `target`, with `special` names defined as data properties; for the context
   * itself (`context`), ctx.info is made on infoPrototype in the same pass; in ctx.info (`info`),
   * variables are copied lazily.
   */
  const copyInto = (
    source: Record<string, unknown>,
    target: Record<string, unknown>,
    special: ReadonlySet<string>,
    place: 'context' | 'info',
  ): Record<string, unknown> => {
    const keys = keysOf(source);
    for (let index = 0; index < keys.length; index += 1) {
      const key = keys[index] as string;
      let copied = source[key];
      if (copied !== null && typeof copied === 'object') {
        if (place === 'info' && key === 'variables') {
          defineLazyCopy(target, key, copied);
          continue;
        }
        copied = place === 'context' && key === 'info' ? copyInfo(copied) : copyIn(copied);
      } else if (copied === undefined || typeof copied === 'function') {
        continue;
      }
      if (special.has(key)) {
        defineData(target, key, copied);
      } else {
        target[key] = copied;
      }
    }
    return target;
  };
  const copyInfo = (info: object): unknown =>
    isArray(info)
      ? assign(createObject(infoPrototype), copyIn(info))
      : copyInto(info as Record<string, unknown>, createObject(infoPrototype), infoNames, 'info');
  const copyContext = (context: unknown): InvocationContext =>
    (context === null || typeof context !== 'object' || isArray(context)
      ? copyIn(context)
      : copyInto(
          context as Record<string, unknown>,
          {},
          inheritedNames,
          'context',
        )) as InvocationContext;

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
    let ctx: InvocationContext | undefined;
    try {
      // Inside the try: a value nested deeper than the copy can go fails this invocation only.
      ctx = copyContext(context);
      const exports = (factory as (m: unknown, t: unknown) => Record<string, unknown>)(
        modules,
        tick,
      );
      const fn = exports[handler];
      if (typeof fn !== 'function') {
        return { kind: 'missing', exported: keysOf(exports) };
      }
      const value = (fn as AnyFunction)(ctx);
      return { kind: 'value', value: value === undefined ? null : value, stash: ctx.stash };
    } catch (thrown) {
      const branded =
        thrown !== null &&
        typeof thrown === 'object' &&
        typeof (thrown as Record<string, unknown>)[SIGNAL] === 'string';
      if (branded) {
        return { kind: 'signal', signal: thrown, stash: ctx?.stash };
      }
      const error = thrown as { name?: unknown; message?: unknown; stack?: unknown };
      return {
        kind: 'error',
        name: String(error?.name ?? 'Error'),
        message: String(error?.message ?? thrown),
        stack: String(error?.stack ?? ''),
      };
    }
  };

  const outcomeJson: ResolverRealm['outcomeJson'] = (outcome) => {
    try {
      return nativeStringify(outcome);
    } catch (error) {
      return nativeStringify({
        kind: 'error',
        name: 'TypeError',
        message: String((error as Error).message),
        stack: '',
      });
    }
  };

  // Globals: what APPSYNC_JS has, nothing more; none of them can be replaced.
  // Hidden ones stay reachable through syntax (`1n`, symbols of built-ins), so they are frozen too.
  const hiddenGlobals = HIDDEN_GLOBALS.map((name) => globalThis[name]);
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
    infoPrototype,
    ...hiddenIntrinsics,
    ...hiddenGlobals,
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
  // Built-in globals are writable by default: `Math = 1` would reach the next invocation.
  for (const name of Object.getOwnPropertyNames(realmGlobal)) {
    const descriptor = describe(realmGlobal, name);
    if (descriptor && 'value' in descriptor && (descriptor.writable || descriptor.configurable)) {
      // The value is restated: node:vm's global drops a value a descriptor leaves out.
      defineProperty(realmGlobal, name, {
        value: descriptor.value,
        enumerable: descriptor.enumerable ?? false,
        writable: false,
        configurable: false,
      });
    }
  }
  const globals: Record<string, unknown> = createObject(null) as Record<string, unknown>;
  for (const name of Object.getOwnPropertyNames(realmGlobal)) {
    const descriptor = describe(realmGlobal, name);
    if (descriptor && 'value' in descriptor && !CONSTANT_GLOBALS.has(name)) {
      globals[name] = descriptor.value;
    }
  }
  freeze(globals);
  return {
    modules,
    globals,
    invoke,
    outcomeJson,
    stringify: (value) => nativeStringify(value),
    recordJson: () => utils.recordJson(),
  };
};
