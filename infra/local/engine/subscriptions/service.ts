import {
  execute,
  getArgumentValues,
  getOperationAST,
  getVariableValues,
  Kind,
  type DocumentNode,
  type ExecutionResult,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Caller, GraphQLRequest } from '../engine';
import type { EngineAuth } from '../execution/auth';
import type { DocumentCache } from '../execution/document-cache';
import { fieldErrorEntry, locationsOf, requestErrorMessage } from '../execution/errors';
import { assertFieldAllowed, parentProperty } from '../execution/field-access';
import { newRequestState, type RequestState } from '../execution/request-state';
import { checkSubscriptionFilter, type SubscriptionFilter } from './filter';
import { publishedPayload } from './payload';
import { SubscriptionRegistry } from './registry';
import { subscriptionTargets } from './targets';
import type {
  SubscribeError,
  SubscribeOutcome,
  SubscriptionEvent,
  SubscriptionSink,
} from './types';

export interface SubscriptionServiceDeps {
  readonly schema: GraphQLSchema;
  readonly documents: DocumentCache;
  readonly auth: EngineAuth;
  /** The engine's field resolver: runs the subscription field's resolver at subscribe time. */
  readonly fieldResolver: GraphQLFieldResolver<unknown, RequestState>;
}

/**
 * AppSync's subscriptions over the engine: `subscribe` runs at `start` (validation, field
 * authorization, the subscription resolver with its filters), `publish` after each mutation
 * (every subscription its fields feed, filtered, gets the mutation's selected result), and
 * `invalidate` for extensions.invalidateSubscriptions.
 */
