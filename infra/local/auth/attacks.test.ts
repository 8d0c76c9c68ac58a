/**
 * Auth attacks against a running Courier engine (issue 8): forged, stale and mangled credentials
 * over HTTP and over the realtime handshake, each refused with AppSync's answer; the admin-only
 * createQueue never runs for a forged admin; API keys are compared in constant time; tampered
 * SigV4 requests are refused with AWS's IAM errors.
 */
import crypto, {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { SignatureV4 } from '@smithy/signature-v4';
import { dataDirLayout } from '../data-dir';
import {
  headerProtocol,
  openClient,
  startMessage,
  type RawClient,
} from '../realtime/testing/raw-client';
import { useLocalApi } from '../testing/local-api';
import { createAuthenticator } from './authenticate';
import { openLocalIssuer, type LocalIssuer } from './local-issuer';
import { NodeSha256 } from './sigv4';

const local = useLocalApi({ api: 'courier' });

/** AppSync's texts for refused user-pool tokens (appsync-runtime.md §10.3). */
const INVALID = 'Valid authorization header not provided.';
const UNPARSABLE = 'Unable to parse JWT token.';
const EXPIRED = 'Token has expired.';
const NOT_AUTHORIZED = 'You are not authorized to make this call.';
const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** What a refused connect gets before the socket closes (appsync-realtime.md). */
const CONNECTION_REFUSED = {
  type: 'connection_error',
  payload: {
    errors: [{ errorType: 'UnauthorizedException', message: NOT_AUTHORIZED, errorCode: 401 }],
  },
};

const CREATE_QUEUE = 'mutation ($input: CreateQueueInput!) { createQueue(input: $input) { name } }';
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const ADMINS = ['admins'];

interface Keys {
  readonly issuer: LocalIssuer;
  /** The pool's own signing key, read from the data directory: forges "validly signed" tokens. */
  readonly poolKey: KeyObject;
  /** An attacker's RSA key pair. */
  readonly attacker: { readonly privateKey: KeyObject; readonly publicJwk: JsonWebKey };
}

let keys: Keys;
const clients: RawClient[] = [];

beforeAll(async () => {
  const file = dataDirLayout(local.api.dataDir).issuer;
  const issuer = await openLocalIssuer(file);
  const stored = JSON.parse(await readFile(file, 'utf8')) as { privateKey: JsonWebKey };
  const attacker = generateKeyPairSync('rsa', { modulusLength: 2048 });
  keys = {
    issuer,
    poolKey: createPrivateKey({ key: stored.privateKey, format: 'jwk' }),
    attacker: {
      privateKey: attacker.privateKey,
      publicJwk: attacker.publicKey.export({ format: 'jwk' }),
    },
  };
});

afterEach(() => {
  for (const client of clients.splice(0)) {
    client.ws.terminate();
  }
});

// ---------------------------------------------------------------------------------------------
// Token forging
// ---------------------------------------------------------------------------------------------

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** ID-token claims as Cognito writes them (groups admins unless told otherwise). */
function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = nowSeconds();
  return {
    sub: '5f0c2a9e-0000-8000-8000-000000000001',
    'cognito:groups': ADMINS,
    iss: keys.issuer.issuer,
    'cognito:username': 'mallory',
    aud: keys.issuer.clientId,
    token_use: 'id',
    auth_time: now,
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

/** Access-token claims as Cognito writes them. */
function accessClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const { aud: _aud, 'cognito:username': _name, ...common } = idClaims();
  return {
    ...common,
    client_id: keys.issuer.clientId,
    token_use: 'access',
    scope: 'aws.cognito.signin.user.admin',
    username: 'mallory',
    ...overrides,
  };
}

function without(claims: Record<string, unknown>, name: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([key]) => key !== name));
}

/** A compact JWS: RS256 over `header.payload` with `key`. */
function rs256(
  header: Record<string, unknown>,
  claims: Record<string, unknown>,
  key: KeyObject,
): string {
  const input = `${segment(header)}.${segment(claims)}`;
  return `${input}.${crypto.sign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

/** Signed with the pool's own key under its kid: only the claims can be wrong. */
function poolSigned(claims: Record<string, unknown>, header: Record<string, unknown> = {}): string {
  return rs256({ kid: keys.issuer.kid, alg: 'RS256', ...header }, claims, keys.poolKey);
}

function hs256(claims: Record<string, unknown>, secret: string | Buffer): string {
  const input = `${segment({ kid: keys.issuer.kid, alg: 'HS256' })}.${segment(claims)}`;
  return `${input}.${crypto.createHmac('sha256', secret).update(input).digest('base64url')}`;
}

function unsigned(header: Record<string, unknown>): string {
  return `${segment(header)}.${segment(idClaims())}.`;
}

/** A genuine token with another payload put in, its signature kept. */
function withPayload(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${segment(claims)}.${signature}`;
}

