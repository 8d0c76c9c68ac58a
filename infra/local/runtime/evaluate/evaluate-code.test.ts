import { Sandbox } from '../sandbox/sandbox';
import { evaluateCode, EvaluateCodeInputError, type EvaluateCodeRequest } from './evaluate-code';

const runtime = { name: 'APPSYNC_JS', runtimeVersion: '1.0.0' };
let sandbox: Sandbox;

beforeAll(() => {
  sandbox = Sandbox.create();
});

function evaluate(code: string, context: unknown, fn?: string): ReturnType<typeof evaluateCode> {
  const request: EvaluateCodeRequest = {
    runtime,
    code,
    context: JSON.stringify(context),
    ...(fn ? { function: fn } : {}),
  };
  return evaluateCode(request, { sandbox });
}

describe('evaluateCode, against the examples of AWS’s documentation', () => {
  it('gives the documented response for test-debug-resolvers-js (function response)', async () => {
    // Code and context verbatim from https://docs.aws.amazon.com/appsync/latest/devguide/test-debug-resolvers-js.html
    const code = [
      "import { util } from '@aws-appsync/utils';",
      '',
      'export function request(ctx) {',
      '  return {',
      "    operation: 'PutItem',",
      '    key: util.dynamodb.toMapValues({ id: util.autoId() }),',
      '    attributeValues: util.dynamodb.toMapValues(ctx.args),',
      '  };',
      '}',
      '',
      'export function response(ctx) {',
      "  if (ctx.identity.username === 'Nadia') {",
      '    console.log("This request is allowed")',
      '    return ctx.result;',
      '  }',
      '  util.unauthorized();',
      '}',
      '',
    ].join('\n');
    const context = {
      arguments: { firstname: 'Shaggy', age: 4 },
      source: {},
      result: { breed: 'Miniature Schnauzer', color: 'black_grey' },
      identity: {
        sub: 'uuid',
        issuer: ' https://cognito-idp.{region}.amazonaws.com/{userPoolId}',
        username: 'Nadia',
        claims: {},
        sourceIp: ['x.x.x.x'],
        defaultAuthStrategy: 'ALLOW',
      },
    };
    expect(await evaluate(code, context, 'response')).toEqual({
      evaluationResult: '{"breed":"Miniature Schnauzer","color":"black_grey"}',
      logs: ['INFO - code.js:13:5: "This request is allowed"'],
    });
  });

  it('gives the documented response for test-resolvers (code reconstructed to fit the documented logs)', async () => {
    // The page shows the response only; this code puts its two console.log calls where the logs say.
    const code = [
      "import { util } from '@aws-appsync/utils';",
      '',
      'export function request(ctx) {',
      '  const { id, ...values } = ctx.args;',
      "  console.log('current id', id);",
      '  const key = util.dynamodb.toMapValues({ id });',
      '  const attributeValues = util.dynamodb.toMapValues(values);',
      "  const request = { operation: 'PutItem', key, attributeValues };",
      "  console.log('request evaluated');",
      '  return request;',
      '}',
      '',
      'export function response(ctx) {',
      '  return ctx.result;',
      '}',
      '',
    ].join('\n');
    const context = {
      arguments: {
        id: 'record-id',
        owner: 'John doe',
        expectedVersion: 2,
        authorId: 'Sammy Davis',
      },
    };
    expect(await evaluate(code, context, 'request')).toEqual({
      evaluationResult:
        '{"operation":"PutItem","key":{"id":{"S":"record-id"}},"attributeValues":{"owner":{"S":"John doe"},"expectedVersion":{"N":2},"authorId":{"S":"Sammy Davis"}}}',
      logs: [
        'INFO - code.js:5:3: "current id" "record-id"',
        'INFO - code.js:9:3: "request evaluated"',
      ],
    });
  });
});

