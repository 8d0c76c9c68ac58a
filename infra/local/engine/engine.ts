import {
  execute,
  getOperationAST,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLOutputType,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationTypeNode,
} from 'graphql';
import type { Manifest } from '../../../resolvers/manifest';
import type { DataSource } from '../datasources/types';
import { Sandbox } from '../runtime/sandbox/sandbox';
import type { EngineAuth, Principal } from './execution/auth';
import { DocumentCache } from './execution/document-cache';
import { assertFieldAllowed, parentProperty } from './execution/field-access';
import {
  fieldErrorEntry,
  locationsOf,
  requestErrorMessage,
  type AppSyncErrorEntry,
} from './execution/errors';
import { newRequestState, type LogSink, type RequestState } from './execution/request-state';
import {
  RESOLVER_COUNT_LIMIT,
  runResolver,
  type PreparedResolver,
  type ResolverHost,
} from './execution/run';
import { selectionSetGraphQL, selectionSetList } from './execution/selection';
import { createSubscriptions } from './subscriptions/service';
import type { SubscriptionService } from './subscriptions/types';

export interface EngineOptions {
  /** The API's schema, built with AppSync's scalars (buildAppSyncSchema). */
  readonly schema: GraphQLSchema;
  readonly manifest: Manifest;
  /** Bundled code by code-unit id (`Type.field`, `Type.field/NN.step`), as deployed. */
  readonly code: Readonly<Record<string, string>>;
  /** One adapter per manifest data source, by name. */
  readonly dataSources: Readonly<Record<string, DataSource>>;
  readonly auth: EngineAuth;
  /** `ctx.env`: the manifest's environment with table names resolved. */
  readonly environment: Readonly<Record<string, string>>;
  /** Epoch milliseconds for util.time and ids; Date.now when omitted. */
  readonly clock?: () => number;
  /** Resolver console output and engine notes; stderr when omitted. */
  readonly log?: LogSink;
  /** resolverCountLimit, 1..10,000 (AppSync's default 10,000 when omitted or 0). */
  readonly resolverCountLimit?: number;
}

export interface GraphQLRequest {
  readonly query: string;
  readonly variables?: Readonly<Record<string, unknown>> | null;
  readonly operationName?: string | null;
}

/** A caller already authenticated: who, and the request's headers as resolvers see them. */
export interface Caller {
  readonly principal: Principal;
  readonly identity: unknown;
  readonly authType: string;
  readonly headers: Readonly<Record<string, string | readonly string[]>>;
}

/** A request-level error entry: AppSync leaves out data, errorType and errorInfo. */
export interface RequestErrorEntry {
  path: null;
  locations: NonNullable<AppSyncErrorEntry['locations']>;
  message: string;
  errorType?: string;
}

export interface GraphQLResponseBody {
  data?: unknown;
  errors?: (AppSyncErrorEntry | RequestErrorEntry)[];
}

export interface ExecutionResult {
  readonly body: GraphQLResponseBody;
  /** Headers resolvers set with util.http.addResponseHeader. */
  readonly headers: Readonly<Record<string, string>>;
  /** The operation run, for logs; null when the document did not get that far. */
  readonly operation: { readonly type: OperationTypeNode; readonly name: string | null } | null;
  /** Set when the document did not parse: AppSync answers that as a malformed request. */
  readonly unparsable?: true;
}

export interface Engine extends SubscriptionService {
  readonly schema: GraphQLSchema;
  readonly auth: EngineAuth;
  /** Live subscriptions, for limits and tests. */
  subscriptionCount(): number;
  /** Parses, validates and runs one GraphQL request for an authenticated caller. */
  execute(request: GraphQLRequest, caller: Caller): Promise<ExecutionResult>;
  /** Closes the data sources (Lambda workers, clients). */
  close(): Promise<void>;
}

/**
 * The engine core: AppSync's execution of a GraphQL request over the manifest's resolvers, with
 * no transport. HTTP and WebSocket adapters call it; tests can run two engines in one process.
 */
