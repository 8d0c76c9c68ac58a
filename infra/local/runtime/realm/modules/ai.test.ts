import { conformanceTargets } from '../../testing/conformance';

/**
 * `@aws-appsync/utils/ai` (`invokeModel`, `converse`) through the conformance harness. "docs:" cases
 * are the examples of the AppSync Bedrock resolver reference (resolver-reference-bedrock-js) and of
 * the d.ts comments, with the request objects those examples build.
 */

interface Case {
  readonly name: string;
  readonly path: 'ai.invokeModel' | 'ai.converse';
  readonly payload: unknown;
  readonly expected: unknown;
}

const titanPrompt = 'Summarize this text in less than 100 words. : \n<text>Some text</text>';
const sqlAssistant = 'You are a database assistant that provides SQL queries.';

const valid: Case[] = [
  {
    name: 'docs: invokeModel with a guardrail',
    path: 'ai.invokeModel',
    payload: {
      modelId: 'amazon.titan-text-lite-v1',
      guardrailIdentifier: 'zabcd12345678',
      guardrailVersion: '1',
      body: { inputText: titanPrompt },
    },
    expected: {
      operation: 'InvokeModel',
      modelId: 'amazon.titan-text-lite-v1',
      guardrailIdentifier: 'zabcd12345678',
      guardrailVersion: '1',
      body: { inputText: titanPrompt },
    },
  },
  {
    name: 'docs (d.ts): invokeModel with a text generation config',
    path: 'ai.invokeModel',
    payload: {
      modelId: 'bedrock-model-id',
      body: {
        inputText: 'Describe the purpose of a "hello world" program in one line.',
        textGenerationConfig: { maxTokenCount: 512, temperature: 0.5, topP: 0.9 },
      },
    },
    expected: {
      operation: 'InvokeModel',
      modelId: 'bedrock-model-id',
      body: {
        inputText: 'Describe the purpose of a "hello world" program in one line.',
        textGenerationConfig: { maxTokenCount: 512, temperature: 0.5, topP: 0.9 },
      },
    },
  },
  {
    name: 'docs: converse with a system prompt and an inference profile',
    path: 'ai.converse',
    payload: {
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      system: [{ text: sqlAssistant }],
      messages: [{ role: 'user', content: [{ text: '<request>top product:</request>' }] }],
    },
    expected: {
      operation: 'Converse',
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      system: [{ text: sqlAssistant }],
      messages: [{ role: 'user', content: [{ text: '<request>top product:</request>' }] }],
    },
  },
  {
    name: 'docs: converse with a tool config and a guardrail config',
    path: 'ai.converse',
    payload: {
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: [{ role: 'user', content: [{ text: 'What is my top selling product?' }] }],
      toolConfig: {
        toolChoice: { tool: { name: 'structured_tool' } },
        tools: [
          {
            toolSpec: {
              name: 'structured_tool',
              inputSchema: { json: { type: 'object', properties: { sql: { type: 'string' } } } },
            },
          },
        ],
      },
      system: [{ text: sqlAssistant }],
      guardrailConfig: { guardrailIdentifier: 'iabc12345678', guardrailVersion: 'DRAFT' },
    },
    expected: {
      operation: 'Converse',
      modelId: 'us.anthropic.claude-3-5-haiku-20241022-v1:0',
      messages: [{ role: 'user', content: [{ text: 'What is my top selling product?' }] }],
      toolConfig: {
        toolChoice: { tool: { name: 'structured_tool' } },
        tools: [
          {
            toolSpec: {
              name: 'structured_tool',
              inputSchema: { json: { type: 'object', properties: { sql: { type: 'string' } } } },
            },
          },
        ],
      },
      system: [{ text: sqlAssistant }],
      guardrailConfig: { guardrailIdentifier: 'iabc12345678', guardrailVersion: 'DRAFT' },
    },
  },
  {
    name: 'converse passes inference settings and extra model fields through',
    path: 'ai.converse',
    payload: {
      modelId: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0',
      messages: [],
      inferenceConfig: { maxTokens: 100, temperature: 0, stopSequences: ['END'], topP: 1 },
      additionalModelRequestFields: { top_k: 5 },
      additionalModelResponseFieldPaths: ['/stop_sequence'],
      promptVariables: [{ topic: { text: 'sql' } }],
    },
    expected: {
      operation: 'Converse',
      modelId: 'arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-micro-v1:0',
      messages: [],
      inferenceConfig: { maxTokens: 100, temperature: 0, stopSequences: ['END'], topP: 1 },
      additionalModelRequestFields: { top_k: 5 },
      additionalModelResponseFieldPaths: ['/stop_sequence'],
      promptVariables: [{ topic: { text: 'sql' } }],
    },
  },
  {
    name: 'an operation in the payload is replaced by the helper’s own',
    path: 'ai.invokeModel',
    payload: { operation: 'Converse', modelId: 'm', body: 'raw body text' },
    expected: { operation: 'InvokeModel', modelId: 'm', body: 'raw body text' },
  },
  {
    name: 'a null invokeModel body is kept',
    path: 'ai.invokeModel',
    payload: { modelId: 'm', body: null },
    expected: { operation: 'InvokeModel', modelId: 'm', body: null },
  },
];

interface ErrorCase {
  readonly name: string;
  readonly path: 'ai.invokeModel' | 'ai.converse';
  readonly args: readonly unknown[];
}

const invalid: ErrorCase[] = [
  { name: 'invokeModel without a payload', path: 'ai.invokeModel', args: [] },
  { name: 'invokeModel with a null payload', path: 'ai.invokeModel', args: [null] },
  { name: 'invokeModel with an array payload', path: 'ai.invokeModel', args: [[]] },
  { name: 'invokeModel without modelId', path: 'ai.invokeModel', args: [{ body: {} }] },
  {
    name: 'invokeModel with an empty modelId',
    path: 'ai.invokeModel',
    args: [{ modelId: '', body: {} }],
  },
  {
    name: 'invokeModel with a numeric modelId',
    path: 'ai.invokeModel',
    args: [{ modelId: 1, body: {} }],
  },
  { name: 'invokeModel without body', path: 'ai.invokeModel', args: [{ modelId: 'm' }] },
  { name: 'converse with a string payload', path: 'ai.converse', args: ['hello'] },
  { name: 'converse without modelId', path: 'ai.converse', args: [{ messages: [] }] },
  { name: 'converse without messages', path: 'ai.converse', args: [{ modelId: 'm' }] },
  {
    name: 'converse with messages given as an object',
    path: 'ai.converse',
    args: [{ modelId: 'm', messages: { role: 'user', content: [] } }],
  },
];

for (const target of conformanceTargets()) {
  describe(target.name, () => {
    describe('request objects', () => {
      it.each(valid)('$name', ({ path, payload, expected }) => {
        const outcome = target.call(path, [payload]);
        expect(outcome).toEqual({ value: expected, record: expect.anything() });
      });

      it('puts operation first', () => {
        const outcome = target.call('ai.converse', [{ messages: [], modelId: 'm' }]);
        expect('value' in outcome && Object.keys(outcome.value as object)).toEqual([
          'operation',
          'messages',
          'modelId',
        ]);
      });
    });

    describe('invalid payloads', () => {
      it.each(invalid)('rejects $name', ({ path, args }) => {
        const outcome = target.call(path, args);
        expect(outcome).toHaveProperty('error');
        expect('error' in outcome ? outcome.error : undefined).toMatchSnapshot();
      });
    });
  });
}
