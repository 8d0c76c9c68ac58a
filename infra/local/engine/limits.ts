/**
 * AppSync's per-API query depth limit (`queryDepthLimit`) for the local engine [runtime §11.4].
 *
 * AppSync counts a root field as level 1 and every nested field, scalar leaves included, as one
 * more; inline fragments and fragment spreads add no level. Unset (0) means no limit, AppSync's
 * default; a configured limit is 1..75. On AWS the first field past the limit fails with
 * `QueryDepthLimitReached` while shallower fields still resolve. The engine checks the document
 * before it runs instead (no resolver runs, `data` is null, one error per field past the limit,
 * its path without list indices): a depth check inside execution would miss the introspection
 * fields, which graphql-js resolves itself.
 *
 * AppSync has no query cost or complexity scoring; neither has the engine. Its per-request
 * resolver count limit (`resolverCountLimit`, 10,000) is applied where resolvers run
 * (execution/run.ts).
 */
import {
  getOperationAST,
  Kind,
  parse,
  validate,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Engine, ExecutionResult, GraphQLRequest } from './engine';
import { DEFAULT_MAX_CACHED_CHARS } from './execution/document-cache';
import type { AppSyncErrorEntry } from './execution/errors';
import type { SubscribeOutcome } from './subscriptions/types';

export interface QueryLimits {
  /** Deepest field level an operation may select: 1..75, or 0 for none (AppSync's default). */
  readonly queryDepthLimit: number;
}

/** AppSync's defaults: no depth limit. */
export const APPSYNC_QUERY_LIMITS: QueryLimits = { queryDepthLimit: 0 };

/** The range AppSync's API accepts for a configured `queryDepthLimit` (0 turns it off). */
export const QUERY_DEPTH_LIMIT_RANGE = { min: 1, max: 75 } as const;

export const QUERY_DEPTH_LIMIT_REACHED = 'QueryDepthLimitReached';

/** Errors listed for one document at most; past that, the rest say nothing new. */
const MAX_DEPTH_ERRORS = 100;

/** Selections the error walk visits at most (a fragment repeated at many places repeats them). */
const MAX_WALK_STEPS = 100_000;

/** Limits over AppSync's defaults, refused as AppSync's API refuses values out of range. */
export function resolveQueryLimits(limits: Partial<QueryLimits> = {}): QueryLimits {
  const depth = limits.queryDepthLimit ?? APPSYNC_QUERY_LIMITS.queryDepthLimit;
  const { min, max } = QUERY_DEPTH_LIMIT_RANGE;
  if (!Number.isInteger(depth) || (depth !== 0 && (depth < min || depth > max))) {
    throw new RangeError(
      `queryDepthLimit must be an integer from ${min} to ${max}, or 0 for no limit; received ${String(depth)}.`,
    );
  }
  return { queryDepthLimit: depth };
}

/** The message of a field past the limit (AWS's wording is not recorded). */
export function depthLimitMessage(fieldName: string, depth: number, limit: number): string {
  return `Query depth limit of ${limit} reached: field '${fieldName}' is at depth ${depth}.`;
}

/**
 * Depths of selection sets, fragments followed: each fragment is measured once, so a document
 * that spreads fragments many times costs no more than its size. A fragment cycle (a document
 * validation refuses) counts as no depth rather than looping.
 */
class DepthMeter {
  private readonly sets = new WeakMap<SelectionSetNode, number>();
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly measuring = new Set<string>();

  constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) {
        this.fragments.set(definition.name.value, definition);
      }
    }
  }

  /** How many field levels `set` holds below the level it sits on. */
  depthOf(set: SelectionSetNode | undefined): number {
    if (!set) {
      return 0;
    }
    const known = this.sets.get(set);
    if (known !== undefined) {
      return known;
    }
    let deepest = 0;
    for (const selection of set.selections) {
      const depth =
        selection.kind === Kind.FIELD
          ? 1 + this.depthOf(selection.selectionSet)
          : selection.kind === Kind.INLINE_FRAGMENT
            ? this.depthOf(selection.selectionSet)
            : this.fragmentDepth(selection.name.value);
      deepest = Math.max(deepest, depth);
    }
    this.sets.set(set, deepest);
    return deepest;
  }

  fragment(name: string): FragmentDefinitionNode | undefined {
    return this.fragments.get(name);
  }

  private fragmentDepth(name: string): number {
    const fragment = this.fragments.get(name);
    if (!fragment || this.measuring.has(name)) {
      return 0;
    }
    this.measuring.add(name);
    try {
      return this.depthOf(fragment.selectionSet);
    } finally {
      this.measuring.delete(name);
    }
  }
}

/** The depth of an operation: its deepest field's level, root fields being level 1. */
export function operationDepth(document: DocumentNode, operation: OperationDefinitionNode): number {
  return new DepthMeter(document).depthOf(operation.selectionSet);
}

/**
 * One error entry per field at level `limit + 1` (deeper ones are never reached), in document
 * order, each once however often fragments repeat it; empty when the operation is within the
 * limit. Only branches that go past the limit are walked, and the walk itself is bounded.
 */