function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as Record<
    string,
    unknown
  >;
}

/** The same signature bytes spelled differently: the last character's 4 unused bits changed. */
function respelled(token: string): string {
  const last = token.at(-1) ?? 'A';
  const other = BASE64URL[BASE64URL.indexOf(last) ^ 1] ?? last;
  return `${token.slice(0, -1)}${other}`;
}

function readersToken(tokenUse: 'id' | 'access' = 'id'): string {
  return keys.issuer.mint({ username: 'mallory', groups: ['readers'], tokenUse });
}

interface Forgery {
  readonly name: string;
  readonly token: () => string;
  /** AppSync's message for it. */
  readonly message: string;
}

/** Every forged token claims the group admins (or is garbage). */
const FORGERIES: readonly Forgery[] = [
  {
    name: 'alg none, without a signature',
    token: () => unsigned({ alg: 'none' }),
    message: INVALID,
  },
  {
    name: "alg none under the pool's kid",
    token: () => unsigned({ kid: keys.issuer.kid, alg: 'none' }),
    message: INVALID,
  },
  {
    name: 'alg "None" with a genuine signature kept',
    token: () => {
      const [, payload, signature] = poolSigned(idClaims()).split('.');
      return `${segment({ kid: keys.issuer.kid, alg: 'None' })}.${payload}.${signature}`;
    },
    message: INVALID,
  },
  {
    name: 'HS256 keyed with the public JWK (key confusion)',
    token: () => hs256(idClaims(), JSON.stringify(keys.issuer.jwks().keys[0])),
    message: INVALID,
  },
  {
    name: 'HS256 keyed with the public key PEM (key confusion)',
    token: () =>
      hs256(
        idClaims(),
        createPublicKey(keys.poolKey).export({ format: 'pem', type: 'spki' }).toString(),
      ),
    message: INVALID,
  },
  {
    name: "RS256 by another RSA key under the pool's kid",
    token: () =>
      rs256({ kid: keys.issuer.kid, alg: 'RS256' }, idClaims(), keys.attacker.privateKey),
    message: INVALID,
  },
  {
    name: 'RS256 by another RSA key under its own kid',
    token: () => rs256({ kid: 'attacker-key', alg: 'RS256' }, idClaims(), keys.attacker.privateKey),
    message: INVALID,
  },
  {
    name: 'RS256 by another key that embeds itself as a jwk header',
    token: () =>
      rs256(
        { kid: keys.issuer.kid, alg: 'RS256', jwk: keys.attacker.publicJwk },
        idClaims(),
        keys.attacker.privateKey,
      ),
    message: INVALID,
  },
  {
    name: "the pool's key without a kid",
    token: () => rs256({ alg: 'RS256' }, idClaims(), keys.poolKey),
    message: INVALID,
  },
  {
    name: "the pool's key under an unknown kid",
    token: () => poolSigned(idClaims(), { kid: '../../../../dev/null' }),
    message: INVALID,
  },
  {
    name: "the pool's key naming a critical header extension",
    token: () => poolSigned(idClaims(), { crit: ['exp'] }),
    message: INVALID,
  },
  {
    name: 'expired ten minutes ago',
    token: () => poolSigned(idClaims({ iat: nowSeconds() - 4200, exp: nowSeconds() - 600 })),
    message: EXPIRED,
  },
  {
    name: 'expired at the epoch',
    token: () => poolSigned(idClaims({ auth_time: 0, iat: 0, exp: 0 })),
    message: EXPIRED,
  },
  {
    name: 'not valid before ten minutes from now (nbf)',
    token: () => poolSigned(idClaims({ nbf: nowSeconds() + 600 })),
    message: INVALID,
  },
  {
    name: 'issued ten minutes from now (iat)',
    token: () =>
      keys.issuer.mint({ username: 'mallory', groups: ADMINS, now: Date.now() + 600_000 }),
    message: INVALID,
  },
  {
    name: 'issued by a Cognito pool in AWS',
    token: () =>
      poolSigned(
        idClaims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Abcdefghi' }),
      ),
    message: INVALID,
  },
  {
    name: "issued by the pool's URL with a trailing slash",
    token: () => poolSigned(idClaims({ iss: `${keys.issuer.issuer}/` })),
    message: INVALID,
  },
  {
    name: 'an ID token for another app client (aud)',
    token: () => poolSigned(idClaims({ aud: 'anotherappclient0000000000' })),
    message: INVALID,
  },
  {
    name: 'an access token for another app client (client_id)',
    token: () => poolSigned(accessClaims({ client_id: 'anotherappclient0000000000' })),
    message: INVALID,
  },
  {
    name: 'an ID token relabelled token_use access (aud, no client_id)',
    token: () => poolSigned(idClaims({ token_use: 'access' })),
    message: INVALID,
  },
  {
    name: 'an access token relabelled token_use id (client_id, no aud)',
    token: () => poolSigned(accessClaims({ token_use: 'id' })),
    message: INVALID,
  },
  {
    name: 'token_use refresh',
    token: () => poolSigned(idClaims({ token_use: 'refresh' })),
    message: INVALID,
  },
  {
    name: 'no sub',
    token: () => poolSigned(without(idClaims(), 'sub')),
    message: INVALID,
  },
  {
    name: 'an ID token whose groups were changed to admins after signing',
    token: () => {
      const token = readersToken();
      return withPayload(token, { ...claimsOf(token), 'cognito:groups': ADMINS });
    },
    message: INVALID,
  },
  {
    name: 'an access token whose groups were changed to admins after signing',
    token: () => {
      const token = readersToken('access');
      return withPayload(token, { ...claimsOf(token), 'cognito:groups': ADMINS });
    },
    message: INVALID,
  },
  {
    name: 'a token without groups that had admins added after signing',
    token: () => {
      const token = keys.issuer.mint({ username: 'mallory' });
      return withPayload(token, { ...claimsOf(token), 'cognito:groups': ADMINS });
    },
    message: INVALID,
  },
  {
    name: "a readers payload under a real admin token's header and signature",
    token: () =>
      withPayload(keys.issuer.mint({ username: 'root', groups: ADMINS }), claimsOf(readersToken())),
    message: INVALID,
  },
  {
    name: 'a genuine admin token with its signature spelled another way (unused bits set)',
    token: () => respelled(poolSigned(idClaims())),
    message: UNPARSABLE,
  },
  {
    // 332 characters: whole bytes, so it parses, and the signature is short.
    name: 'truncated inside the signature by 10 characters',
    token: () => poolSigned(idClaims()).slice(0, -10),
    message: INVALID,
  },
  {
    // 341 characters: no byte string is spelled that way.
    name: 'truncated inside the signature by 1 character',
    token: () => poolSigned(idClaims()).slice(0, -1),
    message: UNPARSABLE,
  },
  {
    name: 'truncated to header.payload.',
    token: () => poolSigned(idClaims()).replace(/[^.]+$/, ''),
    message: INVALID,
  },
  {
    name: 'truncated to header.payload',
    token: () => poolSigned(idClaims()).replace(/\.[^.]+$/, ''),
    message: UNPARSABLE,
  },
  {
    name: 'truncated inside the payload',
    token: () => {
      const token = poolSigned(idClaims());
      return token.slice(0, token.indexOf('.') + 20);
    },
    message: UNPARSABLE,
  },
  {
    name: 'garbled: a character outside base64url',
    token: () => poolSigned(idClaims()).replace(/^(.{20})./, '$1$'),
    message: UNPARSABLE,
  },
  {
    name: 'garbled: a header that is not JSON',
    token: () => `${Buffer.from('{"alg":').toString('base64url')}.${segment(idClaims())}.c2ln`,
    message: UNPARSABLE,
  },
  {
    name: 'garbled: a payload that is a JSON array',
    token: () => `${segment({ kid: keys.issuer.kid, alg: 'RS256' })}.${segment([idClaims()])}.c2ln`,
    message: UNPARSABLE,
  },
  {
    name: 'garbled: four segments',
    token: () => `${poolSigned(idClaims())}.${segment({})}`,
    message: UNPARSABLE,
  },
  {
    name: 'garbled: five segments, as an encrypted refresh token is',
    token: () => [segment({ alg: 'RSA-OAEP', enc: 'A256GCM' }), 'a', 'b', 'c', 'd'].join('.'),
    message: UNPARSABLE,
  },
  {
    name: 'garbled: random bytes',
    token: () => crypto.randomBytes(300).toString('base64'),
    message: UNPARSABLE,
  },
  {
    name: 'huge: 8 KB of admin claims under alg none',
    token: () => `${segment({ alg: 'none' })}.${segment(idClaims({ pad: 'x'.repeat(6000) }))}.`,
    message: INVALID,
  },
  {
    name: 'huge: 8 KB of admin claims signed by another key',
    token: () =>
      rs256(
        { kid: keys.issuer.kid, alg: 'RS256' },
        idClaims({ pad: 'x'.repeat(6000) }),
        keys.attacker.privateKey,
      ),
    message: INVALID,
  },
  {
    name: 'huge: 8 KB of base64url without dots',
    token: () => 'A'.repeat(8192),
    message: UNPARSABLE,
  },
];

