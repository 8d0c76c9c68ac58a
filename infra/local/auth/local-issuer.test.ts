import { createPrivateKey, createHmac, type JsonWebKey, type KeyObject } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signRs256 } from './jwt';
import {
  LocalIssuerFileError,
  openLocalIssuer,
  TokenMintError,
  type LocalIssuer,
  type TokenRejectionReason,
} from './local-issuer';

const NOW = Date.UTC(2030, 0, 1, 12, 0, 0);
const NOW_S = NOW / 1000;

let dir: string;
let issuer: LocalIssuer;
let other: LocalIssuer;
let privateKey: KeyObject;

// Key generation is slow: two pools for the whole file.
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'courier-issuer-'));
  [issuer, other] = await Promise.all([
    openLocalIssuer(path.join(dir, 'a', 'issuer.json')),
    openLocalIssuer(path.join(dir, 'b', 'issuer.json')),
  ]);
  const stored = JSON.parse(await readFile(issuer.file, 'utf8')) as { privateKey: JsonWebKey };
  privateKey = createPrivateKey({ key: stored.privateKey, format: 'jwk' });
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function segment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Valid ID-token claims of the pool, to be spoiled one at a time. */
function idClaims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sub: 'b0c5d7e2-0000-8000-8000-000000000000',
    iss: issuer.issuer,
    'cognito:username': 'ana',
    aud: issuer.clientId,
    token_use: 'id',
    auth_time: NOW_S,
    iat: NOW_S,
    exp: NOW_S + 3600,
    ...overrides,
  };
}

function signed(claims: Record<string, unknown>): string {
  return signRs256(claims, issuer.kid, privateKey);
}

function withoutKey(claims: Record<string, unknown>, key: string): Record<string, unknown> {
  return Object.fromEntries(Object.entries(claims).filter(([name]) => name !== key));
}

describe('the local issuer', () => {
  it('keeps its pool in the data directory, readable by its owner only', async () => {
    expect(issuer.poolId).toMatch(/^local_[A-Za-z0-9]{9}$/);
    expect(issuer.clientId).toMatch(/^[a-z0-9]{26}$/);
    expect(issuer.issuer).toBe(`https://cognito-idp.local.courier/${issuer.poolId}`);
    expect((await stat(issuer.file)).mode & 0o777).toBe(0o600);
  });

  it('reopens the same pool, so earlier tokens still verify', async () => {
    const token = issuer.mint({ username: 'ana', now: NOW });
    const reopened = await openLocalIssuer(issuer.file);
    expect([reopened.poolId, reopened.clientId, reopened.kid]).toEqual([
      issuer.poolId,
      issuer.clientId,
      issuer.kid,
    ]);
    expect(reopened.verify(token, NOW).ok).toBe(true);
  });

  it('creates one pool when two processes open a fresh data directory together', async () => {
    const file = path.join(dir, 'race', 'issuer.json');
    const [first, second] = await Promise.all([openLocalIssuer(file), openLocalIssuer(file)]);
    expect(second.poolId).toBe(first.poolId);
    expect(second.verify(first.mint({ username: 'ana', now: NOW }), NOW).ok).toBe(true);
  });

  it('refuses a damaged pool file, saying what is wrong and what to do', async () => {
    const file = path.join(dir, 'damaged.json');
    await writeFile(file, JSON.stringify({ version: 1, poolId: 'local_x' }));
    await expect(openLocalIssuer(file)).rejects.toThrow(LocalIssuerFileError);
    await expect(openLocalIssuer(file)).rejects.toThrow(
      `The local user pool file ${file} cannot be used: "clientId" is missing or not a string. Delete it to create a new pool (tokens minted by the old one then stop working).`,
    );
  });

  it('publishes its public key as a key set', () => {
    const [key] = issuer.jwks().keys;
    expect(key).toMatchObject({ kty: 'RSA', kid: issuer.kid, alg: 'RS256', use: 'sig' });
    expect(key).not.toHaveProperty('d');
  });
});

