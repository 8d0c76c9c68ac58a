import { randomBytes } from 'node:crypto';
import { types } from 'node:util';
import vm from 'node:vm';
import type * as CodeCheck from '../../../appsync/code-check';
import type { CodeProblem } from '../../../appsync/code-check';
import type { UtilsRealm } from '../realm/entry';
import type { InvocationRecord } from '../realm/invocation';
import { emptyRecord } from '../realm/invocation';
import { copyOut, CircularValueError, type RealmStringify } from './copy-out';
import type { RealmOutcome, ResolverRealm } from './in-realm/resolver-setup';
import { realmScripts } from './realm-scripts';
import {
  ModuleShapeError,
  transformModule,
  type SourcePosition,
  type TransformedModule,
} from './transform';

/** AppSync names every resolver's code `code.js` in its errors [runtime §1.4]. */
export const CODE_FILE_NAME = 'code.js';

/** Time one handler may run before it is stopped (AppSync's own limit is not published). */
export const DEFAULT_BUDGET_MS = 1_000;

export interface SandboxOptions {
  /** Epoch milliseconds; util.time and ids read it. Defaults to Date.now. */
  readonly clock?: () => number;
  /** Random bytes as hex; defaults to node:crypto. */
  readonly randomHex?: (count: number) => string;
  /** Time budget of one handler invocation, in milliseconds. */
  readonly budgetMs?: number;
}

/** Code that loaded: checked, transformed and compiled once, invoked any number of times. */
export interface LoadedCode {
  readonly name: string;
  /** The code as loaded, for positions in messages. */
  readonly source: string;
  readonly factory: unknown;
  readonly transformed: TransformedModule;
}

/** Why code did not load: the checks AppSync runs on deployment, each located in the code. */
export class CodeLoadError extends Error {
  constructor(
    readonly unit: string,
    readonly problems: readonly CodeProblem[],
  ) {
    super(
      `${unit} cannot run on APPSYNC_JS:\n${problems.map((p) => `  ${p.line}:${p.column}: ${p.message} (${p.rule})`).join('\n')}`,
    );
    this.name = 'CodeLoadError';
  }
}

/** An error as AppSync puts it in a response: util.error's four parts. */
export interface HandlerError {
  readonly message: string;
  readonly errorType: string | null;
  readonly data: unknown;
  readonly errorInfo: unknown;
  /** Where in the code it happened, for runtime errors. */
  readonly position?: SourcePosition;
}

export type InvocationOutcome =
  | {
      readonly kind: 'value';
      readonly value: unknown;
      readonly stash: unknown;
      readonly record: InvocationRecord;
    }
  | {
      readonly kind: 'earlyReturn';
      readonly value: unknown;
      readonly skipTo: 'END' | 'NEXT';
      readonly stash: unknown;
      readonly record: InvocationRecord;
    }
  | {
      readonly kind: 'error';
      readonly error: HandlerError;
      /** What stopped the handler: util.error, util.unauthorized, an exception, the time budget, a missing export. */
      readonly cause: 'error' | 'unauthorized' | 'exception' | 'timeout' | 'export';
      readonly stash: unknown;
      readonly record: InvocationRecord;
    };

export interface InvocationRequest {
  readonly handler: 'request' | 'response';
  /** The context object (ctx), as JSON-compatible data. */
  readonly context: Readonly<Record<string, unknown>>;
  /** util.authType()'s answer: "API Key Authorization" unless the request says otherwise. */
  readonly authType?: string;
}

/** An outcome copied out of the realm: what the JSON of the realm's outcome would read back as. */
interface RawOutcome {
  kind: 'value' | 'signal' | 'error' | 'missing';
  value?: unknown;
  stash?: unknown;
  signal?: Record<string, unknown>;
  name?: string;
  message?: string;
  stack?: string;
  exported?: string[];
}

