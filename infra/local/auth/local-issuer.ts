/**
 * The local user pool: a stand-in for the Cognito user pool that the API trusts in the cloud. It
 * mints tokens with Cognito's claim names and verifies them for real (RS256 signature, expiry,
 * issuer, audience), so that local requests in Cognito mode exercise the same paths as in AWS.
 * Its key pair and identity live in the data directory, so tokens survive restarts.
 */
import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  randomBytes,
  randomUUID,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { decodeJwt, hasValidRs256Signature, signRs256 } from './jwt';

/** Cognito issues ID tokens (`aud`, `cognito:username`) and access tokens (`client_id`, `username`). */
export type TokenUse = 'id' | 'access';

/** Host of the local issuer URL: clearly not AWS, and stable across runs. */
export const LOCAL_ISSUER_HOST = 'https://cognito-idp.local.courier';

/** What a caller may ask of `mint`. */
export interface MintOptions {
  readonly username: string;
  readonly groups?: readonly string[];
  /** Default `id`: the token whose claims AppSync's docs describe for `ctx.identity`. */
  readonly tokenUse?: TokenUse;
  /** Default 3600, Cognito's default token validity. */
  readonly expiresInSeconds?: number;
  /** Epoch milliseconds; default `Date.now()`. */
  readonly now?: number;
}

/** Claims of a verified token: Cognito's names, plus whatever else the token carried. */
export type TokenClaims = Readonly<Record<string, unknown>> & {
  readonly sub: string;
  readonly iss: string;
  readonly token_use: TokenUse;
  readonly exp: number;
  readonly iat: number;
};

/** Why a token was refused: kept for logs; AppSync's answer to the caller stays generic. */
export type TokenRejectionReason =
  | 'malformed'
  | 'unsupported-algorithm'
  | 'unknown-key'
  | 'bad-signature'
  | 'missing-claim'
  | 'wrong-issuer'
  | 'wrong-token-use'
  | 'wrong-audience'
  | 'expired'
  | 'not-yet-valid';

export type TokenVerification =
  | { readonly ok: true; readonly claims: TokenClaims }
  | { readonly ok: false; readonly reason: TokenRejectionReason; readonly detail: string };

/** The local pool, opened from the data directory. */
export interface LocalIssuer {
  /** `local_<9 alphanumerics>`, like Cognito's `<region>_<9 alphanumerics>`. */
  readonly poolId: string;
  /** The app client id: `aud` of ID tokens, `client_id` of access tokens. */
  readonly clientId: string;
  /** `https://cognito-idp.local.courier/<poolId>`: the `iss` claim. */
  readonly issuer: string;
  /** Key id in every token header: the RFC 7638 thumbprint of the public key. */
  readonly kid: string;
  /** Where the pool is kept. */
  readonly file: string;
  mint(options: MintOptions): string;
  /** Verifies a token at `now` (epoch milliseconds, default `Date.now()`). */
  verify(token: string, now?: number): TokenVerification;
  /** The public key set, as Cognito serves it at `<issuer>/.well-known/jwks.json`. */
  jwks(): { keys: JsonWebKey[] };
}

/** A mint request Cognito would refuse (bad username, group name or lifetime). */
export class TokenMintError extends Error {
  readonly code = 'INVALID_MINT_REQUEST';
  constructor(message: string) {
    super(message);
    this.name = 'TokenMintError';
  }
}

/** The issuer file exists but cannot be used. */
export class LocalIssuerFileError extends Error {
  readonly code = 'INVALID_ISSUER_FILE';
  constructor(file: string, problem: string, options?: { cause?: unknown }) {
    super(
      `The local user pool file ${file} cannot be used: ${problem}. Delete it to create a new pool (tokens minted by the old one then stop working).`,
      options,
    );
    this.name = 'LocalIssuerFileError';
  }
}

/** Cognito's pattern for usernames and group names: letters, marks, symbols, numbers, punctuation. */
const COGNITO_NAME = /^[\p{L}\p{M}\p{S}\p{N}\p{P}]{1,128}$/u;

/** Checks a username as Cognito would; the message says what was received and what is allowed. */
export function usernameProblem(username: string): string | null {
  return COGNITO_NAME.test(username)
    ? null
    : `username ${JSON.stringify(username)} is not valid: expected 1 to 128 characters, no spaces or control characters`;
}

/** Checks a group name as Cognito would. */
export function groupNameProblem(group: string): string | null {
  return COGNITO_NAME.test(group)
    ? null
    : `group name ${JSON.stringify(group)} is not valid: expected 1 to 128 characters, no spaces or control characters`;
}

