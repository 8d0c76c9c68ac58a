import { useLocalApi } from '../testing/local-api';

const local = useLocalApi();

describe('unit resolvers', () => {
  it('runs request handler, NONE data source and response handler', async () => {
    const answer = await local.graphql('{ echo(message: "hello") }');
    expect(answer.body).toEqual({ data: { echo: 'hello' } });
  });

  it('skips the data source and the response handler on runtime.earlyReturn', async () => {
    const answer = await local.graphql('{ earlyReturn(value: "now") }');
    expect(answer.body).toEqual({ data: { earlyReturn: 'early: now' } });
  });

  it('gives resolvers the context AppSync gives: env, headers, info with selections and variables', async () => {
    const answer = await local.graphql(
      'query Who($v: String!) { whoami { authType identity headers info env } echo(message: $v) }',
      { v: 'var' },
      { 'x-custom': 'custom value' },
    );
    const whoami = (answer.body['data'] as { whoami: Record<string, string> }).whoami;
    expect(whoami['authType']).toBe('API Key Authorization');
    expect(whoami['identity']).toBeNull();
    expect(JSON.parse(whoami['headers'] ?? '')).toMatchObject({
      'x-custom': 'custom value',
      'x-api-key': local.api.apiKey,
    });
    expect(JSON.parse(whoami['info'] ?? '')).toEqual({
      fieldName: 'whoami',
      parentTypeName: 'Query',
      variables: { v: 'var' },
      selectionSetList: ['authType', 'identity', 'headers', 'info', 'env'],
      selectionSetGraphQL: '{\n  authType\n  identity\n  headers\n  info\n  env\n}',
      source: null,
    });
    expect(JSON.parse(whoami['env'] ?? '')).toEqual({ ITEMS_TABLE: 'items', STAGE: 'test' });
  });

  it('lists aliases and fragment fields in selectionSetList', async () => {
    const answer = await local.graphql(
      'query { whoami { kind: authType ...Rest } } fragment Rest on Identity { info }',
    );
    const whoami = (answer.body['data'] as { whoami: { info: string } }).whoami;
    expect(JSON.parse(whoami.info)).toMatchObject({ selectionSetList: ['kind', 'info'] });
  });
});

describe('errors in AppSync format', () => {
  it('puts util.error message, type, selection-filtered data and unfiltered errorInfo at the top level', async () => {
    const answer = await local.graphql(
      `query ($data: AWSJSON, $info: AWSJSON) {
        fail(message: "it failed", errorType: "Custom:Type", data: $data, errorInfo: $info) { pk renamed: kind }
      }`,
      {
        data: JSON.stringify({ pk: 'p', kind: 'k', hidden: 'not selected' }),
        info: JSON.stringify({ hidden: 'kept', nested: { a: 1 } }),
      },
    );
    expect(answer.status).toBe(200);
    expect(JSON.stringify(answer.body)).toBe(
      JSON.stringify({
        data: { fail: null },
        errors: [
          {
            path: ['fail'],
            data: { pk: 'p', renamed: 'k' },
            errorType: 'Custom:Type',
            errorInfo: { hidden: 'kept', nested: { a: 1 } },
            locations: [{ line: 2, column: 9, sourceName: null }],
            message: 'it failed',
          },
        ],
      }),
    );
  });

  it('keeps the value and adds an entry on util.appendError', async () => {
    const answer = await local.graphql('{ appendError(message: "noted") }');
    expect(answer.body).toEqual({
      data: { appendError: 'kept' },
      errors: [
        {
          path: ['appendError'],
          data: null,
          errorType: 'Appended',
          errorInfo: { note: 'the value still counts' },
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'noted',
        },
      ],
    });
  });

  it('propagates null from a non-null field to its parent with graphql-java wording', async () => {
    const answer = await local.graphql('{ nonNull }');
    expect(answer.body).toEqual({
      data: null,
      errors: [
        {
          path: ['nonNull'],
          data: null,
          errorType: null,
          errorInfo: null,
          locations: [{ line: 1, column: 3, sourceName: null }],
          message:
            "Cannot return null for non-nullable type: 'String' within parent 'Query' (/nonNull)",
        },
      ],
    });
  });

  it('fails only the field whose data-source request AppSync refuses, naming the operation', async () => {
    const answer = await local.graphql('mutation { invalidDynamoRequest { pk } }');
    expect(answer.body['data']).toEqual({ invalidDynamoRequest: null });
    expect(answer.body['errors']).toEqual([
      expect.objectContaining({
        path: ['invalidDynamoRequest'],
        errorType: expect.any(String),
        message: expect.stringContaining('GetThing'),
      }),
    ]);
  });
});

