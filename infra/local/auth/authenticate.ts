/**
 * Request-level authorization, as AppSync does it before any GraphQL work: pick the mode from the
 * credential the request carries, check that credential, and build `ctx.identity`. A refusal is
 * the whole HTTP answer (401, or 403 for SigV4 problems). Transport-agnostic: the HTTP and
 * WebSocket layers pass headers, the peer address and, for IAM, what the signature covers.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { LocalIssuer, TokenClaims } from './local-issuer';
import { decodeJwt } from './jwt';
import { AUTH_TYPE_NAMES, type AuthMode, type AuthTypeName } from './modes';
import { verifySigV4, type IamCredentials, type SignedRequestParts } from './sigv4';

export type { IamCredentials, SignedRequestParts } from './sigv4';

/** The IAM credentials the local engine accepts unless told otherwise (documented, not secret). */
export const LOCAL_IAM_CREDENTIALS: IamCredentials = {
  accessKeyId: 'courier',
  secretAccessKey: 'courier',
};

/** The account the local IAM principal belongs to. */
export const LOCAL_ACCOUNT_ID = '000000000000';

/** `ctx.identity` under AMAZON_COGNITO_USER_POOLS (appsync-runtime.md §2.1). */
export interface CognitoIdentity {
  readonly sub: string;
  readonly issuer: string;
  readonly username: string;
  readonly claims: TokenClaims;
  readonly sourceIp: readonly string[];
  readonly defaultAuthStrategy: 'ALLOW';
  readonly groups: readonly string[] | null;
}

/**
 * `ctx.identity` under AWS_IAM (§2.1). The local principal is an IAM user, not a Cognito identity
 * pool identity, so the `cognitoIdentity*` fields are null, as AppSync leaves them for IAM users.
 */
export interface IamIdentity {
  readonly accountId: string;
  readonly cognitoIdentityPoolId: null;
  readonly cognitoIdentityId: null;
  readonly sourceIp: readonly string[];
  readonly username: string;
  readonly userArn: string;
  readonly cognitoIdentityAuthType: null;
  readonly cognitoIdentityAuthProvider: null;
}

/** `ctx.identity`: null under API_KEY. */
export type Identity = CognitoIdentity | IamIdentity | null;

/** Who is asking, as the directive rules need it. */
export interface Principal {
  readonly mode: AuthMode;
  /** `cognito:groups` under Cognito; null otherwise or when the token has none. */
  readonly groups: readonly string[] | null;
}

export interface AuthSuccess {
  readonly ok: true;
  readonly mode: AuthMode;
  readonly identity: Identity;
  /** `util.authType()`. */
  readonly authType: AuthTypeName;
  readonly principal: Principal;
}

/** AppSync's refusal, ready to send: status, `x-amzn-ErrorType` header and JSON body. */
export interface AuthFailure {
  readonly ok: false;
  readonly status: 401 | 403;
  readonly headers: { readonly 'x-amzn-ErrorType': string };
  readonly body: {
    readonly errors: readonly [{ readonly errorType: string; readonly message: string }];
  };
  /** Why, for logs only (AppSync does not tell the caller). */
  readonly reason: string;
}

export type AuthResult = AuthSuccess | AuthFailure;

export type RequestHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface AuthenticatorOptions {
  readonly defaultMode: AuthMode;
  readonly additionalModes?: readonly AuthMode[];
  /** Accepted `x-api-key` values (required when API_KEY is enabled). */
  readonly apiKeys?: readonly string[];
  /** The local user pool (required when AMAZON_COGNITO_USER_POOLS is enabled). */
  readonly issuer?: LocalIssuer;
  /** Default LOCAL_IAM_CREDENTIALS. */
  readonly iamCredentials?: IamCredentials;
  /** Default LOCAL_ACCOUNT_ID. */
  readonly accountId?: string;
  /** Epoch milliseconds; default Date.now. */
  readonly clock?: () => number;
}

export interface Authenticator {
  /**
   * Authenticates one request. `headers` as Node gives them; `sourceIp` is the TCP peer;
   * `request` is needed only for IAM (SigV4 covers method, path, query and body).
   */
  authenticate(
    headers: RequestHeaders,
    sourceIp: string,
    request?: SignedRequestParts,
  ): Promise<AuthResult>;
}

