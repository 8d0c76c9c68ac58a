import { connectCredentials, offeredProtocols, rawQueryParameter } from './connect-auth';

const encode = (value: unknown, encoding: 'base64' | 'base64url'): string =>
  Buffer.from(JSON.stringify(value)).toString(encoding);

describe('connectCredentials', () => {
  it.each<[string, string[], string, ReturnType<typeof connectCredentials>]>([
    [
      'prefers the subprotocol when a client sends both',
      ['graphql-ws', `header-${encode({ 'x-api-key': 'from-protocol' }, 'base64url')}`],
      `/r?header=${encode({ 'x-api-key': 'from-query' }, 'base64')}`,
      { source: 'subprotocol', headers: { 'x-api-key': 'from-protocol' } },
    ],
    [
      'takes padded standard base64 in the subprotocol too',
      ['graphql-ws', `header-${encode({ A: 'b' }, 'base64')}`],
      '/r',
      { source: 'subprotocol', headers: { a: 'b' } },
    ],
    [
      'drops fields whose values are not strings',
      ['graphql-ws', `header-${encode({ host: 'h', n: 1, o: {} }, 'base64url')}`],
      '/r',
      { source: 'subprotocol', headers: { host: 'h' } },
    ],
    [
      'reads an empty header parameter as not base64',
      ['graphql-ws'],
      '/r?payload=e30=&header=',
      { source: 'query', headers: null, problem: 'the header value is not base64 (received "")' },
    ],
  ])('%s', (_name, protocols, url, expected) => {
    expect(connectCredentials(protocols, url)).toEqual(expected);
  });
});

describe('rawQueryParameter', () => {
  it.each<[string, string | undefined]>([
    ['/r?header=a+b/c==&payload=e30=', 'a+b/c=='],
    ['/r?header=a%2Bb%2Fc%3D%3D', 'a+b/c=='],
    ['/r?header=%E0%A4%A', '%E0%A4%A'],
    ['/r?headers=x', undefined],
    ['/r', undefined],
  ])('reads %s as %p', (url, expected) => {
    expect(rawQueryParameter(url, 'header')).toBe(expected);
  });
});

describe('offeredProtocols', () => {
  it.each<[string | string[] | undefined, string[]]>([
    ['graphql-ws, header-abc', ['graphql-ws', 'header-abc']],
    [
      ['graphql-ws', 'header-abc'],
      ['graphql-ws', 'header-abc'],
    ],
    [' , ', []],
    [undefined, []],
  ])('splits %p', (header, expected) => {
    expect(offeredProtocols(header)).toEqual(expected);
  });
});