export function createSubscriptions(deps: SubscriptionServiceDeps) {
  const { schema, documents, auth } = deps;
  const registry = new SubscriptionRegistry();
  const targets = subscriptionTargets(schema);

  /** Field resolver for published events: payload fields as they are, still authorized per field. */
  const deliveryResolver: GraphQLFieldResolver<unknown, RequestState> = (
    source,
    _args,
    state,
    info,
  ) => {
    assertFieldAllowed(auth, info, state);
    return parentProperty(source, info.fieldName);
  };

  async function subscribe(
    request: GraphQLRequest,
    caller: Caller,
    sink: SubscriptionSink,
  ): Promise<SubscribeOutcome> {
    const prepared = documents.prepare(request.query);
    if (!prepared.ok) {
      return refuse(
        prepared.errors.map((error) => ({
          message: requestErrorMessage(error),
          locations: locationsOf(error.locations) ?? [],
        })),
      );
    }
    const operation = getOperationAST(prepared.document, request.operationName ?? undefined);
    if (!operation) {
      return refuse([
        { errorType: 'UnsupportedOperation', message: 'The document names no operation to run.' },
      ]);
    }
    if (operation.operation !== 'subscription') {
      return refuse([
        {
          errorType: 'UnsupportedOperation',
          message: `${operation.operation} not supported through the realtime channel`,
        },
      ]);
    }
    const subscriptionType = schema.getSubscriptionType();
    const fieldNode = rootField(operation);
    const fieldDef = fieldNode && subscriptionType?.getFields()[fieldNode.name.value];
    if (!subscriptionType || !fieldNode || !fieldDef) {
      return refuse([
        {
          errorType: 'UnsupportedOperation',
          message: 'A subscription selects exactly one subscription field.',
        },
      ]);
    }
    const coerced = getVariableValues(
      schema,
      operation.variableDefinitions ?? [],
      request.variables ?? {},
    );
    if (coerced.errors) {
      return refuse(
        coerced.errors.map((error) => ({
          message: requestErrorMessage(error),
          locations: locationsOf(error.locations) ?? [],
        })),
      );
    }
    const variables = coerced.coerced;
    // Only arguments the client gave filter; schema defaults do not [runtime §9.1].
    const coercedArgs = getArgumentValues(fieldDef, fieldNode, variables);
    const args = Object.fromEntries(
      (fieldNode.arguments ?? [])
        .filter(
          (arg) =>
            arg.value.kind !== Kind.VARIABLE || Object.hasOwn(variables, arg.value.name.value),
        )
        .map((arg) => [arg.name.value, coercedArgs[arg.name.value]]),
    );

    // The subscription field's own resolver, run once now, as graphql-js runs any root field:
    // authorization, util.error refusals, and the filters it sets.
    const state = newRequestState(caller, request.variables ?? {});
    const result = (await execute({
      schema,
      document: prepared.document,
      operationName: request.operationName ?? null,
      variableValues: request.variables ?? null,
      contextValue: state,
      fieldResolver: deps.fieldResolver,
      rootValue: null,
    })) as ExecutionResult;
    const rootErrors = (result.errors ?? []).filter((error) => (error.path?.length ?? 0) <= 1);
    if (rootErrors.length > 0) {
      return refuse(
        rootErrors.map((error) => {
          const entry = fieldErrorEntry(error, schema);
          return {
            ...(entry.errorType ? { errorType: entry.errorType } : {}),
            message: entry.message,
          };
        }),
      );
    }
    const filter = readFilter(state.subscriptionFilter, 'setSubscriptionFilter');
    const invalidationFilter = readFilter(
      state.subscriptionInvalidationFilter,
      'setSubscriptionInvalidationFilter',
    );
    for (const checked of [filter, invalidationFilter]) {
      if (checked && !checked.ok) {
        return refuse([{ errorType: 'InvalidFilter', message: checked.message }]);
      }
    }
    const unsubscribe = registry.add({
      fieldName: fieldDef.name,
      args,
      filter: filter?.ok ? filter.filter : null,
      invalidationFilter: invalidationFilter?.ok ? invalidationFilter.filter : null,
      document: prepared.document,
      operationName: request.operationName ?? null,
      variables: request.variables ?? {},
      caller,
      sink,
    });
    return { ok: true, fieldName: fieldDef.name, unsubscribe };
  }

  /**
   * After a mutation ran: each root field that resolved without error to a value is published to
   * the subscription fields it feeds, as the mutation selected it [runtime §9.1].
   */
  function publish(
    operation: OperationDefinitionNode,
    fragments: Readonly<Record<string, FragmentDefinitionNode>>,
    data: Readonly<Record<string, unknown>> | null | undefined,
    failedKeys: ReadonlySet<string>,
  ): void {
    if (!data) {
      return;
    }
    for (const selection of operation.selectionSet.selections) {
      if (selection.kind !== Kind.FIELD) {
        continue;
      }
      const key = selection.alias?.value ?? selection.name.value;
      const fields = targets.get(selection.name.value);
      const value = data[key];
      if (!fields || value === null || value === undefined || failedKeys.has(key)) {
        continue;
      }
      const payload = publishedPayload(value, selection.selectionSet, fragments);
      for (const fieldName of fields) {
        // Subscribers with the same document, variables and authorization get the same event:
        // it is computed once per publication, not once per subscriber.
        const events = new Map<DocumentNode, Map<string, SubscriptionEvent>>();
        for (const entry of registry.matching(fieldName, payload)) {
          const { principal } = entry.caller;
          const key = `${JSON.stringify(entry.variables)}|${entry.operationName ?? ''}|${principal.mode}|${(principal.groups ?? []).join(',')}`;
          let byKey = events.get(entry.document);
          if (!byKey) {
            byKey = new Map();
            events.set(entry.document, byKey);
          }
          let event = byKey.get(key);
          if (!event) {
            event = eventFor(
              entry.document,
              entry.operationName,
              entry.variables,
              entry.caller,
              fieldName,
              payload,
            );
            byKey.set(key, event);
          }
          entry.sink.deliver(event);
        }
      }
    }
  }

  function eventFor(
    document: DocumentNode,
    operationName: string | null,
    variables: Readonly<Record<string, unknown>>,
    caller: Caller,
    fieldName: string,
    payload: unknown,
  ): SubscriptionEvent {
    const state = newRequestState(caller, variables);
    const result = execute({
      schema,
      document,
      operationName,
      variableValues: variables,
      contextValue: state,
      fieldResolver: deliveryResolver,
      rootValue: { [fieldName]: payload },
    }) as ExecutionResult;
    const errors = (result.errors ?? []).map((error) => fieldErrorEntry(error, schema));
    return errors.length > 0
      ? { data: result.data ?? null, errors }
      : { data: result.data ?? null };
  }

  /** extensions.invalidateSubscriptions from a mutation: matching subscriptions end with `complete`. */
  function invalidate(
    invalidations: readonly { subscriptionField: string; payload: unknown }[],
  ): void {
    for (const { subscriptionField, payload } of invalidations) {
      registry.invalidate(subscriptionField, payload).forEach((entry) => entry.sink.complete());
    }
  }

  return { subscribe, publish, invalidate, count: () => registry.size() };
}

function refuse(errors: readonly SubscribeError[]): SubscribeOutcome {
  return { ok: false, errors };
}

function rootField(operation: OperationDefinitionNode): FieldNode | undefined {
  const fields = operation.selectionSet.selections.filter(
    (selection): selection is FieldNode => selection.kind === Kind.FIELD,
  );
  return fields.length === 1 ? fields[0] : undefined;
}

function readFilter(
  value: unknown,
  origin: string,
): { ok: true; filter: SubscriptionFilter } | { ok: false; message: string } | null {
  if (value === null || value === undefined) {
    return null;
  }
  const checked = checkSubscriptionFilter(value);
  return checked.ok ? checked : { ok: false, message: `extensions.${origin}: ${checked.message}` };
}