describe('minting', () => {
  it('writes an ID token with Cognito claim names', () => {
    const token = issuer.mint({ username: 'ana', groups: ['admins'], now: NOW });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as object);
    expect(header).toEqual({ kid: issuer.kid, alg: 'RS256' });
    expect(payload).toEqual({
      sub: expect.stringMatching(
        /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      ),
      'cognito:groups': ['admins'],
      iss: issuer.issuer,
      'cognito:username': 'ana',
      origin_jti: expect.any(String),
      aud: issuer.clientId,
      event_id: expect.any(String),
      token_use: 'id',
      auth_time: NOW_S,
      exp: NOW_S + 3600,
      iat: NOW_S,
      jti: expect.any(String),
    });
  });

  it('writes an access token with client_id, scope and username', () => {
    const token = issuer.mint({
      username: 'ana',
      tokenUse: 'access',
      expiresInSeconds: 60,
      now: NOW,
    });
    const verified = issuer.verify(token, NOW);
    expect(verified).toMatchObject({
      ok: true,
      claims: {
        client_id: issuer.clientId,
        token_use: 'access',
        scope: 'aws.cognito.signin.user.admin',
        username: 'ana',
        exp: NOW_S + 60,
      },
    });
    expect(verified.ok && 'aud' in verified.claims).toBe(false);
    expect(verified.ok && 'cognito:groups' in verified.claims).toBe(false);
  });

  it('gives a username the same sub every time, and another username another sub', () => {
    const sub = (username: string): unknown =>
      JSON.parse(
        Buffer.from(
          issuer.mint({ username, now: NOW }).split('.')[1] ?? '',
          'base64url',
        ).toString(),
      ).sub;
    expect(sub('ana')).toBe(sub('ana'));
    expect(sub('ana')).not.toBe(sub('bob'));
  });

  it.each([
    [
      { username: '' },
      'username "" is not valid: expected 1 to 128 characters, no spaces or control characters',
    ],
    [
      { username: 'ana maria' },
      'username "ana maria" is not valid: expected 1 to 128 characters, no spaces or control characters',
    ],
    [
      { username: 'ana', groups: ['ad mins'] },
      'group name "ad mins" is not valid: expected 1 to 128 characters, no spaces or control characters',
    ],
    [
      { username: 'ana', expiresInSeconds: 0 },
      'expiresInSeconds 0 is not valid: expected a whole number of seconds above 0',
    ],
  ])('refuses %j', (options, message) => {
    expect(() => issuer.mint(options)).toThrow(TokenMintError);
    expect(() => issuer.mint(options)).toThrow(message);
  });
});

