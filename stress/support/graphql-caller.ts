/**
 * GraphQL over HTTP where the outcome of every request is kept apart: answered with data, answered
 * with errors, or not answered at all (the connection reset when the engine died, refused, or
 * timed out). The crash ledger depends on that difference: only an answered success is a promise
 * the server made.
 */
import { createJsonPoster } from '../../bench/support/json-poster';

export interface GraphqlError {
  readonly message: string;
  readonly errorType?: string;
}

export type CallOutcome<T> =
  | { readonly kind: 'ok'; readonly data: T }
  | { readonly kind: 'error'; readonly status: number; readonly errors: readonly GraphqlError[] }
  | { readonly kind: 'no-answer'; readonly reason: string };

export interface GraphqlCaller {
  /** Runs one operation and returns `data[field]`, or why there is none. */
  call<T>(
    query: string,
    variables: Readonly<Record<string, unknown>>,
    field: string,
  ): Promise<CallOutcome<T>>;
  close(): void;
}

export interface CallerOptions {
  readonly url: string;
  /** Authorization headers: `x-api-key`, or an `authorization` token. */
  readonly headers: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** A caller with one kept-alive connection of its own (requests go out one at a time on it). */
export function createGraphqlCaller(options: CallerOptions): GraphqlCaller {
  const poster = createJsonPoster(options.url, options.headers, 1, options.timeoutMs ?? 15_000);
  return {
    async call<T>(
      query: string,
      variables: Readonly<Record<string, unknown>>,
      field: string,
    ): Promise<CallOutcome<T>> {
      let answer: { status: number; text: string };
      try {
        answer = await poster.post(JSON.stringify({ query, variables }));
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return { kind: 'no-answer', reason: code ?? (error as Error).message };
      }
      return interpret<T>(answer.status, answer.text, field);
    },
    close: () => poster.close(),
  };
}

function interpret<T>(status: number, text: string, field: string): CallOutcome<T> {
  let body: { data?: Record<string, unknown> | null; errors?: GraphqlError[] };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return {
      kind: 'error',
      status,
      errors: [{ message: `not JSON: ${text.slice(0, 200)}`, errorType: 'NotJson' }],
    };
  }
  const data = body.data?.[field];
  if (status !== 200 || (body.errors?.length ?? 0) > 0 || data === undefined || data === null) {
    return {
      kind: 'error',
      status,
      errors: body.errors?.length
        ? body.errors
        : [{ message: `no ${field} in the answer`, errorType: 'NoData' }],
    };
  }
  return { kind: 'ok', data: data as T };
}

/** A short name for what went wrong, for error counts: the errorType, an HTTP status, a socket code. */
export function failureKind(outcome: CallOutcome<unknown>): string {
  if (outcome.kind === 'no-answer') {
    return `no answer: ${outcome.reason}`;
  }
  if (outcome.kind === 'error') {
    const first = outcome.errors[0];
    return (
      first?.errorType ??
      (outcome.status !== 200 ? `HTTP ${outcome.status}` : (first?.message ?? 'error'))
    );
  }
  return 'ok';
}
