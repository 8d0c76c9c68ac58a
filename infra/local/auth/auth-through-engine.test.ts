import { dataDirLayout } from '../data-dir';
import { useLocalApi } from '../testing/local-api';
import { openLocalIssuer, type LocalIssuer } from './local-issuer';

/** Authorization end to end: credentials over HTTP, directives on every field, identities. */
const local = useLocalApi();
let issuer: LocalIssuer;

beforeAll(async () => {
  // The same pool file the engine trusts, as `courier token` would open it.
  issuer = await openLocalIssuer(dataDirLayout(local.api.dataDir).issuer);
});

const asUser = (username: string, groups: string[] = []) => ({
  'x-api-key': '',
  authorization: issuer.mint({ username, groups }),
});

describe('Cognito user-pool tokens from the local issuer', () => {
  it('authenticates a token and gives resolvers the user-pool identity', async () => {
    const answer = await local.graphql(
      '{ whoami { authType identity } }',
      undefined,
      asUser('ana', ['readers']),
    );
    const whoami = (answer.body['data'] as { whoami: { authType: string; identity: string } })
      .whoami;
    expect(whoami.authType).toBe('User Pool Authorization');
    const identity = JSON.parse(whoami.identity) as Record<string, unknown>;
    expect(identity).toEqual({
      sub: expect.any(String),
      issuer: issuer.issuer,
      username: 'ana',
      claims: expect.objectContaining({ 'cognito:username': 'ana', 'cognito:groups': ['readers'] }),
      sourceIp: ['127.0.0.1'],
      defaultAuthStrategy: 'ALLOW',
      groups: ['readers'],
    });
  });

  it.each([
    ['an expired token', () => issuer.mint({ username: 'ana', now: Date.now() - 7_200_000 })],
    ['a tampered token', () => `${issuer.mint({ username: 'ana' }).slice(0, -4)}AAAA`],
    ['a Bearer-prefixed token', () => `Bearer ${issuer.mint({ username: 'ana' })}`],
  ])('refuses %s with 401 UnauthorizedException', async (_name, token) => {
    const answer = await local.graphql('{ echo(message: "x") }', undefined, {
      'x-api-key': '',
      authorization: token(),
    });
    expect(answer.status).toBe(401);
    expect(answer.body['errors']).toEqual([
      { errorType: 'UnauthorizedException', message: expect.any(String) },
    ]);
  });
});

describe('auth directives, field by field', () => {
  it('lets a member of a listed group read a group-restricted field', async () => {
    const answer = await local.graphql('{ adminOnly }', undefined, asUser('root', ['admins']));
    expect(answer.body).toEqual({ data: { adminOnly: 'for admins' } });
  });

  it.each([
    ['a user outside the group', () => asUser('ana', ['readers'])],
    ['the API key (the field names Cognito only)', () => ({})],
  ])('answers %s with null and an Unauthorized field error', async (_name, headers) => {
    const answer = await local.graphql(
      '{ adminOnly echo(message: "still runs") }',
      undefined,
      headers(),
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { adminOnly: null, echo: 'still runs' },
      errors: [
        {
          path: ['adminOnly'],
          data: null,
          errorType: 'Unauthorized',
          errorInfo: null,
          locations: [{ line: 1, column: 3, sourceName: null }],
          message: 'Not Authorized to access adminOnly on type Query',
        },
      ],
    });
  });

  it('lets a field directive override its type: keyOnly refuses a user-pool caller', async () => {
    const answer = await local.graphql('{ keyOnly }', undefined, asUser('ana'));
    expect(answer.body['errors']).toEqual([
      expect.objectContaining({
        errorType: 'Unauthorized',
        message: 'Not Authorized to access keyOnly on type Query',
      }),
    ]);
    expect((await local.graphql('{ keyOnly }')).body).toEqual({
      data: { keyOnly: 'for API keys' },
    });
  });

  it('checks nested types too: a type without directives is for the default mode only', async () => {
    await local.graphql('mutation { putItem(pk: "auth", sk: "1") { pk } }');
    const query = '{ getItem(pk: "auth", sk: "1") { pk secret { code } } }';
    expect((await local.graphql(query)).body).toEqual({
      data: { getItem: { pk: 'auth', secret: { code: 'only through the default mode' } } },
    });
    const asAna = await local.graphql(query, undefined, asUser('ana'));
    expect(asAna.body).toEqual({
      data: { getItem: { pk: 'auth', secret: { code: null } } },
      errors: [
        expect.objectContaining({
          path: ['getItem', 'secret', 'code'],
          errorType: 'Unauthorized',
          message: 'Not Authorized to access code on type Secret',
        }),
      ],
    });
  });
});
