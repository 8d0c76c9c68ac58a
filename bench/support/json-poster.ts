/**
 * POSTs JSON over kept-alive node:http connections: the cheapest client Node has, so a measured
 * round trip is mostly the server's. (fetch adds a few hundred microseconds of its own.)
 */
import http from 'node:http';

export interface JsonPoster {
  /** Sends `body`; resolves with the status and the response text once it has fully arrived. */
  post(body: string): Promise<{ readonly status: number; readonly text: string }>;
  close(): void;
}

/**
 * A poster for one URL with fixed headers (content-type is added). With `timeoutMs`, a request
 * whose connection stays silent that long fails (a server that died without closing it).
 */
export function createJsonPoster(
  url: string,
  headers: Readonly<Record<string, string>>,
  maxSockets: number,
  timeoutMs?: number,
): JsonPoster {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const target = new URL(url);
  return {
    post: (body) =>
      new Promise((resolve, reject) => {
        const request = http.request(
          {
            agent,
            method: 'POST',
            hostname: target.hostname,
            port: target.port,
            path: target.pathname,
            ...(timeoutMs === undefined ? {} : { timeout: timeoutMs }),
            headers: {
              ...headers,
              'content-type': 'application/json',
              'content-length': Buffer.byteLength(body),
            },
          },
          (response) => {
            const chunks: Buffer[] = [];
            response.on('data', (chunk: Buffer) => chunks.push(chunk));
            response.on('end', () =>
              resolve({
                status: response.statusCode ?? 0,
                text: Buffer.concat(chunks).toString('utf8'),
              }),
            );
            response.on('error', reject);
            response.on('aborted', () => reject(new Error('response aborted')));
          },
        );
        request.on('timeout', () => request.destroy(new Error('no answer within the timeout')));
        request.on('error', reject);
        request.end(body);
      }),
    close: () => agent.destroy(),
  };
}
