import { createPaginationTokens, type TokenBinding } from './tokens';
import type { AttributeMap } from './typed-values';

const binding: TokenBinding = { unit: 'Query.listPosts', table: 'posts-table', index: undefined };
const lastKey: AttributeMap = {
  pk: { S: 'p#1' },
  sk: { N: '42' },
  bin: { B: new Uint8Array([1, 2]) },
};

describe('pagination tokens', () => {
  const tokens = createPaginationTokens('a local secret');

  it('gives back the key it was issued for', () => {
    expect(tokens.open(tokens.issue(lastKey, binding), binding)).toEqual(lastKey);
  });

  it('is opaque: the key does not appear in the token', () => {
    const token = tokens.issue(lastKey, binding);
    expect(Buffer.from(token, 'base64').toString('utf8')).not.toContain('p#1');
    expect(token).not.toContain('p#1');
  });

  it.each<[string, TokenBinding]>([
    ['another resolver', { ...binding, unit: 'Query.listComments' }],
    [
      'another pipeline function of the same field',
      { ...binding, unit: 'Query.listPosts/02.load' },
    ],
    ['another table', { ...binding, table: 'comments-table' }],
    ['another index', { ...binding, index: 'byAuthor' }],
  ])('refuses a token issued for %s', (_name, other) => {
    expect(tokens.open(tokens.issue(lastKey, binding), other)).toBeUndefined();
  });

  it('refuses a token issued with another secret', () => {
    const foreign = createPaginationTokens('another secret').issue(lastKey, binding);
    expect(tokens.open(foreign, binding)).toBeUndefined();
  });

  it('refuses a token whose encrypted part was altered', () => {
    const envelope = JSON.parse(
      Buffer.from(tokens.issue(lastKey, binding), 'base64').toString('utf8'),
    ) as { version: number; token: string };
    const blob = Buffer.from(envelope.token, 'base64url');
    blob[20] = (blob[20] ?? 0) ^ 1;
    const altered = Buffer.from(
      JSON.stringify({ ...envelope, token: blob.toString('base64url') }),
    ).toString('base64');
    expect(tokens.open(altered, binding)).toBeUndefined();
  });

  it.each([
    ['an empty string', ''],
    ['text that is not base64 JSON', 'not a token'],
    [
      'base64 of JSON of another shape',
      Buffer.from('{"version":2,"token":"x"}').toString('base64'),
    ],
    [
      'a plain base64 LastEvaluatedKey',
      Buffer.from(JSON.stringify({ pk: { S: 'p#1' } })).toString('base64'),
    ],
  ])('refuses %s', (_name, token) => {
    expect(tokens.open(token, binding)).toBeUndefined();
  });

  it('accepts secrets given as bytes', () => {
    const fromBytes = createPaginationTokens(new Uint8Array([1, 2, 3]));
    expect(fromBytes.open(fromBytes.issue(lastKey, binding), binding)).toEqual(lastKey);
  });

  it('refuses an empty secret', () => {
    expect(() => createPaginationTokens('')).toThrowErrorMatchingInlineSnapshot(
      `"The pagination token secret is empty; expected a non-empty string or bytes."`,
    );
  });
});
