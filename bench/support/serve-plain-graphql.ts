/**
 * The benchmark's baseline: the same `echo` query answered by graphql-js behind node:http with a
 * plain function resolver, no sandbox, no auth, no AppSync semantics. What any Node GraphQL
 * server pays; the engine's extra cost is measured against it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, execute, parse, validate, type DocumentNode } from 'graphql';

const schema = buildSchema('type Query { echo(message: String!): String }');
const documents = new Map<string, DocumentNode>();
const rootValue = { echo: ({ message }: { message: string }) => message };

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
      query: string;
      variables?: Record<string, unknown>;
    };
    let document = documents.get(body.query);
    if (!document) {
      document = parse(body.query);
      if (validate(schema, document).length === 0) {
        documents.set(body.query, document);
      }
    }
    const result = execute({ schema, document, rootValue, variableValues: body.variables ?? null });
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(result));
  });
});
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  console.log(JSON.stringify({ url: `http://127.0.0.1:${port}/graphql` }));
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