interface IssuerFile {
  readonly version: 1;
  readonly poolId: string;
  readonly clientId: string;
  readonly issuer: string;
  readonly kid: string;
  readonly privateKey: JsonWebKey;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomString(length: number, alphabet: string): string {
  const bytes = randomBytes(length);
  let text = '';
  for (const byte of bytes) {
    text += alphabet[byte % alphabet.length];
  }
  return text;
}

/** RFC 7638 thumbprint: Cognito's kids are opaque; a thumbprint is stable and checkable. */
function thumbprint(publicJwk: JsonWebKey): string {
  const canonical = JSON.stringify({ e: publicJwk.e, kty: publicJwk.kty, n: publicJwk.n });
  return createHash('sha256').update(canonical).digest('base64url');
}

async function createIssuerFile(): Promise<IssuerFile> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  const publicJwk = createPublicKey(privateKey).export({ format: 'jwk' });
  const poolId = `local_${randomString(9, ALPHANUMERIC)}`;
  return {
    version: 1,
    poolId,
    clientId: randomString(26, 'abcdefghijklmnopqrstuvwxyz0123456789'),
    issuer: `${LOCAL_ISSUER_HOST}/${poolId}`,
    kid: thumbprint(publicJwk),
    privateKey: privateKey.export({ format: 'jwk' }),
  };
}

function parseIssuerFile(file: string, text: string): IssuerFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LocalIssuerFileError(file, 'it is not JSON', { cause: error });
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<
    string,
    unknown
  >;
  if (record['version'] !== 1) {
    throw new LocalIssuerFileError(
      file,
      `expected "version": 1, found ${JSON.stringify(record['version'])}`,
    );
  }
  for (const key of ['poolId', 'clientId', 'issuer', 'kid']) {
    if (typeof record[key] !== 'string' || record[key] === '') {
      throw new LocalIssuerFileError(file, `"${key}" is missing or not a string`);
    }
  }
  const privateKey = record['privateKey'];
  if (typeof privateKey !== 'object' || privateKey === null) {
    throw new LocalIssuerFileError(file, '"privateKey" is missing');
  }
  return record as unknown as IssuerFile;
}

/**
 * Writes the pool once, atomically and without overwriting: a complete temporary file is
 * hard-linked into place, so two processes starting together agree on one pool (the loser reads
 * the winner's). Falls back to rename where hard links are not supported.
 */