// ---------------------------------------------------------------------------------------------
// Transport helpers
// ---------------------------------------------------------------------------------------------

let queueCounter = 0;

/** A fresh queue name per attempt, so a successful forgery would show as a queue. */
function freshQueueName(prefix: string): string {
  queueCounter += 1;
  return `${prefix}-${queueCounter}`;
}

async function queueExists(name: string): Promise<boolean> {
  const answer = await local.graphql('query ($name: String!) { queue(name: $name) { name } }', {
    name,
  });
  return (answer.body['data'] as { queue: unknown } | undefined)?.queue != null;
}

/** Tries createQueue with only an Authorization header (the empty x-api-key drops the default). */
function createQueueWithToken(name: string, token: string, apiKey = '') {
  return local.graphql(
    CREATE_QUEUE,
    { input: { name } },
    { 'x-api-key': apiKey, authorization: token },
  );
}

/** What an HTTP refusal looked like, in one comparable value. */
function refusal(answer: { status: number; headers: Headers; body: Record<string, unknown> }) {
  return {
    status: answer.status,
    errorTypeHeader: answer.headers.get('x-amzn-errortype'),
    body: answer.body,
  };
}

function unauthorizedHttp(message: string) {
  return {
    status: 401,
    errorTypeHeader: 'UnauthorizedException',
    body: { errors: [{ errorType: 'UnauthorizedException', message }] },
  };
}