describe('pipelines', () => {
  it('runs before, every function and after, sharing the stash and passing prev.result', async () => {
    const answer = await local.graphql(
      'mutation { pipelinePut(pk: "pipe", sk: "1", kind: "k") { pk sk kind } }',
    );
    expect(answer.body).toEqual({
      data: {
        pipelinePut: {
          pk: 'pipe',
          sk: '1',
          kind: 'before>validate(prev.pk=pipe)>write>annotate>after',
        },
      },
    });
    const stored = await local.graphql('{ getItem(pk: "pipe", sk: "1") { kind } }');
    expect(stored.body).toEqual({ data: { getItem: { kind: 'k' } } });
  });

  it('skips a function on earlyReturn and goes on with the next', async () => {
    const answer = await local.graphql(
      'mutation { pipelinePut(pk: "pipe", sk: "2", kind: "k", skipWrite: true) { pk sk kind } }',
    );
    expect(answer.body).toEqual({
      data: {
        pipelinePut: {
          pk: 'pipe',
          sk: '2',
          kind: 'before>validate(prev.pk=pipe)>write-skipped>annotate>after',
        },
      },
    });
    const stored = await local.graphql('{ getItem(pk: "pipe", sk: "2") { kind } }');
    expect(stored.body).toEqual({ data: { getItem: null } });
  });

  it('halts the whole pipeline on util.error in a function: nothing is written', async () => {
    const answer = await local.graphql(
      'mutation { pipelinePut(pk: "pipe", sk: "3", kind: "invalid") { pk } }',
    );
    expect(answer.body).toEqual({
      data: { pipelinePut: null },
      errors: [
        expect.objectContaining({
          path: ['pipelinePut'],
          errorType: 'InvalidArgument',
          message: 'kind "invalid" is refused by the validate step',
        }),
      ],
    });
    const stored = await local.graphql('{ getItem(pk: "pipe", sk: "3") { kind } }');
    expect(stored.body).toEqual({ data: { getItem: null } });
  });
});

describe('scalars', () => {
  it('parses AWSJSON for resolvers and serializes it back to a string', async () => {
    const answer = await local.graphql(
      'query ($j: AWSJSON) { scalars(input: { json: $j }) { json } }',
      {
        j: '{"a":[1,2]}',
      },
    );
    expect(answer.body).toEqual({ data: { scalars: { json: '{"a":[1,2]}' } } });
  });

  it.each([
    ['dateTime', 'AWSDateTime', '2026-11-21T10:00:00+0100'],
    ['date', 'AWSDate', '2026-13-01'],
    ['email', 'AWSEmail', 'not-an-email'],
    ['json', 'AWSJSON', '{not json'],
    ['ip', 'AWSIPAddress', '300.1.1.1'],
    ['url', 'AWSURL', 'no-scheme'],
    ['timestamp', 'AWSTimestamp', 'yesterday'],
  ])('refuses an invalid %s (%s) variable as a request error', async (field, scalar, value) => {
    const answer = await local.graphql(
      `query ($v: ${scalar}) { scalars(input: { ${field}: $v }) { ${field} } }`,
      { v: value },
    );
    expect(answer.status).toBe(200);
    expect(answer.body['data']).toBeNull();
    expect(answer.body['errors']).toEqual([
      {
        path: null,
        locations: [expect.objectContaining({ line: 1 })],
        message: expect.stringMatching(
          new RegExp(
            `^Variable 'v' has an invalid value\\. Unable to parse .* as a valid ${scalar}`,
          ),
        ),
      },
    ]);
  });

  it('accepts valid values of every scalar', async () => {
    const input = {
      date: '1970-01-01Z',
      time: '12:30:00.123',
      dateTime: '2026-11-21T10:00:00.000+01:00',
      timestamp: 1763719200,
      email: 'ana@example.com',
      phone: '+1 206 555 0100',
      url: 'https://example.com/a',
      ip: '10.0.0.0/8',
    };
    const answer = await local.graphql(
      `query ($i: ScalarsInput!) { scalars(input: $i) { date time dateTime timestamp email phone url ip } }`,
      { i: input },
    );
    expect(answer.body).toEqual({ data: { scalars: input } });
  });
});
