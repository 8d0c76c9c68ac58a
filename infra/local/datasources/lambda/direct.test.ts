import { directLambdaPayload, directLambdaResponse } from './direct';

describe('directLambdaPayload', () => {
  it('sends the whole resolver context, and only what AppSync sends', () => {
    const context = {
      arguments: { name: 'orders' },
      args: { name: 'orders' },
      identity: { sub: 'user-1', username: 'ada', claims: { scope: 'x' } },
      source: null,
      request: { headers: { 'x-api-key': 'key' }, domainName: null },
      info: {
        fieldName: 'queue',
        parentTypeName: 'Query',
        variables: { name: 'orders' },
        selectionSetList: ['name', 'stats', 'stats/visible'],
        selectionSetGraphQL: '{\n  name\n  stats {\n    visible\n  }\n}',
      },
      env: { QUEUES_TABLE: 'queues' },
      stash: { seen: true },
      prev: { result: { ok: 1 } },
    };
    expect(directLambdaPayload(context)).toEqual({
      arguments: { name: 'orders' },
      identity: { sub: 'user-1', username: 'ada', claims: { scope: 'x' } },
      source: null,
      request: { headers: { 'x-api-key': 'key' }, domainName: null },
      prev: { result: { ok: 1 } },
      info: {
        fieldName: 'queue',
        parentTypeName: 'Query',
        variables: { name: 'orders' },
        selectionSetList: ['name', 'stats', 'stats/visible'],
        selectionSetGraphQL: '{\n  name\n  stats {\n    visible\n  }\n}',
      },
      stash: { seen: true },
    });
  });

  it('fills what the engine leaves out with AppSync empty values', () => {
    expect(directLambdaPayload({ info: { fieldName: 'queues', parentTypeName: 'Query' } })).toEqual(
      {
        arguments: {},
        identity: null,
        source: null,
        request: { headers: {}, domainName: null },
        prev: null,
        info: {
          fieldName: 'queues',
          parentTypeName: 'Query',
          variables: {},
          selectionSetList: [],
          selectionSetGraphQL: '',
        },
        stash: {},
      },
    );
  });

  it('copies the context, so the function never shares objects with the engine', () => {
    const source = { name: 'orders' };
    const payload = directLambdaPayload({ source });
    source.name = 'changed';
    expect(payload.source).toEqual({ name: 'orders' });
  });
});

describe('directLambdaResponse', () => {
  it.each([
    ['the result', { result: { name: 'orders' } }, { value: { name: 'orders' } }],
    ['null for no result', { result: undefined }, { value: null }],
    [
      'the error as util.error(message, type, result) would raise it',
      {
        result: null,
        error: { type: 'Lambda:Unhandled', message: 'No queue named orders' },
      },
      { error: { message: 'No queue named orders', errorType: 'Lambda:Unhandled', data: null } },
    ],
    [
      'an error with the partial result as its data',
      { result: { partial: true }, error: { type: 'Lambda:Unhandled', message: 'half done' } },
      { error: { message: 'half done', errorType: 'Lambda:Unhandled', data: { partial: true } } },
    ],
  ])('returns %s', (_case, outcome, expected) => {
    expect(directLambdaResponse(outcome)).toEqual(expected);
  });
});
