import { createNoneDataSource } from './none';
import { DataSourceRequestError } from './types';

const call = { unit: 'Mutation.publish' };

describe('the NONE data source', () => {
  it.each<[string, unknown, unknown]>([
    ['an object payload', { payload: { id: '1', tags: ['a'] } }, { id: '1', tags: ['a'] }],
    ['an empty payload', { payload: {} }, {}],
    ['a null payload', { payload: null }, null],
    ['a scalar payload', { payload: 'text' }, 'text'],
    ['no payload', {}, null],
    ['members JSON cannot carry', { payload: { gone: undefined, kept: 1 } }, { kept: 1 }],
  ])('returns %s as ctx.result', async (_case, request, expected) => {
    await expect(createNoneDataSource().invoke(request, call)).resolves.toEqual({
      result: expected,
    });
  });

  it('returns a copy that does not share objects with the request', async () => {
    const payload = { nested: { count: 1 } };
    const { result } = await createNoneDataSource().invoke({ payload }, call);
    payload.nested.count = 2;
    expect(result).toEqual({ nested: { count: 1 } });
  });

  it.each<[string, unknown, string]>([
    ['a string', 'payload', 'string'],
    ['null', null, 'null'],
    ['an array', [{ payload: 1 }], 'an array'],
  ])('refuses a request that is %s, saying what it received', async (_case, request, shown) => {
    const invocation = createNoneDataSource().invoke(request, call);
    await expect(invocation).rejects.toBeInstanceOf(DataSourceRequestError);
    await expect(invocation).rejects.toThrow(
      `A NONE data source request must be an object such as { payload }; received ${shown}.`,
    );
  });
});