function apiHost(): string {
  return new URL(local.api.url).host;
}

async function openRealtime(headerObject: Record<string, string>): Promise<RawClient> {
  const client = await openClient(local.api.realtimeUrl, [
    'graphql-ws',
    headerProtocol(headerObject),
  ]);
  clients.push(client);
  return client;
}

/** Connects with `headerObject` and returns the first frame and how the socket ended. */
async function connectOutcome(
  headerObject: Record<string, string>,
): Promise<{ frame: Record<string, unknown>; closed: { code: number; reason: string } }> {
  const client = await openRealtime(headerObject);
  client.send({ type: 'connection_init' });
  const frame = await client.next(5000);
  return { frame, closed: await client.closed };
}

async function connectedWithApiKey(): Promise<RawClient> {
  const client = await openRealtime({ host: apiHost(), 'x-api-key': local.api.apiKey });
  client.send({ type: 'connection_init' });
  expect((await client.next(5000))['type']).toBe('connection_ack');
  return client;
}

// ---------------------------------------------------------------------------------------------
// User-pool tokens
// ---------------------------------------------------------------------------------------------

describe('forged and mangled user-pool tokens', () => {
  it('has its re-spelled signature decode to the same bytes (the forgery is only a spelling)', () => {
    const token = poolSigned(idClaims());
    const bytes = (text: string): Buffer => Buffer.from(text.split('.')[2] ?? '', 'base64url');
    expect(respelled(token)).not.toBe(token);
    expect(bytes(respelled(token)).equals(bytes(token))).toBe(true);
  });

  it.each(FORGERIES)(
    'refuses $name over HTTP with 401 UnauthorizedException; createQueue never runs',
    async ({ token, message }) => {
      const name = freshQueueName('forged');
      const answer = await createQueueWithToken(name, token());
      expect(refusal(answer)).toEqual(unauthorizedHttp(message));
      expect(await queueExists(name)).toBe(false);
    },
  );

  it.each(FORGERIES)(
    'refuses $name at the realtime connect with connection_error, then closes',
    async ({ token }) => {
      expect(await connectOutcome({ host: apiHost(), Authorization: token() })).toEqual({
        frame: CONNECTION_REFUSED,
        closed: { code: 1008, reason: 'Unauthorized' },
      });
    },
  );

  it.each(FORGERIES)(
    'refuses $name in a start message on an open connection with an error frame',
    async ({ token, message }) => {
      const client = await connectedWithApiKey();
      client.send(
        startMessage('forged', 'subscription { onMessageSent(queue: "attacks") { id } }', {
          host: apiHost(),
          Authorization: token(),
        }),
      );
      expect(await client.next(5000)).toEqual({
        type: 'error',
        id: 'forged',
        payload: { errors: [{ errorType: 'UnauthorizedException', message }] },
      });
    },
  );

  it('refuses a token beyond the HTTP header limit before authentication (431), and keeps serving', async () => {
    const name = freshQueueName('forged');
    const answer = await createQueueWithToken(name, unsigned({ alg: 'none' }) + 'A'.repeat(32_768));
    expect(answer.status).toBe(431);
    expect(await queueExists(name)).toBe(false);
  });

  it('refuses a realtime handshake whose header object is beyond the header limit (431)', async () => {
    const huge = { host: apiHost(), Authorization: 'A'.repeat(32_768) };
    const refused = await openRealtime(huge).then(
      () => ({ status: 0 }),
      (error: unknown) => ({ status: (error as { status?: number }).status ?? -1 }),
    );
    expect(refused).toEqual({ status: 431 });
  });
});