async function publishIssuerFile(file: string, content: IssuerFile): Promise<void> {
  const temporary = `${file}.${process.pid}.${randomString(8, ALPHANUMERIC)}.tmp`;
  await writeFile(temporary, `${JSON.stringify(content, null, 2)}\n`, {
    mode: 0o600,
    flag: 'wx',
  });
  try {
    await link(temporary, file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      return;
    }
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'ENOSYS' || code === 'EXDEV') {
      await rename(temporary, file);
      return;
    }
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

async function loadOrCreate(file: string): Promise<IssuerFile> {
  try {
    return parseIssuerFile(file, await readFile(file, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw error;
    }
  }
  await mkdir(path.dirname(file), { recursive: true });
  await publishIssuerFile(file, await createIssuerFile());
  return parseIssuerFile(file, await readFile(file, 'utf8'));
}

/** A stable `sub` per pool and username, shaped as a UUID (version 8: derived, RFC 9562). */
function subFor(poolId: string, username: string): string {
  const bytes = createHash('sha256').update(`${poolId}\0${username}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function mintClaims(pool: IssuerFile, options: MintOptions): Record<string, unknown> {
  const problem = usernameProblem(options.username);
  if (problem) {
    throw new TokenMintError(problem);
  }
  const groups = options.groups ?? [];
  for (const group of groups) {
    const groupProblem = groupNameProblem(group);
    if (groupProblem) {
      throw new TokenMintError(groupProblem);
    }
  }
  const lifetime = options.expiresInSeconds ?? 3600;
  if (!Number.isSafeInteger(lifetime) || lifetime <= 0) {
    throw new TokenMintError(
      `expiresInSeconds ${String(lifetime)} is not valid: expected a whole number of seconds above 0`,
    );
  }
  const tokenUse = options.tokenUse ?? 'id';
  const issuedAt = Math.floor((options.now ?? Date.now()) / 1000);
  const common = {
    sub: subFor(pool.poolId, options.username),
    ...(groups.length > 0 ? { 'cognito:groups': [...groups] } : {}),
    iss: pool.issuer,
  };
  const session = {
    origin_jti: randomUUID(),
    event_id: randomUUID(),
    token_use: tokenUse,
  };
  const times = { auth_time: issuedAt, exp: issuedAt + lifetime, iat: issuedAt, jti: randomUUID() };
  // Claim order follows Cognito's tokens.
  return tokenUse === 'id'
    ? {
        ...common,
        'cognito:username': options.username,
        origin_jti: session.origin_jti,
        aud: pool.clientId,
        event_id: session.event_id,
        token_use: 'id',
        ...times,
      }
    : {
        ...common,
        client_id: pool.clientId,
        ...session,
        scope: 'aws.cognito.signin.user.admin',
        ...times,
        username: options.username,
      };
}

function reject(reason: TokenRejectionReason, detail: string): TokenVerification {
  return { ok: false, reason, detail };
}

function verifyToken(
  pool: IssuerFile,
  publicKey: KeyObject,
  token: string,
  now: number,
): TokenVerification {
  const jwt = decodeJwt(token);
  if (!jwt) {
    return reject('malformed', 'not a compact JWS of three base64url JSON parts');
  }
  if (jwt.header['alg'] !== 'RS256') {
    return reject('unsupported-algorithm', `alg ${JSON.stringify(jwt.header['alg'])}; only RS256`);
  }
  if ('crit' in jwt.header) {
    return reject('unsupported-algorithm', 'the header names critical extensions');
  }
  if (jwt.header['kid'] !== pool.kid) {
    return reject('unknown-key', `kid ${JSON.stringify(jwt.header['kid'])} is not this pool's`);
  }
  if (!hasValidRs256Signature(jwt, publicKey)) {
    return reject('bad-signature', 'the signature does not match the content');
  }
  const claims = jwt.payload;
  for (const [name, type] of [
    ['sub', 'string'],
    ['iss', 'string'],
    ['token_use', 'string'],
    ['exp', 'number'],
    ['iat', 'number'],
  ] as const) {
    if (typeof claims[name] !== type) {
      return reject('missing-claim', `claim ${name} is missing or not a ${type}`);
    }
  }
  if (claims['iss'] !== pool.issuer) {
    return reject('wrong-issuer', `iss ${JSON.stringify(claims['iss'])}`);
  }
  const tokenUse = claims['token_use'];
  if (tokenUse !== 'id' && tokenUse !== 'access') {
    return reject('wrong-token-use', `token_use ${JSON.stringify(tokenUse)}`);
  }
  const audience = tokenUse === 'id' ? claims['aud'] : claims['client_id'];
  if (audience !== pool.clientId) {
    return reject(
      'wrong-audience',
      `${tokenUse === 'id' ? 'aud' : 'client_id'} ${JSON.stringify(audience)}`,
    );
  }
  const seconds = now / 1000;
  if ((claims['exp'] as number) <= seconds) {
    return reject('expired', `exp ${String(claims['exp'])} is not after ${String(seconds)}`);
  }
  const nbf = claims['nbf'];
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > seconds)) {
    return reject('not-yet-valid', `nbf ${JSON.stringify(nbf)} is after ${String(seconds)}`);
  }
  if ((claims['iat'] as number) > seconds) {
    return reject('not-yet-valid', `iat ${String(claims['iat'])} is after ${String(seconds)}`);
  }
  return { ok: true, claims: claims as TokenClaims };
}

/**
 * Opens the local user pool kept in `file` (`dataDirLayout(dataDir).issuer`), creating it on
 * first use: an RSA-2048 key pair and a pool identity, written with mode 0600.
 */
export async function openLocalIssuer(file: string): Promise<LocalIssuer> {
  const pool = await loadOrCreate(file);
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pool.privateKey, format: 'jwk' });
  } catch (error) {
    throw new LocalIssuerFileError(file, '"privateKey" is not an RSA private key', {
      cause: error,
    });
  }
  const publicKey = createPublicKey(privateKey);
  const publicJwk = publicKey.export({ format: 'jwk' });
  return {
    poolId: pool.poolId,
    clientId: pool.clientId,
    issuer: pool.issuer,
    kid: pool.kid,
    file,
    mint: (options) => signRs256(mintClaims(pool, options), pool.kid, privateKey),
    verify: (token, now = Date.now()) => verifyToken(pool, publicKey, token, now),
    jwks: () => ({ keys: [{ ...publicJwk, kid: pool.kid, alg: 'RS256', use: 'sig' }] }),
  };
}
