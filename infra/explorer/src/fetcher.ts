// How the explorer talks to the API: queries and mutations as one HTTP POST each; subscriptions
// go to a pluggable transport (AppSync's realtime protocol, realtime.ts) that streams results.
import type { DocumentNode, FormattedExecutionResult } from 'graphql';
import { getOperationAST, parse } from 'graphql';

/** One GraphQL request as GraphiQL hands it over. */
export interface GraphQLRequest {
  readonly query: string;
  readonly operationName?: string | null;
  readonly variables?: unknown;
}

/** GraphiQL's per-request options: the headers editor's object and the parsed query. */
export interface RequestOptions {
  readonly headers?: Record<string, unknown>;
  readonly documentAST?: DocumentNode;
}

/** What one request yields: a single result, or a stream of them for a subscription. */
export type FetchOutcome =
  Promise<FormattedExecutionResult> | AsyncIterable<FormattedExecutionResult>;

/** Runs a subscription over the realtime endpoint; `headers` carry the same credentials as HTTP. */
export type SubscriptionTransport = (
  request: GraphQLRequest,
  headers: Readonly<Record<string, string>>,
) => AsyncIterable<FormattedExecutionResult>;

/** Everything the fetcher depends on, injected so the page and tests can supply their own. */
export interface CourierFetcherOptions {
  /** Absolute GraphQL HTTP endpoint. */
  readonly graphqlUrl: string;
  /** Current credential headers, read at request time so a run uses what the bar shows now. */
  readonly authHeaders: () => Record<string, string>;
  /** Subscription transport; without one a subscription gets an explanatory error. */
  readonly subscribe?: SubscriptionTransport;
  readonly fetch?: typeof fetch;
}

/** The endpoint answered something that is not a GraphQL JSON response. */
export class ExplorerFetchError extends Error {
  readonly code = 'ExplorerFetchError';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExplorerFetchError';
  }
}

function operationType(request: GraphQLRequest, options: RequestOptions | undefined) {
  let document = options?.documentAST;
  if (document === undefined) {
    try {
      document = parse(request.query);
    } catch {
      return undefined; // let the server report the syntax error, as it would to any client
    }
  }
  return getOperationAST(document, request.operationName ?? undefined)?.operation;
}

/** Header values from GraphiQL's headers editor, as strings (non-strings are JSON-encoded). */
function editorHeaders(options: RequestOptions | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(options?.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers[name] = typeof value === 'string' ? value : JSON.stringify(value);
  }
  return headers;
}

/** Later sets win; names are compared case-insensitively, as HTTP does. */
function mergeHeaders(...sets: readonly Record<string, string>[]): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const set of sets) {
    for (const [name, value] of Object.entries(set)) merged[name.toLowerCase()] = value;
  }
  return merged;
}

function isExecutionResult(body: unknown): body is FormattedExecutionResult {
  return (
    typeof body === 'object' &&
    body !== null &&
    !Array.isArray(body) &&
    ('data' in body || 'errors' in body)
  );
}

async function postRequest(
  fetchImpl: typeof fetch,
  url: string,
  request: GraphQLRequest,
  headers: Record<string, string>,
): Promise<FormattedExecutionResult> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        query: request.query,
        operationName: request.operationName ?? null,
        variables: request.variables ?? null,
      }),
    });
  } catch (error) {
    throw new ExplorerFetchError(`Could not reach ${url}: ${String(error)}`, { cause: error });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new ExplorerFetchError(
      `${url} answered HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`,
      { cause: error },
    );
  }
  // AppSync answers auth failures with HTTP 401 and a GraphQL-shaped body: show it as is.
  if (isExecutionResult(body)) return body;
  throw new ExplorerFetchError(
    `${url} answered HTTP ${response.status} with JSON that has neither "data" nor "errors": ${text.slice(0, 200)}`,
  );
}

async function* unsupportedSubscription(): AsyncGenerator<FormattedExecutionResult> {
  yield {
    errors: [{ message: 'Subscriptions are not available in the explorer yet.' }],
  };
}

/**
 * The explorer's fetcher. Headers: JSON content type, then the chosen credentials, then the
 * headers editor, so a header typed there wins (GraphiQL's own convention).
 */
export function createCourierFetcher(
  options: CourierFetcherOptions,
): (request: GraphQLRequest, requestOptions?: RequestOptions) => FetchOutcome {
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  return (request, requestOptions) => {
    const headers = mergeHeaders(
      { 'content-type': 'application/json', accept: 'application/json' },
      options.authHeaders(),
      editorHeaders(requestOptions),
    );
    if (operationType(request, requestOptions) === 'subscription') {
      return options.subscribe ? options.subscribe(request, headers) : unsupportedSubscription();
    }
    return postRequest(fetchImpl, options.graphqlUrl, request, headers);
  };
}
