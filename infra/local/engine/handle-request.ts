import { randomUUID } from 'node:crypto';
import type { Engine, GraphQLRequest, GraphQLResponseBody } from './engine';

/** An HTTP request as the engine needs it, whatever server received it. */
export interface IncomingGraphqlRequest {
  readonly method: string;
  /** Path and query as on the request line (SigV4 signs them). */
  readonly url: string;
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** The body as text ('' when there is none). */
  readonly body: string;
  /** The query string's parameters, for GET. */
  readonly searchParams: URLSearchParams;
  readonly sourceIp: string;
}

export interface GraphqlHttpResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  readonly log: RequestLog;
}

/** One structured line per request: what ran, how long it took, how it failed. */
export interface RequestLog {
  readonly requestId: string;
  readonly status: number;
  readonly operation: string | null;
  readonly operationName: string | null;
  readonly durationMs: number;
  readonly errors: number;
  readonly errorTypes: string[];
}

/** AppSync's errorType for a request that is not a GraphQL request over HTTP. */
export const MALFORMED = 'MalformedHttpRequestException';

/**
 * AppSync's request path, one step after the other: authenticate -> read the request ->
 * parse and validate -> execute -> format. Each step that refuses answers as AppSync does:
 * 401 for credentials, 400 for a body that is not a GraphQL request, 200 for everything else,
 * validation errors included [runtime §10.3, §11.1].
 */
export async function handleGraphqlRequest(
  engine: Engine,
  incoming: IncomingGraphqlRequest,
  now: () => number = performance.now.bind(performance),
): Promise<GraphqlHttpResponse> {
  const started = now();
  const requestId = randomUUID();
  const finish = (
    status: number,
    body: GraphQLResponseBody | { errors: { errorType: string; message: string }[] },
    extra: Record<string, string> = {},
    operation: { type: string; name: string | null } | null = null,
  ): GraphqlHttpResponse => {
    const errors = body.errors ?? [];
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=UTF-8',
      'x-amzn-requestid': requestId,
      ...extra,
    };
    if (status >= 400) {
      headers['x-amzn-errortype'] = String(errors[0]?.errorType ?? '');
    }
    return {
      status,
      headers,
      body: JSON.stringify(body),
      log: {
        requestId,
        status,
        operation: operation?.type ?? null,
        operationName: operation?.name ?? null,
        durationMs: Math.round((now() - started) * 1000) / 1000,
        errors: errors.length,
        errorTypes: [...new Set(errors.flatMap((e) => (e.errorType ? [e.errorType] : [])))],
      },
    };
  };

  const authentication = await engine.auth.authenticate(incoming.headers, incoming.sourceIp, {
    method: incoming.method,
    url: incoming.url,
    body: incoming.body,
  });
  if (!authentication.ok) {
    return finish(authentication.status, {
      errors: [...authentication.body.errors],
    });
  }

  const request = readRequest(incoming);
  if (typeof request === 'string') {
    return finish(400, { errors: [{ errorType: MALFORMED, message: request }] });
  }

  const result = await engine.execute(request, {
    principal: authentication.principal,
    identity: authentication.identity,
    authType: authentication.authType,
    headers: resolverHeaders(incoming.headers),
  });
  if (result.unparsable) {
    return finish(400, {
      errors: [{ errorType: MALFORMED, message: 'Unable to parse GraphQL query.' }],
    });
  }
  return finish(200, result.body, result.headers, result.operation);
}

/** The GraphQL request in the body (POST) or the query string (GET), or why there is none. */
function readRequest(incoming: IncomingGraphqlRequest): GraphQLRequest | string {
  if (incoming.method === 'GET') {
    const query = incoming.searchParams.get('query');
    if (query === null || query === '') {
      return 'Request body is empty.';
    }
    const variables = incoming.searchParams.get('variables');
    const parsedVariables = variables ? parseJson(variables) : null;
    if (parsedVariables === undefined || !isVariables(parsedVariables)) {
      return 'Unable to parse GraphQL query.';
    }
    return {
      query,
      variables: parsedVariables,
      operationName: incoming.searchParams.get('operationName'),
    };
  }
  if (incoming.body.trim() === '') {
    return 'Request body is empty.';
  }
  const parsed = parseJson(incoming.body);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return 'Unable to parse GraphQL query.';
  }
  const { query, variables = null, operationName = null } = parsed as Record<string, unknown>;
  if (
    typeof query !== 'string' ||
    !isVariables(variables) ||
    (operationName !== null && typeof operationName !== 'string')
  ) {
    return 'Unable to parse GraphQL query.';
  }
  return { query, variables, operationName };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function isVariables(value: unknown): value is Record<string, unknown> | null {
  return value === null || (typeof value === 'object' && !Array.isArray(value));
}

/** Headers as resolvers see them: lowercase names, no cookie [runtime §2]. */
function resolverHeaders(
  headers: IncomingGraphqlRequest['headers'],
): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && name.toLowerCase() !== 'cookie') {
      out[name.toLowerCase()] = value;
    }
  }
  return out;
}
