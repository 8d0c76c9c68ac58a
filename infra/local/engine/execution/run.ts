import type { FieldNode, FragmentDefinitionNode } from 'graphql';
import type { LoadedCode, InvocationOutcome, Sandbox } from '../../runtime/sandbox/sandbox';
import type { InvocationRecord } from '../../runtime/realm/invocation';
import {
  DataSourceRequestError,
  type BatchingDataSource,
  type DataSource,
  type DataSourceResult,
} from '../../datasources/types';
import { directLambdaPayload, directLambdaResponse } from '../../datasources/lambda/direct';
import { AppSyncFieldError } from './errors';
import { BatchCollector } from './batch';
import type { LogSink, RequestState } from './request-state';
import { filterBySelection } from './selection';

/** AppSync's default `resolverCountLimit` [runtime §11.4]. */
export const RESOLVER_COUNT_LIMIT = 10_000;

/** One piece of loaded code and the data source it calls. */
export interface CodeStep {
  /** `Type.field` or `Type.field/NN.step`. */
  readonly id: string;
  readonly code: LoadedCode;
  readonly dataSource: string;
  readonly maxBatchSize?: number;
}

/** A manifest resolver, ready to run. */
export type PreparedResolver =
  | { readonly kind: 'UNIT'; readonly step: CodeStep }
  | {
      readonly kind: 'DIRECT';
      readonly id: string;
      readonly dataSource: string;
      readonly maxBatchSize?: number;
    }
  | {
      readonly kind: 'PIPELINE';
      readonly id: string;
      readonly code: LoadedCode;
      readonly functions: readonly CodeStep[];
    };

export interface ResolverHost {
  readonly sandbox: Sandbox;
  readonly dataSources: Readonly<Record<string, DataSource>>;
  readonly log: LogSink;
}

/** What is fixed for one field resolution: its context (ctx without stash/prev/result) and place. */
export interface FieldCall {
  readonly context: Readonly<Record<string, unknown>>;
  readonly path: readonly (string | number)[];
  readonly fieldNodes: readonly FieldNode[];
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly state: RequestState;
}

/** Runs one field's resolver: unit, direct Lambda or pipeline, exactly as AppSync sequences them. */
export async function runResolver(
  host: ResolverHost,
  resolver: PreparedResolver,
  call: FieldCall,
): Promise<unknown> {
  countResolver(call);
  switch (resolver.kind) {
    case 'UNIT':
      return runUnit(host, resolver.step, call);
    case 'DIRECT':
      return runDirect(host, resolver, call);
    case 'PIPELINE':
      return runPipeline(host, resolver, call);
  }
}

async function runUnit(host: ResolverHost, step: CodeStep, call: FieldCall): Promise<unknown> {
  const request = invoke(host, step.code, 'request', { ...call.context, stash: {} }, call);
  if (request.kind === 'earlyReturn') {
    return request.value;
  }
  const outcome = await callDataSource(host, step, request.value, call);
  const response = invoke(
    host,
    step.code,
    'response',
    { ...call.context, stash: request.stash, ...resultMembers(outcome) },
    call,
  );
  return response.value;
}

async function runDirect(
  host: ResolverHost,
  resolver: Extract<PreparedResolver, { kind: 'DIRECT' }>,
  call: FieldCall,
): Promise<unknown> {
  const payload = directLambdaPayload({ ...call.context, stash: {}, prev: null });
  const operation = resolver.maxBatchSize ? 'BatchInvoke' : 'Invoke';
  const outcome = await callDataSource(host, resolver, { operation, payload }, call);
  const response = directLambdaResponse(outcome);
  if ('error' in response) {
    throw new AppSyncFieldError(
      response.error.message,
      response.error.errorType,
      filterBySelection(response.error.data, call.fieldNodes, call.fragments),
    );
  }
  return response.value;
}

async function runPipeline(
  host: ResolverHost,
  resolver: Extract<PreparedResolver, { kind: 'PIPELINE' }>,
  call: FieldCall,
): Promise<unknown> {
  const before = invoke(host, resolver.code, 'request', { ...call.context, stash: {} }, call);
  let stash = before.stash;
  let previous = before.value;
  if (before.kind !== 'earlyReturn') {
    for (const step of resolver.functions) {
      countResolver(call);
      const context = { ...call.context, stash, prev: { result: previous } };
      const request = invoke(host, step.code, 'request', context, call);
      stash = request.stash;
      if (request.kind === 'earlyReturn') {
        previous = request.value;
        if (request.skipTo === 'END') {
          break;
        }
        continue;
      }
      const outcome = await callDataSource(host, step, request.value, call);
      const response = invoke(
        host,
        step.code,
        'response',
        { ...context, stash, ...resultMembers(outcome) },
        call,
      );
      stash = response.stash;
      previous = response.value;
    }
  }
  // The after handler reads the last step's output as ctx.prev.result; samples also read
  // ctx.result, so both hold it [runtime §8.2].
  const after = invoke(
    host,
    resolver.code,
    'response',
    { ...call.context, stash, prev: { result: previous }, result: previous },
    call,
  );
  return after.value;
}

