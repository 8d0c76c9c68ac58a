import { useLocalApi } from '../testing/local-api';

const local = useLocalApi();

describe('the GraphQL endpoint answers malformed requests as AppSync does', () => {
  it.each([
    ['an empty body', '', 'Request body is empty.'],
    ['a body of spaces', '   ', 'Request body is empty.'],
    ['a body that is not JSON', '{"query": ', 'Unable to parse GraphQL query.'],
    ['JSON that is not an object', '[1,2]', 'Unable to parse GraphQL query.'],
    ['a request without a query', '{"variables":{}}', 'Unable to parse GraphQL query.'],
    ['a query that is not a string', '{"query": 42}', 'Unable to parse GraphQL query.'],
    [
      'variables that are not an object',
      '{"query":"{ echo(message: \\"x\\") }","variables":[1]}',
      'Unable to parse GraphQL query.',
    ],
    [
      'a query that does not parse',
      '{"query":"{ echo(message: "}',
      'Unable to parse GraphQL query.',
    ],
  ])('answers %s with 400 MalformedHttpRequestException', async (_name, body, message) => {
    const answer = await local.post(body);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      errors: [{ errorType: 'MalformedHttpRequestException', message }],
    });
    expect(answer.headers.get('x-amzn-errortype')).toBe('MalformedHttpRequestException');
  });

  it('writes nothing for a malformed or refused mutation, and stays up', async () => {
    const mutation = 'mutation { putItem(pk: "malformed", sk: "1", kind: "k") { pk } }';
    await local.post(`{"query": ${JSON.stringify(mutation)}`); // JSON cut short
    await local.post(JSON.stringify({ query: mutation.replace('{ pk }', '{ pk ') })); // unparsable
    await local.graphql(mutation, undefined, { 'x-api-key': 'da2-wrong' }); // refused key
    await local.graphql(mutation.replace('kind: "k"', 'kind: 42')); // invalid document
    const after = await local.graphql('{ getItem(pk: "malformed", sk: "1") { pk } }');
    expect(after.body).toEqual({ data: { getItem: null } });
  });

  it('refuses a body over the size limit with 413 and stays up', async () => {
    const answer = await local.post(
      JSON.stringify({ query: `{ echo(message: "${'x'.repeat(6 * 1024 * 1024)}") }` }),
    );
    expect(answer.status).toBe(413);
    expect(answer.body['errors']).toEqual([
      expect.objectContaining({ errorType: 'MalformedHttpRequestException' }),
    ]);
    expect(answer.headers.get('x-amzn-errortype')).toBe('MalformedHttpRequestException');
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
    const after = await local.graphql('{ echo(message: "still up") }');
    expect(after.body).toEqual({ data: { echo: 'still up' } });
  });

  it("answers a validation error with HTTP 200, data null, the location and AppSync's words", async () => {
    const answer = await local.graphql('{ echo(message: "x") nope }');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: null,
      errors: [
        {
          path: null,
          locations: [{ line: 1, column: 22, sourceName: null }],
          message:
            "Validation error of type FieldUndefined: Field 'nope' in type 'Query' is undefined @ 'nope'",
        },
      ],
    });
  });

  it('answers a variable of the wrong type as a request error with data null', async () => {
    const answer = await local.graphql('query ($m: String!) { echo(message: $m) }', { m: 12 });
    expect(answer.status).toBe(200);
    expect(answer.body['data']).toBeNull();
    expect(answer.body['errors']).toEqual([
      expect.objectContaining({ path: null, message: expect.stringContaining('$m') }),
    ]);
  });

  it('serves GET requests with the query in the query string', async () => {
    const url = new URL(local.api.url);
    url.searchParams.set('query', 'query ($m: String!) { echo(message: $m) }');
    url.searchParams.set('variables', JSON.stringify({ m: 'via GET' }));
    const response = await fetch(url, { headers: { 'x-api-key': local.api.apiKey } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { echo: 'via GET' } });
  });

  it('answers a CORS preflight and sends CORS headers on answers', async () => {
    const preflight = await fetch(local.api.url, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://example.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-api-key',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toBe('content-type,x-api-key');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const answer = await local.graphql('{ echo(message: "x") }');
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('x-amzn-requestid')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers other paths with 404 and other methods with 405', async () => {
    const origin = new URL(local.api.url).origin;
    expect((await fetch(`${origin}/nothing-here`)).status).toBe(404);
    expect((await fetch(local.api.url, { method: 'PUT' })).status).toBe(405);
  });

  it('logs one structured line per request, with the operation, status and error types', async () => {
    const before = local.requestLogs.length;
    await local.graphql(
      'query Named { echo(message: "logged") fail(message: "no", errorType: "Custom") { pk } }',
    );
    const log = local.requestLogs[before];
    expect(log).toEqual({
      requestId: expect.any(String),
      status: 200,
      operation: 'query',
      operationName: 'Named',
      durationMs: expect.any(Number),
      errors: 1,
      errorTypes: ['Custom'],
    });
  });
});

describe('credentials', () => {
  it.each([
    ['no credentials at all', { 'x-api-key': '' }],
    ['a wrong API key', { 'x-api-key': 'da2-wrong' }],
    ['a token that is not a JWT', { 'x-api-key': '', authorization: 'not-a-jwt' }],
  ])('refuses %s with 401 UnauthorizedException and runs nothing', async (_name, headers) => {
    const before = local.logLines.length;
    const answer = await local.graphql('{ echo(message: "x") }', undefined, headers);
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({
      errors: [{ errorType: 'UnauthorizedException', message: expect.any(String) }],
    });
    expect(local.logLines.length).toBe(before);
  });
});