export function depthLimitErrors(
  document: DocumentNode,
  operation: OperationDefinitionNode,
  limit: number,
): AppSyncErrorEntry[] {
  const meter = new DepthMeter(document);
  const errors: AppSyncErrorEntry[] = [];
  const seen = new Set<string>();
  const spreading = new Set<string>();
  let steps = 0;
  const record = (field: FieldNode, level: number, path: string[]): void => {
    const key = `${path.join('.')}@${field.loc?.start ?? ''}`;
    if (!seen.has(key)) {
      seen.add(key);
      errors.push(depthError(field, level, limit, path));
    }
  };
  const walk = (set: SelectionSetNode, level: number, path: readonly string[]): void => {
    if (level + meter.depthOf(set) <= limit) {
      return;
    }
    for (const selection of set.selections) {
      steps += 1;
      if (steps > MAX_WALK_STEPS || errors.length >= MAX_DEPTH_ERRORS) {
        return;
      }
      if (selection.kind === Kind.FIELD) {
        const fieldPath = [...path, (selection.alias ?? selection.name).value];
        if (level + 1 > limit) {
          record(selection, level + 1, fieldPath);
        } else if (selection.selectionSet) {
          walk(selection.selectionSet, level + 1, fieldPath);
        }
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, level, path);
      } else {
        const name = selection.name.value;
        const fragment = meter.fragment(name);
        if (fragment && !spreading.has(name)) {
          spreading.add(name);
          walk(fragment.selectionSet, level, path);
          spreading.delete(name);
        }
      }
    }
  };
  walk(operation.selectionSet, 0, []);
  return errors;
}

/** AppSync's field error entry for a field past the limit. */
function depthError(
  field: FieldNode,
  level: number,
  limit: number,
  path: readonly string[],
): AppSyncErrorEntry {
  const token = field.loc?.startToken;
  return {
    path,
    data: null,
    errorType: QUERY_DEPTH_LIMIT_REACHED,
    errorInfo: null,
    locations: token ? [{ line: token.line, column: token.column, sourceName: null }] : null,
    message: depthLimitMessage(field.name.value, level, limit),
  };
}

/** What the depth check makes of one request: run it, or answer it with these errors. */
export type DepthVerdict =
  | { readonly run: true }
  | {
      readonly run: false;
      readonly errors: AppSyncErrorEntry[];
      readonly operation: ExecutionResult['operation'];
    };

/**
 * Checks requests against a depth limit, remembering the verdict per document and operation
 * name (clients send the same few documents again and again). Bounded like the engine's
 * document cache: by entries and by the characters of the texts it remembers.
 */
export class DepthLimiter {
  private readonly verdicts = new Map<string, DepthVerdict>();
  private cachedChars = 0;

  constructor(
    private readonly schema: GraphQLSchema,
    readonly limit: number,
    private readonly capacity = 500,
    private readonly maxCachedChars = DEFAULT_MAX_CACHED_CHARS,
  ) {}

  check(request: GraphQLRequest): DepthVerdict {
    const key = `${request.operationName ?? ''}\u0000${request.query}`;
    const cached = this.verdicts.get(key);
    if (cached) {
      this.verdicts.delete(key);
      this.verdicts.set(key, cached);
      return cached;
    }
    const verdict = this.judge(request);
    this.remember(key, verdict);
    return verdict;
  }

  /**
   * Documents that do not parse, name no operation or fail validation run as they are: the
   * engine answers those with AppSync's errors for them, which come before execution's.
   */
  private judge(request: GraphQLRequest): DepthVerdict {
    let document: DocumentNode;
    try {
      document = parse(request.query);
    } catch {
      return { run: true };
    }
    const operation = getOperationAST(document, request.operationName ?? undefined);
    if (!operation || operationDepth(document, operation) <= this.limit) {
      return { run: true };
    }
    if (validate(this.schema, document).length > 0) {
      return { run: true };
    }
    return {
      run: false,
      errors: depthLimitErrors(document, operation, this.limit),
      operation: { type: operation.operation, name: operation.name?.value ?? null },
    };
  }

  private remember(key: string, verdict: DepthVerdict): void {
    if (key.length > this.maxCachedChars) {
      return;
    }
    this.verdicts.set(key, verdict);
    this.cachedChars += key.length;
    while (this.verdicts.size > this.capacity || this.cachedChars > this.maxCachedChars) {
      const oldest = this.verdicts.keys().next();
      if (oldest.done) {
        break;
      }
      this.verdicts.delete(oldest.value);
      this.cachedChars -= oldest.value.length;
    }
  }
}

/**
 * The engine with `limits` applied to every query, mutation and subscription it is asked to
 * run. With AppSync's defaults it is the engine itself.
 */
export function withQueryLimits(engine: Engine, limits: Partial<QueryLimits> = {}): Engine {
  const { queryDepthLimit } = resolveQueryLimits(limits);
  if (queryDepthLimit === 0) {
    return engine;
  }
  const limiter = new DepthLimiter(engine.schema, queryDepthLimit);
  return {
    schema: engine.schema,
    auth: engine.auth,
    subscriptionCount: () => engine.subscriptionCount(),
    close: () => engine.close(),
    async execute(request, caller): Promise<ExecutionResult> {
      const verdict = limiter.check(request);
      if (verdict.run) {
        return engine.execute(request, caller);
      }
      return {
        body: { data: null, errors: [...verdict.errors] },
        headers: {},
        operation: verdict.operation,
      };
    },
    async subscribe(request, caller, sink): Promise<SubscribeOutcome> {
      const verdict = limiter.check(request);
      if (verdict.run) {
        return engine.subscribe(request, caller, sink);
      }
      return {
        ok: false,
        errors: verdict.errors.map((error) => ({
          errorType: QUERY_DEPTH_LIMIT_REACHED,
          message: error.message,
          locations: error.locations ?? [],
          path: error.path,
        })),
      };
    },
  };
}