export function createEngine(options: EngineOptions): Engine {
  const sandbox = Sandbox.create(options.clock ? { clock: options.clock } : {});
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const host: ResolverHost = { sandbox, dataSources: options.dataSources, log };
  const resolvers = prepareResolvers(options.manifest, options.code, sandbox);
  const documents = new DocumentCache(options.schema);
  const environment = { ...options.environment };
  const { schema, auth } = options;
  // Documents are cached, so their field nodes are too: a field's selections are computed once.
  const selectionCache = new WeakMap<
    FieldNode,
    { selectionSetList: string[]; selectionSetGraphQL: string }
  >();
  const selections = (
    fieldNodes: readonly FieldNode[],
    returnType: GraphQLOutputType,
    fragments: Record<string, FragmentDefinitionNode>,
  ) => {
    const key = fieldNodes[0];
    const cached = key && fieldNodes.length === 1 ? selectionCache.get(key) : undefined;
    if (cached) {
      return cached;
    }
    const computed = {
      selectionSetList: selectionSetList(fieldNodes, returnType, fragments),
      selectionSetGraphQL: selectionSetGraphQL(fieldNodes),
    };
    if (key && fieldNodes.length === 1) {
      selectionCache.set(key, computed);
    }
    return computed;
  };

  const fieldResolver: GraphQLFieldResolver<unknown, RequestState> = (
    source,
    args,
    state,
    info,
  ) => {
    assertFieldAllowed(auth, info, state);
    const typeName = info.parentType.name;
    const resolver = resolvers.get(`${typeName}.${info.fieldName}`);
    if (!resolver) {
      return parentProperty(source, info.fieldName);
    }
    const isRoot = info.path.prev === undefined;
    const context = {
      arguments: args,
      args,
      identity: state.identity,
      source: isRoot ? null : source,
      request: { headers: state.headers, domainName: null },
      info: {
        fieldName: info.fieldName,
        parentTypeName: typeName,
        variables: state.variables,
        ...selections(info.fieldNodes, info.returnType, info.fragments),
      },
      env: environment,
    };
    return runResolver(host, resolver, {
      context,
      path: pathOf(info.path),
      fieldNodes: info.fieldNodes,
      fragments: info.fragments,
      state,
    });
  };

  const subscriptions = createSubscriptions({ schema, documents, auth, fieldResolver });

  return {
    schema,
    auth,
    subscribe: subscriptions.subscribe,
    subscriptionCount: subscriptions.count,
    async execute(request, caller) {
      const prepared = documents.prepare(request.query);
      if (!prepared.ok) {
        return {
          body: { data: null, errors: prepared.errors.map(requestErrorEntry) },
          headers: {},
          operation: null,
          ...(prepared.stage === 'parse' ? { unparsable: true as const } : {}),
        };
      }
      const operation = getOperationAST(prepared.document, request.operationName ?? undefined);
      const described = operation
        ? { type: operation.operation, name: operation.name?.value ?? null }
        : null;
      if (operation?.operation === 'subscription') {
        return {
          body: {
            data: null,
            errors: [
              requestError(
                'Subscriptions are served over the realtime endpoint (WebSocket), not over HTTP.',
                'UnsupportedOperation',
              ),
            ],
          },
          headers: {},
          operation: described,
        };
      }
      const state = newRequestState(
        caller,
        request.variables ?? {},
        options.resolverCountLimit || RESOLVER_COUNT_LIMIT,
      );
      const result = await execute({
        schema,
        document: prepared.document,
        variableValues: request.variables ?? null,
        operationName: request.operationName ?? null,
        contextValue: state,
        fieldResolver,
        rootValue: null,
      });
      const errors = [
        ...(result.errors ?? []).map((error) =>
          // Errors before execution (variables) have no path: they are request errors.
          error.path ? fieldErrorEntry(error, schema) : requestErrorEntry(error),
        ),
        ...state.appendedErrors,
      ];
      if (operation?.operation === 'mutation') {
        // Subscribers hear of a mutation before its caller does, as on AppSync.
        const failed = new Set(
          (result.errors ?? []).flatMap((error) => (error.path ? [String(error.path[0])] : [])),
        );
        subscriptions.publish(operation, prepared.fragments, result.data, failed);
        subscriptions.invalidate(state.invalidations);
      }
      const body: GraphQLResponseBody = { data: result.data ?? null };
      if (errors.length > 0) {
        body.errors = errors;
      }
      return { body, headers: state.responseHeaders, operation: described };
    },
    async close() {
      await Promise.all(Object.values(options.dataSources).map((source) => source.close?.()));
    },
  };
}

function prepareResolvers(
  manifest: Manifest,
  code: Readonly<Record<string, string>>,
  sandbox: Sandbox,
): Map<string, PreparedResolver> {
  const load = (id: string) => {
    const text = code[id];
    if (text === undefined) {
      throw new Error(`No bundle for ${id}: run \`npm run build\` (the manifest names it).`);
    }
    // Bundles passed AppSync's checks when they were built; compiling is enough here.
    return sandbox.compile(text, 'code.js');
  };
  const prepared = new Map<string, PreparedResolver>();
  for (const [coordinate, spec] of Object.entries(manifest.resolvers)) {
    if (spec.kind === 'PIPELINE') {
      prepared.set(coordinate, {
        kind: 'PIPELINE',
        id: coordinate,
        code: load(coordinate),
        functions: spec.functions.map((fn) => {
          const id = `${coordinate}/${fn.name}`;
          return {
            id,
            code: load(id),
            dataSource: fn.dataSource,
            ...(fn.maxBatchSize ? { maxBatchSize: fn.maxBatchSize } : {}),
          };
        }),
      });
    } else if (spec.direct) {
      prepared.set(coordinate, {
        kind: 'DIRECT',
        id: coordinate,
        dataSource: spec.dataSource,
        ...(spec.maxBatchSize ? { maxBatchSize: spec.maxBatchSize } : {}),
      });
    } else {
      prepared.set(coordinate, {
        kind: 'UNIT',
        step: {
          id: coordinate,
          code: load(coordinate),
          dataSource: spec.dataSource,
          ...(spec.maxBatchSize ? { maxBatchSize: spec.maxBatchSize } : {}),
        },
      });
    }
  }
  return prepared;
}

function pathOf(path: {
  readonly prev: unknown;
  readonly key: string | number;
}): (string | number)[] {
  const keys: (string | number)[] = [];
  let current: { readonly prev: unknown; readonly key: string | number } | undefined = path;
  while (current) {
    keys.unshift(current.key);
    current = current.prev as typeof current;
  }
  return keys;
}

/**
 * A request-level error (validation, variables): AppSync sends only path (null), locations and
 * message for these [runtime §11.1].
 */
function requestErrorEntry(error: GraphQLError): RequestErrorEntry {
  return {
    path: null,
    locations: locationsOf(error.locations) ?? [],
    message: requestErrorMessage(error),
  };
}

function requestError(message: string, errorType: string): AppSyncErrorEntry {
  return { path: null, data: null, errorType, errorInfo: null, locations: [], message };
}