type Success = Extract<InvocationOutcome, { kind: 'value' | 'earlyReturn' }>;

/**
 * Runs one handler and settles what it recorded. util.error, util.unauthorized and runtime
 * errors stop the whole resolver: they surface as the field's error [runtime §3.2].
 */
function invoke(
  host: ResolverHost,
  code: LoadedCode,
  handler: 'request' | 'response',
  context: Record<string, unknown>,
  call: FieldCall,
): Success {
  const outcome = host.sandbox.invoke(code, { handler, context, authType: call.state.authType });
  settleRecord(host, outcome.record, call);
  if (outcome.kind === 'error') {
    const { error } = outcome;
    throw new AppSyncFieldError(
      error.message,
      error.errorType,
      filterBySelection(error.data, call.fieldNodes, call.fragments),
      error.errorInfo,
    );
  }
  return outcome;
}

function settleRecord(host: ResolverHost, record: InvocationRecord, call: FieldCall): void {
  record.logs.forEach((line) => host.log(line));
  for (const error of [...record.errors, ...record.responseHeaderErrors]) {
    call.state.appendedErrors.push({
      path: call.path,
      data: filterBySelection(error.data, call.fieldNodes, call.fragments),
      errorType: error.errorType,
      errorInfo: error.errorInfo ?? null,
      locations: call.fieldNodes.map((node) => ({ ...nodeLocation(node), sourceName: null })),
      message: error.message,
    });
  }
  Object.assign(call.state.responseHeaders, record.responseHeaders);
  if (record.subscriptionFilter !== null) {
    call.state.subscriptionFilter = record.subscriptionFilter;
  }
  if (record.subscriptionInvalidationFilter !== null) {
    call.state.subscriptionInvalidationFilter = record.subscriptionInvalidationFilter;
  }
  call.state.invalidations.push(...record.invalidations);
}

function nodeLocation(node: FieldNode): { line: number; column: number } {
  const start = node.loc?.startToken;
  return { line: start?.line ?? 0, column: start?.column ?? 0 };
}

async function callDataSource(
  host: ResolverHost,
  step: { readonly id: string; readonly dataSource: string; readonly maxBatchSize?: number },
  request: unknown,
  call: FieldCall,
): Promise<DataSourceResult> {
  const dataSource = host.dataSources[step.dataSource];
  if (!dataSource) {
    throw new AppSyncFieldError(
      `${step.id} uses data source ${step.dataSource}, which the engine does not have.`,
      'MappingTemplate',
    );
  }
  try {
    if (isBatchInvoke(request) && isBatching(dataSource)) {
      return await batchCollector(dataSource, step, call).load(request.payload);
    }
    return await dataSource.invoke(request, { unit: step.id });
  } catch (error) {
    if (error instanceof DataSourceRequestError) {
      throw new AppSyncFieldError(error.message, error.errorType, null, null, { cause: error });
    }
    throw error;
  }
}

function batchCollector(
  dataSource: BatchingDataSource,
  step: { readonly id: string; readonly maxBatchSize?: number },
  call: FieldCall,
): BatchCollector {
  const existing = call.state.batches.get(step.id);
  if (existing instanceof BatchCollector) {
    return existing;
  }
  // Without maxBatchSize AppSync does not batch: each field instance is a batch of one.
  const collector = new BatchCollector(dataSource, { unit: step.id }, step.maxBatchSize ?? 1);
  call.state.batches.set(step.id, collector);
  return collector;
}

function isBatchInvoke(
  request: unknown,
): request is { operation: 'BatchInvoke'; payload: unknown } {
  return (
    typeof request === 'object' &&
    request !== null &&
    (request as { operation?: unknown }).operation === 'BatchInvoke'
  );
}

function isBatching(dataSource: DataSource): dataSource is BatchingDataSource {
  return dataSource.kind === 'LAMBDA' && 'invokeBatch' in dataSource;
}

/** ctx.result, and ctx.error only when the data source failed (AppSync leaves it unset otherwise). */
function resultMembers(outcome: DataSourceResult): Record<string, unknown> {
  return outcome.error
    ? {
        result: outcome.result ?? null,
        error: { message: outcome.error.message, type: outcome.error.type },
      }
    : { result: outcome.result ?? null };
}

function countResolver(call: FieldCall): void {
  call.state.resolverCount += 1;
  const limit = call.state.resolverCountLimit;
  if (call.state.resolverCount > limit) {
    throw new AppSyncFieldError(
      `The request resolved more than ${limit} resolvers, the API's limit per request.`,
      'ResolverExecutionLimitReached',
    );
  }
}