const GLOBALS_PARAMETER = '__courier_globals';
/** V8's RangeError message when the stack runs out. */
const STACK_OVERFLOW = 'Maximum call stack size exceeded';
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const LOG_POSITION = /^(INFO|ERROR) - code\.js:(\d+):(\d+): /;
const CONSOLE_CALL = /console\s*\.\s*$/;
const STACK_POSITION = new RegExp(`${CODE_FILE_NAME.replace('.', '\\.')}:(\\d+):(\\d+)`);

/**
 * The APPSYNC_JS sandbox: two node:vm realms, one holding Courier's implementation of
 * @aws-appsync/utils, one running resolver code with only the globals APPSYNC_JS has. Everything in
 * the resolver realm is frozen and its globals are read-only, code generation from strings is off,
 * every invocation gets a fresh copy of the context, a fresh module instance and record, and a tick
 * budget stops runaway loops. Values cross between realms as copies made with JSON's rules.
 */
export class Sandbox {
  private readonly stringify: RealmStringify;
  /** Opens every factory script: binds the realm's globals as constants (see ResolverRealm.globals). */
  private readonly globalsPrologue: string;

  private constructor(
    private readonly realm: ResolverRealm,
    private readonly context: vm.Context,
    private readonly budgetMs: number,
  ) {
    this.stringify = realm.stringify;
    const names = Object.keys(realm.globals).filter((name) => IDENTIFIER.test(name));
    this.globalsPrologue = `(function (${GLOBALS_PARAMETER}) {"use strict";const { ${names.join(', ')} } = ${GLOBALS_PARAMETER};return `;
  }

  static create(options: SandboxOptions = {}): Sandbox {
    const scripts = realmScripts();
    const codeGeneration = { strings: false, wasm: false };
    const utilsContext = vm.createContext({}, { name: 'APPSYNC_JS utils', codeGeneration });
    new vm.Script(scripts.utils, { filename: 'appsync-runtime.js' }).runInContext(utilsContext);
    const clock = options.clock ?? Date.now;
    const random = options.randomHex ?? ((count: number) => randomBytes(count).toString('hex'));
    const install = utilsContext['__courierInstall'] as (
      nowMs: () => number,
      randomHex: (count: number) => string,
    ) => UtilsRealm;
    const utils = install(
      () => clock(),
      (count) => random(Math.max(0, Math.floor(Number(count)))),
    );
    delete utilsContext['__courierInstall'];

    const resolverContext = vm.createContext({}, { name: 'APPSYNC_JS', codeGeneration });
    new vm.Script(scripts.resolverSetup, { filename: 'resolver-setup.js' }).runInContext(
      resolverContext,
    );
    const setup = resolverContext['__courierSetup'] as (utils: UtilsRealm) => ResolverRealm;
    const realm = setup(utils);
    return new Sandbox(realm, resolverContext, options.budgetMs ?? DEFAULT_BUDGET_MS);
  }

  /**
   * Checks and compiles code as AppSync does when a resolver is created. Throws CodeLoadError,
   * naming the rule and the location, for code AppSync would refuse.
   */
  load(code: string, name: string = CODE_FILE_NAME, options: { check?: boolean } = {}): LoadedCode {
    if (options.check !== false) {
      const problems = appSyncCodeCheck()([{ name, code }]);
      if (problems.length > 0) {
        throw new CodeLoadError(name, problems);
      }
    }
    return this.compile(code, name);
  }

  /** Compiles code whose check already passed (for example a bundle checked by the build). */
  compile(code: string, name: string = CODE_FILE_NAME): LoadedCode {
    let transformed: TransformedModule;
    try {
      transformed = transformModule(code);
    } catch (error) {
      if (error instanceof ModuleShapeError) {
        throw new CodeLoadError(name, [
          {
            unit: name,
            ...error.position,
            kind: 'syntax',
            rule: 'module',
            message: error.message,
            span: -1,
          },
        ]);
      }
      throw error;
    }
    // The prologue stays on the script's first line, which holds no code of the module: every
    // position in the code keeps its line and column.
    const withGlobals = new vm.Script(`${this.globalsPrologue}${transformed.script}})`, {
      filename: CODE_FILE_NAME,
    }).runInContext(this.context) as (globals: unknown) => unknown;
    const factory = withGlobals(this.realm.globals);
    return { name, source: code, factory, transformed };
  }

