import { useLocalApi } from '../testing/local-api';

/** Lambda data sources end to end: the fixture API's handler runs as Lambda runs it. */
const local = useLocalApi();

describe('Lambda data sources through the engine', () => {
  it('invokes the handler with the payload as its event and the manifest environment', async () => {
    const answer = await local.graphql('{ lambdaEcho(text: "hi") }');
    expect(answer.body).toEqual({
      data: { lambdaEcho: JSON.stringify({ text: 'hi', greeting: 'hello from the manifest' }) },
    });
  });

  it('sends the whole context to a direct Lambda resolver and returns its result', async () => {
    const answer = await local.graphql('{ lambdaDirect(text: "direct") }');
    expect(JSON.parse((answer.body['data'] as { lambdaDirect: string }).lambdaDirect)).toEqual({
      direct: true,
      fieldName: 'lambdaDirect',
      arguments: { text: 'direct' },
    });
  });

  it('turns a thrown error into Lambda:Unhandled with the error message', async () => {
    const answer = await local.graphql('{ lambdaFail(message: "the handler gave up") }');
    expect(answer.body).toEqual({
      data: { lambdaFail: null },
      errors: [
        expect.objectContaining({
          path: ['lambdaFail'],
          errorType: 'Lambda:Unhandled',
          message: 'the handler gave up',
        }),
      ],
    });
  });

  it('reaches DynamoDB Local from Dynamoose through AWS_ENDPOINT_URL_DYNAMODB alone', async () => {
    const put = await local.graphql(
      'mutation { lambdaPutItem(pk: "lambda", sk: "1", kind: "from-dynamoose") { pk sk kind } }',
    );
    expect(put.body).toEqual({
      data: { lambdaPutItem: { pk: 'lambda', sk: '1', kind: 'from-dynamoose' } },
    });
    // Written by the Lambda, read by an APPSYNC_JS resolver: one database.
    const read = await local.graphql(
      '{ getItem(pk: "lambda", sk: "1") { kind } lambdaReadItem(pk: "lambda", sk: "1") { kind } }',
    );
    expect(read.body).toEqual({
      data: { getItem: { kind: 'from-dynamoose' }, lambdaReadItem: { kind: 'from-dynamoose' } },
    });
  });

  it('batches a list field into BatchInvoke calls of at most maxBatchSize', async () => {
    const sks = Array.from({ length: 7 }, (_, i) => `s${i}`);
    await local.graphql(
      `mutation { batchPutItems(pk: "summaries", sks: ${JSON.stringify(sks)}) { sk } }`,
    );
    const answer = await local.graphql('{ queryItems(pk: "summaries") { items { sk summary } } }');
    const items = (
      answer.body['data'] as { queryItems: { items: { sk: string; summary: string }[] } }
    ).queryItems.items;
    expect(items.map((item) => item.summary)).toEqual([
      ...sks.slice(0, 5).map((sk) => `summary of ${sk} (batch of 5)`),
      ...sks.slice(5).map((sk) => `summary of ${sk} (batch of 2)`),
    ]);
  });
});
