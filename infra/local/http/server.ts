import { randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Engine } from '../engine/engine';
import { handleGraphqlRequest, MALFORMED, type RequestLog } from '../engine/handle-request';

/** A file the server hands out as is (the explorer's page and assets). */
export interface StaticFile {
  readonly body: Buffer;
  readonly contentType: string;
  readonly cacheControl?: string;
}

export interface HttpServerOptions {
  readonly engine: Engine;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly graphqlPath?: string;
  /** Static files by URL path (`/`, `/explorer.js`, ...). */
  readonly files?: ReadonlyMap<string, StaticFile>;
  /** Served as `/config.json` (the explorer reads its endpoints from it). */
  readonly explorerConfig?: () => unknown;
  /** Largest request body accepted, in bytes. */
  readonly maxBodyBytes?: number;
  readonly onRequestLog?: (log: RequestLog) => void;
  /** Serve HTTPS with this key and certificate. */
  readonly tls?: { readonly key: string | Buffer; readonly cert: string | Buffer };
}

export interface RunningHttpServer {
  readonly server: http.Server;
  readonly port: number;
  /** `http(s)://host:port`. */
  readonly origin: string;
  close(): Promise<void>;
}

/** AppSync's limit on a request's evaluated size, used as the body limit [runtime §11.4]. */
export const DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-max-age': '86400',
  'access-control-expose-headers': 'x-amzn-requestid, x-amzn-errortype',
};

/**
 * The engine's HTTP adapter: GraphQL at /graphql (POST, and GET), CORS for browsers, the
 * explorer's files, and nothing else. Knows no GraphQL itself.
 */
export async function startHttpServer(options: HttpServerOptions): Promise<RunningHttpServer> {
  const graphqlPath = options.graphqlPath ?? '/graphql';
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const handler = (request: http.IncomingMessage, response: http.ServerResponse): void => {
    serve(request, response).catch((error: unknown) => {
      if (!response.headersSent) {
        send(response, 500, { 'content-type': 'application/json' }, internalError(error));
      } else {
        response.destroy(error instanceof Error ? error : undefined);
      }
    });
  };

  const serve = async (
    request: http.IncomingMessage,
    response: http.ServerResponse,
  ): Promise<void> => {
    const target = request.url ?? '/';
    const query = target.indexOf('?');
    const pathname = query < 0 ? target : target.slice(0, query);
    const method = request.method ?? 'GET';
    if (method === 'OPTIONS') {
      send(response, 204, {
        ...CORS_HEADERS,
        'access-control-allow-headers':
          request.headers['access-control-request-headers'] ??
          'content-type, x-api-key, authorization',
      });
      return;
    }
    if (pathname === graphqlPath) {
      if (method !== 'POST' && method !== 'GET') {
        send(response, 405, { ...CORS_HEADERS, allow: 'GET, POST, OPTIONS' });
        return;
      }
      const body = method === 'POST' ? await readBody(request, maxBodyBytes) : '';
      if (body === null) {
        send(
          response,
          413,
          {
            ...CORS_HEADERS,
            'content-type': 'application/json; charset=UTF-8',
            'x-amzn-requestid': randomUUID(),
            'x-amzn-errortype': MALFORMED,
            connection: 'close',
          },
          JSON.stringify({
            errors: [
              {
                errorType: MALFORMED,
                message: `Request body is too large: more than ${maxBodyBytes} bytes; the limit is ${maxBodyBytes} bytes.`,
              },
            ],
          }),
        );
        return;
      }
      const answer = await handleGraphqlRequest(options.engine, {
        method,
        url: target,
        headers: request.headers,
        body,
        searchParams: new URLSearchParams(query < 0 ? '' : target.slice(query + 1)),
        sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      });
      send(response, answer.status, { ...CORS_HEADERS, ...answer.headers }, answer.body);
      options.onRequestLog?.(answer.log);
      return;
    }
    if (method === 'GET' && pathname === '/config.json' && options.explorerConfig) {
      send(
        response,
        200,
        { 'content-type': 'application/json', 'cache-control': 'no-store' },
        JSON.stringify(options.explorerConfig()),
      );
      return;
    }
    const file = method === 'GET' || method === 'HEAD' ? options.files?.get(pathname) : undefined;
    if (file) {
      send(
        response,
        200,
        { 'content-type': file.contentType, 'cache-control': file.cacheControl ?? 'no-cache' },
        method === 'HEAD' ? '' : file.body,
      );
      return;
    }
    send(
      response,
      404,
      { 'content-type': 'text/plain; charset=utf-8' },
      `Not found: ${pathname}\n`,
    );
  };

  const server = options.tls
    ? https.createServer({ key: options.tls.key, cert: options.tls.cert }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  return {
    server,
    port,
    origin: `${scheme}://${options.host ?? '127.0.0.1'}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The body as UTF-8 text, or null once it exceeds the limit (the rest is not read). */
function readBody(request: http.IncomingMessage, limit: number): Promise<string | null> {
  const declared = Number(request.headers['content-length'] ?? NaN);
  if (declared > limit) {
    request.resume();
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        return;
      }
      if (!over) {
        chunks.push(chunk);
      }
    });
    request.on('end', () => resolve(over ? null : Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(
  response: http.ServerResponse,
  status: number,
  headers: Record<string, string | string[]>,
  body: string | Buffer = '',
): void {
  // Headers set, not written: Node then sends them with the body in one write (writeHead would
  // write them first and cost a second system call per answer). A known length avoids chunking.
  response.statusCode = status;
  for (const name in headers) {
    response.setHeader(name, headers[name] ?? '');
  }
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}

function internalError(error: unknown): string {
  return JSON.stringify({
    errors: [
      {
        errorType: 'InternalFailure',
        message: `The engine failed to answer: ${error instanceof Error ? error.message : String(error)}`,
      },
    ],
  });
}