describe('genuine tokens, as AppSync treats them: ID and access tokens both accepted', () => {
  it.each([
    ['ID-token', idClaims],
    ['access-token', accessClaims],
  ] as const)(
    "accepts the forger's baseline, %s claims signed by the pool's key, so each forgery fails only for what it spoils",
    async (_kind, claims) => {
      const name = freshQueueName('baseline');
      const answer = await createQueueWithToken(name, poolSigned(claims()));
      expect(answer.body).toEqual({ data: { createQueue: { name } } });
    },
  );

  it.each(['id', 'access'] as const)(
    'lets an admins %s token create a queue over HTTP and connect over realtime',
    async (tokenUse) => {
      const token = keys.issuer.mint({ username: 'root', groups: ADMINS, tokenUse });
      const name = freshQueueName(`admin-${tokenUse}`);
      const answer = await createQueueWithToken(name, token);
      expect(answer.body).toEqual({ data: { createQueue: { name } } });
      const client = await openRealtime({ host: apiHost(), Authorization: token });
      client.send({ type: 'connection_init' });
      expect(await client.next(5000)).toEqual({
        type: 'connection_ack',
        payload: { connectionTimeoutMs: 300_000 },
      });
    },
  );

  it.each(['id', 'access'] as const)(
    'refuses createQueue to a readers %s token at the field, as AppSync does',
    async (tokenUse) => {
      const name = freshQueueName(`readers-${tokenUse}`);
      const answer = await createQueueWithToken(name, readersToken(tokenUse));
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        data: null,
        errors: [
          expect.objectContaining({
            path: ['createQueue'],
            errorType: 'Unauthorized',
            message: 'Not Authorized to access createQueue on type Mutation',
          }),
        ],
      });
      expect(await queueExists(name)).toBe(false);
    },
  );

  it('uses the API key when a forged admin token comes with it, so createQueue stays refused', async () => {
    const name = freshQueueName('forged-with-key');
    const answer = await createQueueWithToken(name, unsigned({ alg: 'none' }), local.api.apiKey);
    expect(answer.body).toEqual({
      data: null,
      errors: [
        expect.objectContaining({
          errorType: 'Unauthorized',
          message: 'Not Authorized to access createQueue on type Mutation',
        }),
      ],
    });
    expect(await queueExists(name)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// API keys
// ---------------------------------------------------------------------------------------------

function replaceAt(text: string, index: number): string {
  const current = text[index] ?? 'a';
  return `${text.slice(0, index)}${current === 'z' ? 'y' : 'z'}${text.slice(index + 1)}`;
}

/** Wrong keys shaped like the real one: the brute forcer's near misses. */
function nearMisses(key: string): [string, string][] {
  return [
    ['the first character wrong', replaceAt(key, 0)],
    ['a middle character wrong', replaceAt(key, Math.floor(key.length / 2))],
    ['the last character wrong', replaceAt(key, key.length - 1)],
    ['every character wrong', [...key].map((_, index) => replaceAt(key, index)[index]).join('')],
    ['the key in upper case', key.toUpperCase()],
    ['one character short', key.slice(0, -1)],
    ['one character long', `${key}0`],
    ['the key twice', `${key}${key}`],
  ];
}

interface MismatchTiming {
  readonly attempts: number;
  readonly refused: number;
  /** Per attempt, over all batches. */
  readonly meanNs: number;
  /** Per attempt, the median batch: robust to GC pauses and the JVM next door. */
  readonly medianNs: number;
}

/**
 * Times `authenticate` for two wrong keys in small interleaved batches (the order alternating per
 * round, after a warm-up), so drift and pauses fall on both sides alike.
 */
async function timeMismatches(
  authenticator: ReturnType<typeof createAuthenticator>,
  candidates: { readonly first: string; readonly last: string },
  rounds = 40,
  batch = 100,
): Promise<{ first: MismatchTiming; last: MismatchTiming }> {
  const batches = { first: [] as number[], last: [] as number[] };
  const refused = { first: 0, last: 0 };
  const runBatch = async (which: 'first' | 'last'): Promise<number> => {
    const headers = { 'x-api-key': candidates[which] };
    const started = process.hrtime.bigint();
    for (let index = 0; index < batch; index += 1) {
      const result = await authenticator.authenticate(headers, '127.0.0.1');
      refused[which] += result.ok ? 0 : 1;
    }
    return Number(process.hrtime.bigint() - started) / batch;
  };
  for (let warmUp = 0; warmUp < 5; warmUp += 1) {
    await runBatch('first');
    await runBatch('last');
  }
  refused.first = 0;
  refused.last = 0;
  for (let round = 0; round < rounds; round += 1) {
    const order: ('first' | 'last')[] = round % 2 === 0 ? ['first', 'last'] : ['last', 'first'];
    for (const which of order) {
      batches[which].push(await runBatch(which));
    }
  }
  const summary = (which: 'first' | 'last'): MismatchTiming => {
    const sorted = [...batches[which]].sort((a, b) => a - b);
    return {
      attempts: rounds * batch,
      refused: refused[which],
      meanNs: sorted.reduce((sum, value) => sum + value, 0) / sorted.length,
      medianNs: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN,
    };
  };
  return { first: summary('first'), last: summary('last') };
}

describe('API keys', () => {
  it('builds near misses that are all wrong, five of them as long as the key (precondition)', () => {
    const key = local.api.apiKey;
    const sameLength = nearMisses(key).filter(([, wrong]) => wrong.length === key.length);
    expect(sameLength.map(([name]) => name)).toEqual([
      'the first character wrong',
      'a middle character wrong',
      'the last character wrong',
      'every character wrong',
      'the key in upper case',
    ]);
    expect(new Set(nearMisses(key).map(([, wrong]) => wrong)).has(key)).toBe(false);
  });

  it('refuses every near miss over HTTP with one identical answer', async () => {
    const answers = await Promise.all(
      nearMisses(local.api.apiKey).map(async ([name, wrong]) => {
        const answer = await local.graphql('{ queues { items { name } } }', undefined, {
          'x-api-key': wrong,
        });
        return [name, refusal(answer)] as const;
      }),
    );
    expect(answers).toEqual(answers.map(([name]) => [name, unauthorizedHttp(NOT_AUTHORIZED)]));
  });

  it('refuses every near miss at the realtime connect with one identical connection_error', async () => {
    const outcomes = [];
    for (const [name, wrong] of nearMisses(local.api.apiKey)) {
      outcomes.push([name, await connectOutcome({ host: apiHost(), 'x-api-key': wrong })]);
    }
    expect(outcomes).toEqual(
      outcomes.map(([name]) => [
        name,
        { frame: CONNECTION_REFUSED, closed: { code: 1008, reason: 'Unauthorized' } },
      ]),
    );
  });

  it('compares SHA-256 digests of equal length with timingSafeEqual, against every key, whatever is presented', async () => {
    const configured = ['da2-firstkey000000000000000', 'da2-second'];
    const authenticator = createAuthenticator({ defaultMode: 'API_KEY', apiKeys: configured });
    const spy = jest.spyOn(crypto, 'timingSafeEqual');
    try {
      const right = configured[0] ?? '';
      const presented = [
        'x',
        right,
        replaceAt(right, 0),
        replaceAt(right, right.length - 1),
        'k'.repeat(5000),
      ];
      const outcomes = [];
      for (const key of presented) {
        spy.mockClear();
        const result = await authenticator.authenticate({ 'x-api-key': key }, '127.0.0.1');
        outcomes.push({
          ok: result.ok,
          comparisons: spy.mock.calls.map(([a, b]) => [
            (a as NodeJS.ArrayBufferView).byteLength,
            (b as NodeJS.ArrayBufferView).byteLength,
          ]),
        });
      }
      const everyKeyOnce = configured.map(() => [32, 32]);
      expect(outcomes).toEqual([
        { ok: false, comparisons: everyKeyOnce },
        { ok: true, comparisons: everyKeyOnce },
        { ok: false, comparisons: everyKeyOnce },
        { ok: false, comparisons: everyKeyOnce },
        { ok: false, comparisons: everyKeyOnce },
      ]);
    } finally {
      spy.mockRestore();
    }
  });

  it('measures first- against last-character mismatches in process (reported, never asserted)', async () => {
    const key = local.api.apiKey;
    const authenticator = createAuthenticator({ defaultMode: 'API_KEY', apiKeys: [key] });
    const figures = await timeMismatches(authenticator, {
      first: replaceAt(key, 0),
      last: replaceAt(key, key.length - 1),
    });
    const { first, last } = figures;
    console.info(
      `API key comparison, ${first.attempts} attempts each: first character wrong mean ${first.meanNs.toFixed(0)} ns, median ${first.medianNs.toFixed(0)} ns; last character wrong mean ${last.meanNs.toFixed(0)} ns, median ${last.medianNs.toFixed(0)} ns; median ratio ${(first.medianNs / last.medianNs).toFixed(3)}`,
    );
    expect([first.refused, last.refused]).toEqual([first.attempts, last.attempts]);
  });
});

// ---------------------------------------------------------------------------------------------
// SigV4 (AWS_IAM)
// ---------------------------------------------------------------------------------------------

interface SigningOptions {
  readonly path: string;
  readonly body: string;
  readonly secretAccessKey?: string;
  readonly accessKeyId?: string;
  /** How long before now the request was signed (negative: ahead). */
  readonly signedAgoMs?: number;
  /** Default true, as every AWS SDK signs it. */
  readonly signHost?: boolean;
  /** Extra headers to sign. */
  readonly extraSigned?: Record<string, string>;
}

/** SigV4 headers as the AWS SDK signs them, for the engine's IAM credentials. */
async function sigV4Headers(options: SigningOptions): Promise<Record<string, string>> {
  const credentials = local.api.dynamodb.credentials;
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: options.accessKeyId ?? credentials.accessKeyId,
      secretAccessKey: options.secretAccessKey ?? credentials.secretAccessKey,
    },
    region: 'us-east-1',
    service: 'appsync',
    sha256: NodeSha256,
  });
  const url = new URL(local.api.url);
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: options.path,
      query: {},
      headers: {
        'content-type': 'application/json',
        ...(options.signHost === false ? {} : { host: url.host }),
        ...options.extraSigned,
      },
      body: options.body,
    },
    { signingDate: new Date(Date.now() - (options.signedAgoMs ?? 0)) },
  );
  return signed.headers as Record<string, string>;
}

