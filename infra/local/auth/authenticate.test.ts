import { createHash, createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignatureV4 } from '@smithy/signature-v4';
import {
  AuthConfigurationError,
  createAuthenticator,
  LOCAL_IAM_CREDENTIALS,
  sourceIpList,
  type Authenticator,
  type AuthenticatorOptions,
  type RequestHeaders,
} from './authenticate';
import { openLocalIssuer, type LocalIssuer } from './local-issuer';
import { NodeSha256 } from './sigv4';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const API_KEY = 'da2-localtestkey0000000000';
const BODY = JSON.stringify({ query: '{ queues { items { name } } }' });
const PEER = '127.0.0.1';

let dir: string;
let issuer: LocalIssuer;
let otherPool: LocalIssuer;
let courier: Authenticator;

// Key generation is slow: two pools for the whole file.
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'courier-authn-'));
  [issuer, otherPool] = await Promise.all([
    openLocalIssuer(path.join(dir, 'a.json')),
    openLocalIssuer(path.join(dir, 'b.json')),
  ]);
  courier = authenticator({});
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Courier's own configuration (API key default; Cognito and IAM additional), at NOW. */
function authenticator(overrides: Partial<AuthenticatorOptions>): Authenticator {
  return createAuthenticator({
    defaultMode: 'API_KEY',
    additionalModes: ['AMAZON_COGNITO_USER_POOLS', 'AWS_IAM'],
    apiKeys: ['da2-someotherkey', API_KEY],
    issuer,
    clock: () => NOW,
    ...overrides,
  });
}

interface SignOptions {
  readonly credentials?: { accessKeyId: string; secretAccessKey: string };
  readonly service?: string;
  readonly at?: number;
  readonly body?: string;
  /** Whether to send (and sign) x-amz-content-sha256; default true, as the SDK does. */
  readonly checksum?: boolean;
}

/** Signs a POST /graphql as the AWS SDK does (same signer the SDK and Amplify use). */
async function signed(options: SignOptions = {}): Promise<Record<string, string>> {
  const signer = new SignatureV4({
    credentials: options.credentials ?? LOCAL_IAM_CREDENTIALS,
    region: 'us-east-1',
    service: options.service ?? 'appsync',
    sha256: NodeSha256,
    applyChecksum: options.checksum ?? true,
  });
  const request = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 4000,
      path: '/graphql',
      query: {},
      headers: { host: '127.0.0.1:4000', 'content-type': 'application/json' },
      body: options.body ?? BODY,
    },
    { signingDate: new Date(options.at ?? NOW) },
  );
  return request.headers;
}