  /** Runs one handler of loaded code with a context; never throws for what the code does. */
  invoke(code: LoadedCode, request: InvocationRequest): InvocationOutcome {
    const raw = this.copiedOut(
      this.realm.invoke(
        code.factory,
        request.handler,
        request.context,
        this.budgetMs,
        request.authType ?? 'API Key Authorization',
      ),
    );
    // After the copy: getters and toJSON methods it ran may have recorded something.
    const recordJson = this.realm.recordJson();
    const record =
      recordJson === null
        ? emptyRecord()
        : this.withMappedLogs(code, JSON.parse(recordJson) as InvocationRecord);
    const stash = raw.stash ?? {};
    switch (raw.kind) {
      case 'value':
        return { kind: 'value', value: raw.value ?? null, stash, record };
      case 'missing':
        return {
          kind: 'error',
          cause: 'export',
          stash,
          record,
          error: {
            message: `${CODE_FILE_NAME} does not export a function named ${request.handler} (it exports: ${(raw.exported ?? []).join(', ') || 'nothing'}).`,
            errorType: 'Code',
            data: null,
            errorInfo: null,
          },
        };
      case 'error':
        return {
          kind: 'error',
          cause: 'exception',
          stash,
          record,
          error: this.runtimeError(code, raw),
        };
      case 'signal':
        return this.signalOutcome(code, request, raw.signal ?? {}, stash, record);
    }
  }

  /**
   * The realm's outcome as host objects, as JSON would carry it; a value JSON cannot carry gives
   * the error outcome JSON.stringify's exception gives. Where only JSON.stringify can answer (the
   * wording of a cycle, a value nested deeper than this copy's stack allows), the outcome goes
   * through JSON as text.
   */
  private copiedOut(outcome: RealmOutcome): RawOutcome {
    const stringify = this.stringify;
    try {
      switch (outcome.kind) {
        case 'value': {
          const value = copyOut(outcome.value, 'value', stringify, []);
          return { kind: 'value', value, stash: copyOut(outcome.stash, 'stash', stringify, []) };
        }
        case 'signal': {
          const signal = copyOut(outcome.signal, 'signal', stringify, []) as
            Record<string, unknown> | undefined;
          const stash = copyOut(outcome.stash, 'stash', stringify, []);
          return signal === undefined
            ? { kind: 'signal', stash }
            : { kind: 'signal', signal, stash };
        }
        case 'missing':
          return { kind: 'missing', exported: Array.from(outcome.exported ?? [], String) };
        case 'error':
          return {
            kind: 'error',
            name: String(outcome.name),
            message: String(outcome.message),
            stack: String(outcome.stack),
          };
      }
    } catch (error) {
      if (error instanceof CircularValueError) {
        return JSON.parse(this.realm.outcomeJson(outcome)) as RawOutcome;
      }
      const message = String((error as Error).message);
      if (message === STACK_OVERFLOW && types.isNativeError(error)) {
        return JSON.parse(this.realm.outcomeJson(outcome)) as RawOutcome;
      }
      return { kind: 'error', name: 'TypeError', message, stack: '' };
    }
  }