/** The authenticator cannot be built from these options. */
export class AuthConfigurationError extends Error {
  readonly code = 'INVALID_AUTH_CONFIGURATION';
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigurationError';
  }
}

/** The exact texts AppSync answers with (appsync-runtime.md §10.3; see the report's choices). */
export const UNAUTHORIZED_MESSAGES = {
  /** Invalid API key, credential for a mode the API does not have, no credential (API_KEY default). */
  notAuthorized: 'You are not authorized to make this call.',
  /** No credential when the default mode is not API_KEY. */
  missingHeader: 'Missing authorization header',
  /** `Authorization` is not a JWT (also what a `Bearer ` prefix gets: aws-appsync-community#198). */
  unparseableJwt: 'Unable to parse JWT token.',
  /** A JWT that fails verification for any reason but expiry. */
  invalidJwt: 'Valid authorization header not provided.',
  /** An expired JWT. */
  expiredJwt: 'Token has expired.',
} as const;

function fail(status: 401 | 403, errorType: string, message: string, reason: string): AuthFailure {
  return {
    ok: false,
    status,
    headers: { 'x-amzn-ErrorType': errorType },
    body: { errors: [{ errorType, message }] },
    reason,
  };
}

function unauthorized(message: string, reason: string): AuthFailure {
  return fail(401, 'UnauthorizedException', message, reason);
}

function first(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.[0];
}

function lowercased(headers: RequestHeaders): RequestHeaders {
  const names = Object.keys(headers);
  if (names.every((name) => name === name.toLowerCase())) {
    return headers;
  }
  const result: Record<string, string | readonly string[] | undefined> = {};
  for (const name of names) {
    result[name.toLowerCase()] = headers[name];
  }
  return result;
}

/** The `x-forwarded-for` addresses, then the TCP peer (the order the hops happened in). */
export function sourceIpList(headers: RequestHeaders, peer: string): string[] {
  const forwarded = headers['x-forwarded-for'];
  const entries = (typeof forwarded === 'string' ? [forwarded] : (forwarded ?? []))
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter((value) => value !== '');
  return [...entries, peer.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '')];
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

function validateOptions(options: AuthenticatorOptions): ReadonlySet<AuthMode> {
  const modes = new Set<AuthMode>([options.defaultMode, ...(options.additionalModes ?? [])]);
  for (const mode of modes) {
    if (mode === 'OPENID_CONNECT' || mode === 'AWS_LAMBDA') {
      throw new AuthConfigurationError(
        `Authorization mode ${mode} is not supported by the local engine; expected API_KEY, AMAZON_COGNITO_USER_POOLS or AWS_IAM.`,
      );
    }
  }
  if (modes.has('API_KEY') && (options.apiKeys ?? []).length === 0) {
    throw new AuthConfigurationError(
      'API_KEY is enabled but no API key was given; expected at least one in apiKeys.',
    );
  }
  if (modes.has('AMAZON_COGNITO_USER_POOLS') && !options.issuer) {
    throw new AuthConfigurationError(
      'AMAZON_COGNITO_USER_POOLS is enabled but no local issuer was given; expected issuer (openLocalIssuer).',
    );
  }
  return modes;
}

