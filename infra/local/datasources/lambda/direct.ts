import type { DataSourceResult } from '../types';

/**
 * The event a direct Lambda resolver (a Lambda resolver without code) sends: the resolver's whole
 * context, and exactly these members [runtime §6.2, §12 item 7].
 */
export interface DirectLambdaEvent {
  readonly arguments: unknown;
  readonly identity: unknown;
  readonly source: unknown;
  readonly request: unknown;
  readonly prev: unknown;
  readonly info: unknown;
  readonly stash: unknown;
}

/** The field's value, or the error AppSync raises for it (util.error's message, type and data). */
export type DirectLambdaResponse =
  | { readonly value: unknown }
  | {
      readonly error: {
        readonly message: string;
        readonly errorType: string;
        readonly data: unknown;
      };
    };

function member(
  context: Readonly<Record<string, unknown>>,
  name: string,
  fallback: unknown,
): unknown {
  const value = context[name];
  return value === undefined ? fallback : value;
}

/** A JSON copy: the event crosses to the function as JSON, so nothing else may reach it. */
function jsonCopy(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value) ?? 'null') as unknown;
}

/**
 * Builds a direct Lambda resolver's payload from the resolver context the engine holds (`ctx`
 * without `result`/`error`). Members the engine leaves out get AppSync's empty values; members
 * AppSync does not send (`args`, `env`) are dropped.
 */
export function directLambdaPayload(context: Readonly<Record<string, unknown>>): DirectLambdaEvent {
  const info = member(context, 'info', {});
  const infoMembers =
    typeof info === 'object' && info !== null ? (info as Record<string, unknown>) : {};
  return jsonCopy({
    arguments: member(context, 'arguments', {}),
    identity: member(context, 'identity', null),
    source: member(context, 'source', null),
    request: member(context, 'request', { headers: {}, domainName: null }),
    prev: member(context, 'prev', null),
    info: {
      fieldName: member(infoMembers, 'fieldName', null),
      parentTypeName: member(infoMembers, 'parentTypeName', null),
      variables: member(infoMembers, 'variables', {}),
      selectionSetList: member(infoMembers, 'selectionSetList', []),
      selectionSetGraphQL: member(infoMembers, 'selectionSetGraphQL', ''),
    },
    stash: member(context, 'stash', {}),
  }) as DirectLambdaEvent;
}

/**
 * A direct Lambda resolver's response: AppSync's default response handler raises
 * `util.error(ctx.error.message, ctx.error.type, ctx.result)` when the call failed and returns
 * `ctx.result` otherwise [runtime §6.2].
 */
export function directLambdaResponse(outcome: DataSourceResult): DirectLambdaResponse {
  if (outcome.error) {
    return {
      error: {
        message: outcome.error.message,
        errorType: outcome.error.type,
        data: outcome.result ?? null,
      },
    };
  }
  return { value: outcome.result ?? null };
}