describe('evaluateCode, errors as AppSync reports them', () => {
  const handler = (body: string): string =>
    `import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n${body}\n}\nexport function response(ctx) {\n  return ctx.result;\n}\n`;

  it('reports util.error as a bare message (recorded from AWS by localstack/appsync-utils)', async () => {
    expect(await evaluate(handler("  util.error('foo');"), {})).toEqual({
      error: { message: 'foo' },
      logs: [],
    });
  });

  it('reports util.unauthorized as "Unauthorized" (recorded from AWS by localstack/appsync-utils)', async () => {
    expect(await evaluate(handler('  util.unauthorized();'), {})).toEqual({
      error: { message: 'Unauthorized' },
      logs: [],
    });
  });

  it('prefixes a runtime error with its position in code.js', async () => {
    expect(await evaluate(handler('  return ctx.args.user.name;'), { arguments: {} })).toEqual({
      error: {
        message: "code.js:3:24: TypeError: Cannot read properties of undefined (reading 'name')",
      },
      logs: [],
    });
  });

  it('refuses a util AppSync does not have, as AppSync’s type check does', async () => {
    const response = await evaluate(handler('  return util.time.epochSecondsToISO8601(0);'), {});
    expect(response).toEqual({
      error: {
        message:
          "code.js(3,20): error TS2551: Property 'epochSecondsToISO8601' does not exist on type 'TimeUtils'. Did you mean 'epochMilliSecondsToISO8601'?",
        codeErrors: [
          {
            errorType: 'PARSE_ERROR',
            value:
              "code.js(3,20): error TS2551: Property 'epochSecondsToISO8601' does not exist on type 'TimeUtils'. Did you mean 'epochMilliSecondsToISO8601'?\n",
            location: { line: 3, column: 20, span: 21 },
          },
        ],
      },
    });
  });

  it('refuses what APPSYNC_JS does not support, with the rule and its location', async () => {
    const response = await evaluate(
      handler('  let n = 0;\n  while (n < 2) { n = n + 1; }\n  return n;'),
      {},
    );
    expect(response.error?.codeErrors).toEqual([
      {
        errorType: 'LINT_ERROR',
        value: 'code.js(4,3): error @aws-appsync/no-while: While statements are not supported.\n',
        location: { line: 4, column: 3, span: 28 },
      },
    ]);
  });

  it('refuses code that does not parse', async () => {
    const response = await evaluate('export function request(ctx) { return {; }\n', {});
    expect(response.error?.codeErrors?.[0]).toMatchObject({
      errorType: 'PARSE_ERROR',
      location: { line: 1 },
    });
  });
});

describe('evaluateCode, the rest of the response', () => {
  it('returns the stash the handler left, as JSON text', async () => {
    const code =
      'export function request(ctx) {\n  ctx.stash.seen = true;\n  return {};\n}\nexport function response(ctx) { return null; }\n';
    expect(await evaluate(code, { stash: { first: 1 } })).toEqual({
      evaluationResult: '{}',
      logs: [],
      stash: '{"first":1,"seen":true}',
    });
  });

  it('returns appended errors in outErrors, beside the result', async () => {
    const code =
      "import { util } from '@aws-appsync/utils';\nexport function request(ctx) {\n  util.appendError('careful', 'Warning', null, { n: 1 });\n  return 1;\n}\nexport function response(ctx) { return null; }\n";
    expect(await evaluate(code, {})).toEqual({
      evaluationResult: '1',
      logs: [],
      outErrors: '[{"message":"careful","errorType":"Warning","data":null,"errorInfo":{"n":1}}]',
    });
  });

  it('evaluates the request function when none is named', async () => {
    const code =
      'export function request(ctx) { return ctx.args; }\nexport function response(ctx) { return null; }\n';
    expect(await evaluate(code, { arguments: { a: 1 } })).toEqual({
      evaluationResult: '{"a":1}',
      logs: [],
    });
  });
});

describe('evaluateCode input', () => {
  const code =
    'export function request(ctx) { return 1; }\nexport function response(ctx) { return 1; }\n';

  it.each<[string, Partial<EvaluateCodeRequest>, string]>([
    [
      'another runtime',
      { runtime: { name: 'APPSYNC_JS', runtimeVersion: '2.0.0' } },
      'runtime: received {"name":"APPSYNC_JS","runtimeVersion":"2.0.0"}; the only runtime is {"name":"APPSYNC_JS","runtimeVersion":"1.0.0"}.',
    ],
    ['empty code', { code: '' }, 'code: received 0 characters; expected 1 to 32768.'],
    ['a context that is not JSON', { context: '{oops' }, 'context: is not valid JSON'],
    [
      'a context that is not an object',
      { context: '[1, 2]' },
      'context: must be a JSON object (the ctx of the handler).',
    ],
    [
      'an unknown function',
      { function: 'handler' },
      'function: received "handler"; expected "request" or "response".',
    ],
  ])('refuses %s before running anything', async (_case, change, message) => {
    const request = { runtime, code, context: '{}', ...change } as EvaluateCodeRequest;
    await expect(evaluateCode(request, { sandbox })).rejects.toThrow(EvaluateCodeInputError);
    await expect(evaluateCode(request, { sandbox })).rejects.toThrow(message);
  });
});