function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

function createQueueBody(name: string): string {
  return JSON.stringify({ query: CREATE_QUEUE, variables: { input: { name } } });
}

/** How a signed request is spoiled after signing. */
interface Spoiling {
  /** A createQueue for another name is sent instead of the signed one. */
  readonly tamperBody?: boolean;
  /** The content hash header is recomputed for the tampered body. */
  readonly rehash?: boolean;
  /** Headers removed after signing. */
  readonly drop?: readonly string[];
  readonly rewriteAuthorization?: (authorization: string) => string;
}

/** POSTs a signed createQueue for `name`, spoiled as told. */
async function signedCreateQueue(
  name: string,
  signing: Omit<SigningOptions, 'path' | 'body'>,
  spoiling: Spoiling = {},
) {
  const signedBody = createQueueBody(name);
  const sentBody = spoiling.tamperBody ? createQueueBody(`${name}-tampered`) : signedBody;
  const signed = await sigV4Headers({
    ...signing,
    path: new URL(local.api.url).pathname,
    body: signedBody,
  });
  // fetch sets Host itself, to the value that was signed.
  const removed = new Set(['host', ...(spoiling.drop ?? [])]);
  const headers = Object.fromEntries(
    Object.entries(signed).filter(([header]) => !removed.has(header)),
  );
  if (spoiling.rehash) {
    headers['x-amz-content-sha256'] = sha256Hex(sentBody);
  }
  if (spoiling.rewriteAuthorization) {
    headers['authorization'] = spoiling.rewriteAuthorization(headers['authorization'] ?? '');
  }
  const response = await fetch(local.api.url, { method: 'POST', headers, body: sentBody });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text === '' ? {} : JSON.parse(text)) as Record<string, unknown>,
  };
}

