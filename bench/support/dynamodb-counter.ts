/**
 * A counting HTTP proxy in front of DynamoDB Local: forwards every request unchanged and counts it
 * by operation (the `x-amz-target` header, e.g. DynamoDB_20120810.PutItem), with the answers that
 * were not 2xx (failed conditions, cancelled transactions). `GET /__counts` answers the counts so
 * far as JSON; DynamoDB itself is only ever POSTed to, so that path cannot collide.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Requests and non-2xx answers of one operation. */
export interface OperationCount {
  readonly requests: number;
  readonly failed: number;
}

/** Counts by operation name (PutItem, Query, ...). */
export type RequestCounts = Readonly<Record<string, OperationCount>>;

export interface CountingProxy {
  /** `http://127.0.0.1:PORT`: give it to clients as their DynamoDB endpoint. */
  readonly url: string;
  counts(): RequestCounts;
  close(): Promise<void>;
}

const COUNTS_PATH = '/__counts';
const TARGET_PREFIX = 'DynamoDB_20120810.';

function operationOf(request: http.IncomingMessage): string {
  const target = request.headers['x-amz-target'];
  const name = Array.isArray(target) ? target[0] : target;
  return name === undefined ? '(no x-amz-target)' : name.replace(TARGET_PREFIX, '');
}

/** Starts the proxy on a free port of 127.0.0.1, forwarding to `target` (DynamoDB Local's URL). */
export function startCountingProxy(target: string): Promise<CountingProxy> {
  const upstream = new URL(target);
  // Kept-alive upstream connections, as many as callers need: the proxy must not queue requests.
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
  const counts = new Map<string, { requests: number; failed: number }>();
  const count = (operation: string, status: number): void => {
    let entry = counts.get(operation);
    if (!entry) {
      entry = { requests: 0, failed: 0 };
      counts.set(operation, entry);
    }
    entry.requests += 1;
    if (status < 200 || status >= 300) {
      entry.failed += 1;
    }
  };
  const snapshot = (): RequestCounts =>
    Object.fromEntries([...counts].map(([name, entry]) => [name, { ...entry }]));

  const server = http.createServer((request, response) => {
    if (request.method === 'GET' && request.url === COUNTS_PATH) {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(snapshot()));
      return;
    }
    const operation = operationOf(request);
    const forwarded = http.request(
      {
        agent,
        hostname: upstream.hostname,
        port: upstream.port,
        method: request.method,
        path: request.url,
        headers: request.headers,
      },
      (answer) => {
        const status = answer.statusCode ?? 0;
        count(operation, status);
        response.writeHead(status, answer.headers);
        answer.pipe(response);
      },
    );
    forwarded.on('error', (error) => {
      count(operation, 502);
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'text/plain' });
      }
      response.end(`Counting proxy: ${error.message}`);
    });
    request.pipe(forwarded);
  });
  server.keepAliveTimeout = 60_000;

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}`,
        counts: snapshot,
        close: () =>
          new Promise((done) => {
            agent.destroy();
            server.close(() => done());
            server.closeAllConnections();
          }),
      });
    });
  });
}

/** The counts of a proxy in another process. */
export async function readCounts(proxyUrl: string): Promise<RequestCounts> {
  const response = await fetch(`${proxyUrl}${COUNTS_PATH}`);
  if (!response.ok) {
    throw new Error(`${proxyUrl}${COUNTS_PATH} answered ${response.status}`);
  }
  return (await response.json()) as RequestCounts;
}

/** What `after` counted beyond `before`. */
export function countsSince(before: RequestCounts, after: RequestCounts): RequestCounts {
  return Object.fromEntries(
    Object.entries(after)
      .map(([name, entry]): [string, OperationCount] => [
        name,
        {
          requests: entry.requests - (before[name]?.requests ?? 0),
          failed: entry.failed - (before[name]?.failed ?? 0),
        },
      ])
      .filter(([, entry]) => entry.requests > 0),
  );
}

/** Requests of every operation together. */
export function totalRequests(counts: RequestCounts): number {
  return Object.values(counts).reduce((sum, entry) => sum + entry.requests, 0);
}