  private signalOutcome(
    code: LoadedCode,
    request: InvocationRequest,
    signal: Record<string, unknown>,
    stash: unknown,
    record: InvocationRecord,
  ): InvocationOutcome {
    switch (signal['__courierSignal']) {
      case 'earlyReturn':
        return {
          kind: 'earlyReturn',
          value: signal['value'] ?? null,
          skipTo: signal['skipTo'] === 'END' ? 'END' : 'NEXT',
          stash,
          record,
        };
      case 'unauthorized': {
        const info = (request.context['info'] ?? {}) as {
          fieldName?: string;
          parentTypeName?: string;
        };
        return {
          kind: 'error',
          cause: 'unauthorized',
          stash,
          record,
          error: {
            // Without a field (EvaluateCode with a bare context) AppSync says just "Unauthorized".
            message:
              info.fieldName && info.parentTypeName
                ? `Not Authorized to access ${info.fieldName} on type ${info.parentTypeName}`
                : 'Unauthorized',
            errorType: 'Unauthorized',
            data: null,
            errorInfo: null,
          },
        };
      }
      case 'timeout': {
        const position = this.positionInStack(code, String(signal['stack'] ?? ''));
        const where = position
          ? `${CODE_FILE_NAME}:${position.line}:${position.column}`
          : CODE_FILE_NAME;
        return {
          kind: 'error',
          cause: 'timeout',
          stash,
          record,
          error: {
            message: `${where}: Execution timed out: the handler ran longer than ${String(signal['budgetMs'])} ms.`,
            errorType: 'Code',
            data: null,
            errorInfo: null,
            ...(position ? { position } : {}),
          },
        };
      }
      default:
        return {
          kind: 'error',
          cause: 'error',
          stash,
          record,
          error: {
            message: String(signal['message'] ?? ''),
            errorType: (signal['errorType'] as string | null | undefined) ?? null,
            data: signal['data'] ?? null,
            errorInfo: signal['errorInfo'] ?? null,
          },
        };
    }
  }

  private runtimeError(code: LoadedCode, raw: RawOutcome): HandlerError {
    const position = this.positionInStack(code, raw.stack ?? '');
    const where = position ? `${CODE_FILE_NAME}:${position.line}:${position.column}: ` : '';
    return {
      message: `${where}${raw.name ?? 'Error'}: ${raw.message ?? ''}`,
      errorType: 'Code',
      data: null,
      errorInfo: null,
      ...(position ? { position } : {}),
    };
  }

  /** Log lines carry positions in the transformed script; AppSync prints those of the code. */
  private withMappedLogs(code: LoadedCode, record: InvocationRecord): InvocationRecord {
    if (record.logs.length === 0) {
      return record;
    }
    const source = code.source.split('\n');
    const logs = record.logs.map((line) =>
      line.replace(
        LOG_POSITION,
        (whole, level: string, generatedLine: string, generatedColumn: string) => {
          const position = code.transformed.originalPosition(
            Number(generatedLine),
            Number(generatedColumn) - 1,
          );
          if (!position) {
            return whole;
          }
          // V8 points at `log`; AppSync at the start of `console.log(...)`.
          const before = (source[position.line - 1] ?? '').slice(0, position.column - 1);
          const call = CONSOLE_CALL.exec(before);
          return `${level} - ${CODE_FILE_NAME}:${position.line}:${call ? call.index + 1 : position.column}: `;
        },
      ),
    );
    return { ...record, logs };
  }

  /** The innermost frame of resolver code in a V8 stack, mapped back to the code as written. */
  private positionInStack(code: LoadedCode, stack: string): SourcePosition | null {
    const match = STACK_POSITION.exec(stack);
    if (!match) {
      return null;
    }
    return code.transformed.originalPosition(Number(match[1]), Number(match[2]) - 1);
  }
}

/**
 * AppSync's deploy-time checks load TypeScript and ESLint: hundreds of megabytes of heap that a
 * running engine, whose bundles were checked at build time, should not carry. Loaded on first use.
 */
function appSyncCodeCheck(): typeof CodeCheck.checkAppSyncCode {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous lazy load
  const module = require('../../../appsync/code-check') as typeof CodeCheck;
  return module.checkAppSyncCode;
}