interface SigV4Attack {
  readonly name: string;
  readonly signing?: Omit<SigningOptions, 'path' | 'body'>;
  readonly spoiling?: Spoiling;
  readonly errorType: string;
  readonly message: string | RegExp;
}

const AMZ_DATE = '\\d{8}T\\d{6}Z';

const SIGV4_ATTACKS: readonly SigV4Attack[] = [
  {
    name: 'the wrong secret key',
    signing: { secretAccessKey: 'guessed-secret' },
    errorType: 'InvalidSignatureException',
    message: SIGNATURE_MISMATCH,
  },
  {
    name: 'an unknown access key',
    signing: { accessKeyId: 'AKIAEXAMPLEEXAMPLE00' },
    errorType: 'UnrecognizedClientException',
    message: 'The security token included in the request is invalid.',
  },
  {
    name: 'a signature 20 minutes old (beyond the 15-minute skew)',
    signing: { signedAgoMs: 20 * 60_000 },
    errorType: 'InvalidSignatureException',
    message: new RegExp(
      `^Signature expired: ${AMZ_DATE} is now earlier than ${AMZ_DATE} \\(${AMZ_DATE} - 15 min\\.\\)$`,
    ),
  },
  {
    name: 'a signature dated 20 minutes ahead',
    signing: { signedAgoMs: -20 * 60_000 },
    errorType: 'InvalidSignatureException',
    message: new RegExp(
      `^Signature not yet current: ${AMZ_DATE} is still later than ${AMZ_DATE} \\(${AMZ_DATE} \\+ 15 min\\.\\)$`,
    ),
  },
  {
    name: 'a tampered body under the signed content hash',
    spoiling: { tamperBody: true },
    errorType: 'InvalidSignatureException',
    message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
  },
  {
    name: 'a tampered body with its content hash recomputed',
    spoiling: { tamperBody: true, rehash: true },
    errorType: 'InvalidSignatureException',
    message: SIGNATURE_MISMATCH,
  },
  {
    name: 'a signed header missing from the request',
    signing: { extraSigned: { 'x-courier-trace': 'abc' } },
    spoiling: { drop: ['x-courier-trace'] },
    errorType: 'IncompleteSignatureException',
    message:
      "'x-courier-trace' is named as a SignedHeader, but it does not exist in the HTTP request.",
  },
  {
    name: 'a signature that does not cover host',
    signing: { signHost: false },
    errorType: 'InvalidSignatureException',
    message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
  },
  {
    name: 'no x-amz-date header',
    spoiling: { drop: ['x-amz-date'] },
    errorType: 'IncompleteSignatureException',
    message:
      /^Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header\. Authorization=AWS4-HMAC-SHA256 /,
  },
  {
    name: 'no Signature parameter',
    spoiling: {
      rewriteAuthorization: (authorization) => authorization.replace(/, Signature=[0-9a-f]+$/, ''),
    },
    errorType: 'IncompleteSignatureException',
    message:
      /^Authorization header requires 'Signature' parameter\. Authorization=AWS4-HMAC-SHA256 /,
  },
];