describe('verification', () => {
  const hmacToken = (): string => {
    const input = `${segment({ kid: issuer.kid, alg: 'HS256' })}.${segment(idClaims())}`;
    const secret = JSON.stringify(issuer.jwks().keys[0]);
    return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
  };
  const tamperedGroups = (): string => {
    const [header, , signature] = issuer
      .mint({ username: 'ana', groups: ['readers'], now: NOW })
      .split('.');
    const payload = segment(idClaims({ 'cognito:groups': ['admins'] }));
    return `${header}.${payload}.${signature}`;
  };
  const otherKeySameKid = (): string => {
    const [header, payload] = signed(idClaims()).split('.');
    const [, , foreign] = other.mint({ username: 'ana', now: NOW }).split('.');
    return `${header}.${payload}.${foreign}`;
  };

  /** Same signature bytes, another spelling: 2048 bits leave 4 unused bits in the last character. */
  const nonCanonical = (): string => {
    const token = issuer.mint({ username: 'ana', now: NOW });
    const last = token.at(-1) ?? 'A';
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const respelled = alphabet[alphabet.indexOf(last) ^ 1] ?? last;
    return `${token.slice(0, -1)}${respelled}`;
  };

  const cases: [string, () => string, number, 'ok' | TokenRejectionReason][] = [
    ['a valid ID token', () => issuer.mint({ username: 'ana', now: NOW }), NOW, 'ok'],
    [
      'a valid access token',
      () => issuer.mint({ username: 'ana', tokenUse: 'access', now: NOW }),
      NOW,
      'ok',
    ],
    [
      'a token one second before it expires',
      () => issuer.mint({ username: 'ana', now: NOW }),
      NOW + 3599_000,
      'ok',
    ],
    [
      'an unsigned token (alg none)',
      () => `${segment({ alg: 'none' })}.${segment(idClaims())}.`,
      NOW,
      'unsupported-algorithm',
    ],
    [
      "alg none with this pool's kid",
      () => `${segment({ kid: issuer.kid, alg: 'none' })}.${segment(idClaims())}.`,
      NOW,
      'unsupported-algorithm',
    ],
    ['HS256 keyed with the public key', hmacToken, NOW, 'unsupported-algorithm'],
    [
      'a token of another pool',
      () => other.mint({ username: 'ana', now: NOW }),
      NOW,
      'unknown-key',
    ],
    ["this pool's kid over another key's signature", otherKeySameKid, NOW, 'bad-signature'],
    ['groups changed after signing', tamperedGroups, NOW, 'bad-signature'],
    [
      'an expired token',
      () => issuer.mint({ username: 'ana', now: NOW - 3600_000 }),
      NOW,
      'expired',
    ],
    [
      'a token issued in the future',
      () => issuer.mint({ username: 'ana', now: NOW + 60_000 }),
      NOW,
      'not-yet-valid',
    ],
    [
      'a token whose nbf is ahead',
      () => signed(idClaims({ nbf: NOW_S + 60 })),
      NOW,
      'not-yet-valid',
    ],
    [
      'another issuer',
      () => signed(idClaims({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc' })),
      NOW,
      'wrong-issuer',
    ],
    ['another audience', () => signed(idClaims({ aud: 'someotherclient' })), NOW, 'wrong-audience'],
    [
      'an access token for another client',
      () => signed(idClaims({ token_use: 'access', client_id: 'x' })),
      NOW,
      'wrong-audience',
    ],
    [
      'a refresh token_use',
      () => signed(idClaims({ token_use: 'refresh' })),
      NOW,
      'wrong-token-use',
    ],
    ['no exp', () => signed(withoutKey(idClaims(), 'exp')), NOW, 'missing-claim'],
    ['a string exp', () => signed(idClaims({ exp: String(NOW_S + 60) })), NOW, 'missing-claim'],
    ['garbage', () => 'not a token', NOW, 'malformed'],
    ['an empty string', () => '', NOW, 'malformed'],
    [
      'a Bearer prefix',
      () => `Bearer ${issuer.mint({ username: 'ana', now: NOW })}`,
      NOW,
      'malformed',
    ],
    ['four segments', () => `${issuer.mint({ username: 'ana', now: NOW })}.x`, NOW, 'malformed'],
    ['the signature re-spelled with its unused bits set', nonCanonical, NOW, 'malformed'],
    [
      'a payload that is not JSON',
      () => `${segment({ kid: issuer.kid, alg: 'RS256' })}.bm90IGpzb24.c2ln`,
      NOW,
      'malformed',
    ],
  ];

  it.each(cases.map(([name, token, now, expected]) => ({ name, token, now, expected })))(
    '$name → $expected',
    ({ token, now, expected }) => {
      const result = issuer.verify(token(), now);
      expect(result.ok ? 'ok' : result.reason).toBe(expected);
    },
  );

  it('returns the claims of a valid token', () => {
    const result = issuer.verify(
      issuer.mint({ username: 'ana', groups: ['admins', 'readers'], now: NOW }),
      NOW,
    );
    expect(result).toMatchObject({
      ok: true,
      claims: { 'cognito:username': 'ana', 'cognito:groups': ['admins', 'readers'] },
    });
  });

  it('says why a token was refused, for the logs', () => {
    expect(issuer.verify(issuer.mint({ username: 'ana', now: NOW - 7200_000 }), NOW)).toEqual({
      ok: false,
      reason: 'expired',
      detail: `exp ${NOW_S - 3600} is not after ${NOW_S}`,
    });
  });
});
