import { createAppSyncApi, type AppSyncApi } from '../realm/api';
import type { RealmHost } from '../realm/host';
import { createScope, type InvocationRecord, type InvocationScope } from '../realm/invocation';
import { isSignal, SIGNAL } from '../realm/signals';
import { Sandbox, type LoadedCode } from '../sandbox/sandbox';

/** A fixed instant for conformance cases: 2018-02-06T19:01:35.749Z, the instant of AWS's examples. */
export const FIXED_NOW_MS = 1_517_943_695_749;

/**
 * Where conformance cases run. Each target exposes the same APPSYNC_JS API: `directTarget` calls the
 * realm code in this process; the sandbox target runs the same calls inside the resolver sandbox.
 * Cases are data, so one table serves every target.
 */
export interface ConformanceTarget {
  readonly name: string;
  /**
   * Calls the function at `path` with `args`. A path names the module and the member:
   * `util.time.nowFormatted`, `extensions.setSubscriptionFilter`, `runtime.earlyReturn`, or a helper
   * module as `dynamodb.put`, `rds.select`, `ai.converse`.
   */
  call(path: string, args: readonly unknown[]): CallOutcome;
}

export type CallOutcome =
  | { readonly value: unknown; readonly record: InvocationRecord }
  | { readonly signal: unknown; readonly record: InvocationRecord }
  | { readonly error: string; readonly record: InvocationRecord };

/** The error message of an outcome, when the call threw one. */
export function errorOf(outcome: CallOutcome): string | undefined {
  return 'error' in outcome ? outcome.error : undefined;
}

export interface TargetOptions {
  readonly nowMs?: number;
  /** Deterministic randomness for id tests; defaults to a counter-based sequence. */
  readonly randomHex?: (count: number) => string;
  readonly authType?: string;
}

function sequenceRandom(): (count: number) => string {
  let next = 0;
  return (count) => {
    let hex = '';
    for (let i = 0; i < count; i += 1) {
      hex += (next++ % 256).toString(16).padStart(2, '0');
    }
    return hex;
  };
}

const MODULES: Readonly<Record<string, string>> = {
  dynamodb: '@aws-appsync/utils/dynamodb',
  rds: '@aws-appsync/utils/rds',
  ai: '@aws-appsync/utils/ai',
};

function resolve(api: AppSyncApi, path: string): { owner: unknown; fn: unknown } {
  const [head = '', ...rest] = path.split('.');
  const moduleName = MODULES[head];
  let owner: unknown = moduleName
    ? api.modules[moduleName]
    : (api as unknown as Record<string, unknown>)[head];
  for (const key of rest.slice(0, -1)) {
    owner = (owner as Record<string, unknown> | undefined)?.[key];
  }
  const last = rest[rest.length - 1] ?? '';
  return { owner, fn: (owner as Record<string, unknown> | undefined)?.[last] };
}

/** Calls the realm code directly, in this process, with a fixed clock. */
export function directTarget(options: TargetOptions = {}): ConformanceTarget {
  const host: RealmHost = {
    nowMs: () => options.nowMs ?? FIXED_NOW_MS,
    randomHex: options.randomHex ?? sequenceRandom(),
  };
  const scope: InvocationScope = createScope({
    authType: options.authType ?? 'API Key Authorization',
  });
  const api = createAppSyncApi({ host, scope });
  return {
    name: 'direct',
    call(path, args) {
      scope.current = createScope().current;
      const { owner, fn } = resolve(api, path);
      if (typeof fn !== 'function') {
        throw new Error(`The APPSYNC_JS API has no function at ${path}.`);
      }
      const record = scope.current;
      try {
        const value: unknown = fn.apply(owner, structuredClone(args));
        return { value: JSON.parse(JSON.stringify(value) ?? 'null'), record };
      } catch (thrown) {
        if (isSignal(thrown)) {
          return { signal: JSON.parse(JSON.stringify(thrown)), record };
        }
        return {
          error: thrown instanceof Error ? `${thrown.name}: ${thrown.message}` : String(thrown),
          record,
        };
      }
    },
  };
}

const SANDBOX_IMPORTS: Readonly<Record<string, string>> = {
  utils: '@aws-appsync/utils',
  ...MODULES,
};

/** The resolver expression for a path: `util.time.x` -> `utils.util.time.x`, `dynamodb.put` stays. */
function sandboxExpression(path: string): string {
  const [head = ''] = path.split('.');
  return MODULES[head] ? path : `utils.${path}`;
}

/**
 * Runs each call as resolver code in the APPSYNC_JS sandbox: the arguments travel in ctx.args as
 * JSON, the call happens in the resolver realm, and the outcome comes back as the engine sees it.
 */
export function sandboxTarget(options: TargetOptions = {}): ConformanceTarget {
  const sandbox = Sandbox.create({
    clock: () => options.nowMs ?? FIXED_NOW_MS,
    randomHex: options.randomHex ?? sequenceRandom(),
  });
  const imports = Object.entries(SANDBOX_IMPORTS)
    .map(([alias, specifier]) => `import * as ${alias} from '${specifier}';`)
    .join('\n');
  const loaded = new Map<string, LoadedCode>();
  const load = (path: string): LoadedCode => {
    let code = loaded.get(path);
    if (!code) {
      // The harness spreads its arguments, which APPSYNC_JS's check refuses; resolver code never does.
      code = sandbox.load(
        `${imports}\nexport function request(ctx) {\n  return ${sandboxExpression(path)}(...ctx.args.a);\n}\nexport function response(ctx) { return null; }\n`,
        'code.js',
        { check: false },
      );
      loaded.set(path, code);
    }
    return code;
  };
  return {
    name: 'sandbox',
    call(path, args) {
      const outcome = sandbox.invoke(load(path), {
        handler: 'request',
        context: { arguments: { a: args }, args: { a: args }, stash: {} },
        ...(options.authType ? { authType: options.authType } : {}),
      });
      const { record } = outcome;
      switch (outcome.kind) {
        case 'value':
          return { value: outcome.value, record };
        case 'earlyReturn':
          return {
            signal: { [SIGNAL]: 'earlyReturn', value: outcome.value, skipTo: outcome.skipTo },
            record,
          };
        case 'error':
          if (outcome.cause === 'unauthorized') {
            return { signal: { [SIGNAL]: 'unauthorized' }, record };
          }
          if (outcome.cause === 'error') {
            const { message, errorType, data, errorInfo } = outcome.error;
            return { signal: { [SIGNAL]: 'error', message, errorType, data, errorInfo }, record };
          }
          return { error: outcome.error.message.replace(/^code\.js:\d+:\d+: /, ''), record };
      }
    },
  };
}

/** Every target the conformance tables run against: in process, and in the sandbox. */
export function conformanceTargets(options: TargetOptions = {}): ConformanceTarget[] {
  return [directTarget(options), sandboxTarget(options)];
}