describe('SigV4 (AWS_IAM) requests', () => {
  it('lets a correctly signed createQueue through (the control)', async () => {
    const name = freshQueueName('iam');
    const answer = await signedCreateQueue(name, {});
    expect(answer.body).toEqual({ data: { createQueue: { name } } });
  });

  it.each(SIGV4_ATTACKS)(
    'refuses $name with 403 $errorType; createQueue never runs',
    async ({ signing, spoiling, errorType, message }) => {
      const name = freshQueueName('iam-forged');
      const answer = await signedCreateQueue(name, signing ?? {}, spoiling);
      expect(refusal(answer)).toEqual({
        status: 403,
        errorTypeHeader: errorType,
        body: { errors: [{ errorType, message: expect.stringMatching(message) }] },
      });
      expect(await queueExists(name)).toBe(false);
      expect(await queueExists(`${name}-tampered`)).toBe(false);
    },
  );

  it.each<[string, Omit<SigningOptions, 'path' | 'body'>]>([
    ['the wrong secret key', { secretAccessKey: 'guessed-secret' }],
    ['a signature 20 minutes old', { signedAgoMs: 20 * 60_000 }],
    ['a signature that does not cover host', { signHost: false }],
  ])('refuses a realtime connect signed with %s', async (_name, signing) => {
    const path = `${new URL(local.api.url).pathname}/connect`;
    const headers = await sigV4Headers({ ...signing, path, body: '{}' });
    expect(await connectOutcome({ host: apiHost(), ...headers })).toEqual({
      frame: CONNECTION_REFUSED,
      closed: { code: 1008, reason: 'Unauthorized' },
    });
  });

  it('accepts a realtime connect signed correctly (the control)', async () => {
    const path = `${new URL(local.api.url).pathname}/connect`;
    const client = await openRealtime(await sigV4Headers({ path, body: '{}' }));
    client.send({ type: 'connection_init' });
    expect((await client.next(5000))['type']).toBe('connection_ack');
  });
});