/** Builds the request authenticator for an API's default and additional modes. */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const modes = validateOptions(options);
  const clock = options.clock ?? Date.now;
  const keyDigests = (options.apiKeys ?? []).map(digest);
  const iamCredentials = options.iamCredentials ?? LOCAL_IAM_CREDENTIALS;
  const accountId = options.accountId ?? LOCAL_ACCOUNT_ID;
  const issuer = options.issuer;

  function success(
    mode: AuthMode,
    identity: Identity,
    groups: readonly string[] | null,
  ): AuthSuccess {
    return {
      ok: true,
      mode,
      identity,
      authType: AUTH_TYPE_NAMES[mode],
      principal: { mode, groups },
    };
  }

  function byApiKey(key: string): AuthResult {
    const presented = digest(key);
    // Compare against every key, always: the time taken says nothing about which one matched.
    let matched = false;
    for (const candidate of keyDigests) {
      matched = timingSafeEqual(presented, candidate) || matched;
    }
    return matched
      ? success('API_KEY', null, null)
      : unauthorized(UNAUTHORIZED_MESSAGES.notAuthorized, 'api-key-not-recognized');
  }

  function byUserPool(token: string, sourceIp: readonly string[]): AuthResult {
    if (!issuer || !modes.has('AMAZON_COGNITO_USER_POOLS')) {
      return unauthorized(UNAUTHORIZED_MESSAGES.notAuthorized, 'jwt-without-user-pool-mode');
    }
    if (!decodeJwt(token)) {
      return unauthorized(UNAUTHORIZED_MESSAGES.unparseableJwt, 'jwt-malformed');
    }
    const verification = issuer.verify(token, clock());
    if (!verification.ok) {
      return unauthorized(
        verification.reason === 'expired'
          ? UNAUTHORIZED_MESSAGES.expiredJwt
          : UNAUTHORIZED_MESSAGES.invalidJwt,
        `jwt-${verification.reason}: ${verification.detail}`,
      );
    }
    const { claims } = verification;
    const rawGroups = claims['cognito:groups'];
    const groups = Array.isArray(rawGroups)
      ? rawGroups.filter((group): group is string => typeof group === 'string')
      : null;
    const username = claims.token_use === 'id' ? claims['cognito:username'] : claims['username'];
    return success(
      'AMAZON_COGNITO_USER_POOLS',
      {
        sub: claims.sub,
        issuer: claims.iss,
        username: typeof username === 'string' ? username : claims.sub,
        claims,
        sourceIp,
        defaultAuthStrategy: 'ALLOW',
        groups,
      },
      groups,
    );
  }

  async function byIam(
    headers: RequestHeaders,
    request: SignedRequestParts | undefined,
    sourceIp: readonly string[],
  ): Promise<AuthResult> {
    if (!modes.has('AWS_IAM')) {
      return unauthorized(UNAUTHORIZED_MESSAGES.notAuthorized, 'sigv4-without-iam-mode');
    }
    if (!request) {
      return unauthorized(UNAUTHORIZED_MESSAGES.notAuthorized, 'sigv4-request-parts-not-given');
    }
    const outcome = await verifySigV4(headers, request, iamCredentials, clock());
    if (!outcome.ok) {
      return fail(403, outcome.errorType, outcome.message, `sigv4-${outcome.reason}`);
    }
    return success(
      'AWS_IAM',
      {
        accountId,
        cognitoIdentityPoolId: null,
        cognitoIdentityId: null,
        sourceIp,
        username: outcome.accessKeyId,
        userArn: `arn:aws:iam::${accountId}:user/${outcome.accessKeyId}`,
        cognitoIdentityAuthType: null,
        cognitoIdentityAuthProvider: null,
      },
      null,
    );
  }

  return {
    async authenticate(rawHeaders, peer, request) {
      const headers = lowercased(rawHeaders);
      // An empty header counts as absent (clients and proxies send them).
      const apiKey = first(headers['x-api-key']) || undefined;
      const authorization = first(headers['authorization'])?.trim() || undefined;
      // An API key wins over an Authorization header when both are sent (aws-appsync-community#169).
      if (apiKey !== undefined && (modes.has('API_KEY') || authorization === undefined)) {
        return modes.has('API_KEY')
          ? byApiKey(apiKey)
          : unauthorized(UNAUTHORIZED_MESSAGES.notAuthorized, 'api-key-without-api-key-mode');
      }
      if (authorization === undefined) {
        return unauthorized(
          options.defaultMode === 'API_KEY'
            ? UNAUTHORIZED_MESSAGES.notAuthorized
            : UNAUTHORIZED_MESSAGES.missingHeader,
          'no-credentials',
        );
      }
      const sourceIp = sourceIpList(headers, peer);
      if (authorization.startsWith('AWS4-HMAC-SHA256')) {
        return byIam(headers, request, sourceIp);
      }
      return byUserPool(authorization, sourceIp);
    },
  };
}