/** An independent SigV4 signer (node:crypto only), so the verifier is not checked against itself. */
function signedByHand(): Record<string, string> {
  const amzDate = '20300101T120000Z';
  const headers: Record<string, string> = {
    'content-type': 'application/json; charset=UTF-8',
    host: 'localhost:4000',
    'x-amz-date': amzDate,
  };
  const names = Object.keys(headers).sort();
  const sha = (text: string): string => createHash('sha256').update(text).digest('hex');
  const canonical = [
    'POST',
    '/graphql',
    '',
    ...names.map((name) => `${name}:${headers[name]}`),
    '',
    names.join(';'),
    sha(BODY),
  ].join('\n');
  const scope = '20300101/eu-west-1/appsync/aws4_request';
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
  let key: Buffer | string = 'AWS4courier';
  for (const part of scope.split('/')) {
    key = createHmac('sha256', key).update(part).digest();
  }
  const signature = createHmac('sha256', key).update(toSign).digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=courier/${scope}, SignedHeaders=${names.join(';')}, Signature=${signature}`,
  };
}

const POST = { method: 'POST', url: '/graphql', body: BODY };

describe('request authentication: modes', () => {
  it('accepts a known API key: API_KEY mode, no identity', async () => {
    expect(await courier.authenticate({ 'x-api-key': API_KEY }, PEER)).toEqual({
      ok: true,
      mode: 'API_KEY',
      identity: null,
      authType: 'API Key Authorization',
      principal: { mode: 'API_KEY', groups: null },
    });
  });

  it('accepts an ID token of the local pool, with the Cognito identity', async () => {
    const token = issuer.mint({ username: 'ana', groups: ['admins'], now: NOW });
    const result = await courier.authenticate(
      { authorization: token, 'x-forwarded-for': '203.0.113.7' },
      PEER,
    );
    const claims = issuer.verify(token, NOW);
    expect(result).toEqual({
      ok: true,
      mode: 'AMAZON_COGNITO_USER_POOLS',
      authType: 'User Pool Authorization',
      identity: {
        sub: claims.ok ? claims.claims.sub : 'unreachable',
        issuer: issuer.issuer,
        username: 'ana',
        claims: claims.ok ? claims.claims : 'unreachable',
        sourceIp: ['203.0.113.7', '127.0.0.1'],
        defaultAuthStrategy: 'ALLOW',
        groups: ['admins'],
      },
      principal: { mode: 'AMAZON_COGNITO_USER_POOLS', groups: ['admins'] },
    });
  });

  it('accepts an access token, taking the username from its username claim', async () => {
    const token = issuer.mint({ username: 'bob', tokenUse: 'access', now: NOW });
    const result = await courier.authenticate({ authorization: token }, PEER);
    expect(result).toMatchObject({
      ok: true,
      identity: { username: 'bob', groups: null, sourceIp: ['127.0.0.1'] },
    });
  });

  it('accepts a request signed with the local IAM credentials, with the IAM identity', async () => {
    expect(await courier.authenticate(await signed(), '::ffff:127.0.0.1', POST)).toEqual({
      ok: true,
      mode: 'AWS_IAM',
      authType: 'IAM Authorization',
      identity: {
        accountId: '000000000000',
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp: ['127.0.0.1'],
        username: 'courier',
        userArn: 'arn:aws:iam::000000000000:user/courier',
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
      principal: { mode: 'AWS_IAM', groups: null },
    });
  });

  it('accepts a SigV4 request signed by an independent implementation', async () => {
    const result = await courier.authenticate(signedByHand(), PEER, POST);
    expect(result).toMatchObject({ ok: true, mode: 'AWS_IAM' });
  });

  it('uses the API key when both x-api-key and Authorization are sent, unless the key is empty', async () => {
    const token = issuer.mint({ username: 'ana', now: NOW });
    const both = await courier.authenticate({ 'x-api-key': API_KEY, authorization: token }, PEER);
    expect(both).toMatchObject({ ok: true, mode: 'API_KEY' });
    const badKey = await courier.authenticate({ 'x-api-key': 'nope', authorization: token }, PEER);
    expect(badKey).toMatchObject({ ok: false, status: 401 });
    const emptyKey = await courier.authenticate({ 'x-api-key': '', authorization: token }, PEER);
    expect(emptyKey).toMatchObject({ ok: true, mode: 'AMAZON_COGNITO_USER_POOLS' });
  });

  it('reads header names in any case', async () => {
    expect(await courier.authenticate({ 'X-Api-Key': API_KEY }, PEER)).toMatchObject({
      ok: true,
      mode: 'API_KEY',
    });
  });
});

describe('request authentication: refusals', () => {
  const token = (): string => issuer.mint({ username: 'ana', now: NOW });
  const cognitoOnly = (): Authenticator =>
    authenticator({ defaultMode: 'AMAZON_COGNITO_USER_POOLS', additionalModes: [] });
  const apiKeyOnly = (): Authenticator => authenticator({ additionalModes: [] });

  it.each<{
    name: string;
    headers: () => RequestHeaders | Promise<RequestHeaders>;
    using?: () => Authenticator;
    status: number;
    errorType: string;
    message: string;
  }>([
    {
      name: 'no credentials (API key default)',
      headers: () => ({}),
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
    },
    {
      name: 'no credentials (Cognito default)',
      headers: () => ({}),
      using: cognitoOnly,
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'Missing authorization header',
    },
    {
      name: 'an unknown API key',
      headers: () => ({ 'x-api-key': 'da2-wrong' }),
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
    },
    {
      name: 'an empty API key',
      headers: () => ({ 'x-api-key': '' }),
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
    },
    {
      name: 'an API key when the API has no API_KEY mode',
      headers: () => ({ 'x-api-key': API_KEY }),
      using: cognitoOnly,
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
    },
    {
      name: 'a token with a Bearer prefix',
      headers: () => ({ authorization: `Bearer ${token()}` }),
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'Unable to parse JWT token.',
    },
    {
      name: 'an Authorization header that is not a JWT',
      headers: () => ({ authorization: 'letmein' }),
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'Unable to parse JWT token.',
    },
    {
      name: 'an expired token',
      headers: () => ({ authorization: issuer.mint({ username: 'ana', now: NOW - 7200_000 }) }),
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'Token has expired.',
    },
    {
      name: "another pool's token",
      headers: () => ({ authorization: otherPool.mint({ username: 'ana', now: NOW }) }),
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'Valid authorization header not provided.',
    },
    {
      name: 'a token whose groups were changed',
      headers: () => {
        const [header, payload, signature] = issuer
          .mint({ username: 'ana', groups: ['readers'], now: NOW })
          .split('.') as [string, string, string];
        const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as object;
        const forged = Buffer.from(
          JSON.stringify({ ...claims, 'cognito:groups': ['admins'] }),
        ).toString('base64url');
        return { authorization: `${header}.${forged}.${signature}` };
      },
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'Valid authorization header not provided.',
    },
    {
      name: 'a token when the API has no Cognito mode',
      headers: () => ({ authorization: token() }),
      using: apiKeyOnly,
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
    },
    {
      name: 'a SigV4 request when the API has no IAM mode',
      headers: () => signed(),
      using: apiKeyOnly,
      status: 401,
      errorType: 'UnauthorizedException',
      message: 'You are not authorized to make this call.',
    },
    {
      name: 'a SigV4 request with the wrong secret',
      headers: () => signed({ credentials: { accessKeyId: 'courier', secretAccessKey: 'guess' } }),
      status: 403,
      errorType: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    },
    {
      name: 'a SigV4 request over another body',
      headers: async () => ({
        ...(await signed({ body: '{"query":"{ other }"}' })),
        'x-amz-content-sha256': createHash('sha256').update('{"query":"{ other }"}').digest('hex'),
      }),
      status: 403,
      errorType: 'InvalidSignatureException',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
    },
    {
      name: 'a SigV4 request whose body changed, without a content hash',
      headers: () => signed({ body: '{}', checksum: false }),
      status: 403,
      errorType: 'InvalidSignatureException',
      message:
        'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    },
    {
      name: 'a SigV4 request without a header it signed',
      headers: async () => {
        const { 'x-amz-content-sha256': _hash, ...rest } = await signed({ body: '{}' });
        return rest;
      },
      status: 403,
      errorType: 'IncompleteSignatureException',
      message:
        "'x-amz-content-sha256' is named as a SignedHeader, but it does not exist in the HTTP request.",
    },
    {
      name: 'a SigV4 request that does not sign host',
      headers: async () => {
        const headers = await signed();
        return {
          ...headers,
          authorization: (headers['authorization'] ?? '').replace(
            'SignedHeaders=content-type;host;',
            'SignedHeaders=content-type;',
          ),
        };
      },
      status: 403,
      errorType: 'InvalidSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
    },
    {
      name: 'a SigV4 request with an unknown access key',
      headers: () => signed({ credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'x' } }),
      status: 403,
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    },
    {
      name: 'a SigV4 request signed 20 minutes ago',
      headers: () => signed({ at: NOW - 20 * 60_000 }),
      status: 403,
      errorType: 'InvalidSignatureException',
      message:
        'Signature expired: 20300101T114000Z is now earlier than 20300101T114500Z (20300101T120000Z - 15 min.)',
    },
    {
      name: 'a SigV4 request for another service',
      headers: () => signed({ service: 'execute-api' }),
      status: 403,
      errorType: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'appsync'.",
    },
    {
      name: 'a SigV4 header without its parts',
      headers: () => ({ authorization: 'AWS4-HMAC-SHA256 Credential=courier' }),
      status: 403,
      errorType: 'IncompleteSignatureException',
      message:
        "Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Credential=courier",
    },
  ])('refuses $name', async ({ headers, using, status, errorType, message }) => {
    const result = await (using?.() ?? courier).authenticate(await headers(), PEER, POST);
    expect(result).toMatchObject({
      ok: false,
      status,
      headers: { 'x-amzn-ErrorType': errorType },
      body: { errors: [{ errorType, message }] },
    });
  });

  it('keeps the reason for the logs', async () => {
    const result = await courier.authenticate(
      { authorization: otherPool.mint({ username: 'ana', now: NOW }) },
      PEER,
    );
    expect(result.ok ? null : result.reason).toMatch(
      /^jwt-unknown-key: kid "[^"]+" is not this pool's$/,
    );
  });
});

describe('authenticator configuration', () => {
  it.each<[string, Partial<AuthenticatorOptions>, string]>([
    [
      'an OIDC mode',
      { additionalModes: ['OPENID_CONNECT'] },
      'Authorization mode OPENID_CONNECT is not supported by the local engine; expected API_KEY, AMAZON_COGNITO_USER_POOLS or AWS_IAM.',
    ],
    [
      'API_KEY without keys',
      { apiKeys: [] },
      'API_KEY is enabled but no API key was given; expected at least one in apiKeys.',
    ],
  ])('refuses %s', (_name, overrides, message) => {
    expect(() => authenticator(overrides)).toThrow(AuthConfigurationError);
    expect(() => authenticator(overrides)).toThrow(message);
  });

  it('refuses Cognito without a local issuer', () => {
    expect(() =>
      createAuthenticator({ defaultMode: 'AMAZON_COGNITO_USER_POOLS' }),
    ).toThrowErrorMatchingInlineSnapshot(
      `"AMAZON_COGNITO_USER_POOLS is enabled but no local issuer was given; expected issuer (openLocalIssuer)."`,
    );
  });
});

describe('sourceIp', () => {
  it.each<[RequestHeaders, string, string[]]>([
    [{}, '127.0.0.1', ['127.0.0.1']],
    [{}, '::ffff:10.0.0.2', ['10.0.0.2']],
    [{}, '::1', ['::1']],
    [
      { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' },
      '127.0.0.1',
      ['203.0.113.7', '10.0.0.1', '127.0.0.1'],
    ],
    [
      { 'x-forwarded-for': ['203.0.113.7', '198.51.100.2'] },
      '127.0.0.1',
      ['203.0.113.7', '198.51.100.2', '127.0.0.1'],
    ],
  ])('%j from peer %s is %j', (headers, peer, expected) => {
    expect(sourceIpList(headers, peer)).toEqual(expected);
  });
});
