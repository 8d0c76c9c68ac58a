/**
 * The "other client" of the end-to-end tests: a bare GraphQL POST over HTTP or HTTPS (trusting
 * the engine's local CA when given one), so that the event a subscriber receives is caused by a
 * request that did not come from the library under test. Node's global fetch cannot be told to
 * trust a CA at run time, hence node:https.
 */
import http from 'node:http';
import https from 'node:https';

export interface PostGraphqlOptions {
  readonly url: string;
  readonly query: string;
  readonly variables?: Record<string, unknown>;
  readonly headers?: Record<string, string>;
  /** PEM of a CA to trust for an https URL. */
  readonly ca?: string;
  readonly timeoutMs?: number;
}

export interface PostGraphqlAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** POSTs one GraphQL request and parses the JSON answer. */
export function postGraphql(options: PostGraphqlOptions): Promise<PostGraphqlAnswer> {
  const url = new URL(options.url);
  const body = JSON.stringify({
    query: options.query,
    ...(options.variables ? { variables: options.variables } : {}),
  });
  const transport = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          ...options.headers,
        },
        // A fresh connection per request: nothing is left open when the test ends.
        agent: false,
        timeout: options.timeoutMs ?? 10_000,
        ...(options.ca === undefined ? {} : { ca: options.ca }),
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch (error) {
            reject(
              new Error(`Expected a JSON answer from ${options.url}, received: ${text}`, {
                cause: error,
              }),
            );
          }
        });
      },
    );
    request.on('timeout', () =>
      request.destroy(new Error(`No answer from ${options.url} within the timeout`)),
    );
    request.on('error', reject);
    request.end(body);
  });
}
