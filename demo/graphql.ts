/** GraphQL over HTTP for the demo's actors: one POST per operation, data or a thrown error. */

/** An answer with `errors`: the first one's errorType and message. */
export class GraphqlError extends Error {
  constructor(
    readonly errorType: string | undefined,
    message: string,
  ) {
    super(errorType ? `${errorType}: ${message}` : message);
    this.name = 'GraphqlError';
  }
}

/** Runs one operation and resolves with its `data`. */
export type Graphql = <T>(
  query: string,
  variables?: Readonly<Record<string, unknown>>,
  signal?: AbortSignal,
) => Promise<T>;

interface Answer {
  readonly data?: unknown;
  readonly errors?: readonly { readonly errorType?: string; readonly message: string }[];
}

/** A client for `url` that sends `headers` (an API key or a user's token) with every request. */
export function graphqlClient(url: string, headers: Readonly<Record<string, string>>): Graphql {
  return async <T>(
    query: string,
    variables: Readonly<Record<string, unknown>> = {},
    signal?: AbortSignal,
  ): Promise<T> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
      ...(signal ? { signal } : {}),
    });
    const answer = (await response.json()) as Answer;
    const [first] = answer.errors ?? [];
    if (first) {
      throw new GraphqlError(first.errorType, first.message);
    }
    if (!response.ok || answer.data === undefined || answer.data === null) {
      throw new GraphqlError(undefined, `HTTP ${response.status} without data`);
    }
    return answer.data as T;
  };
}
