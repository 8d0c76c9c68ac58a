/**
 * Verifies AWS Signature Version 4 on a request for AppSync's IAM mode. The local engine has one
 * IAM principal (fixed, documented credentials); a request passes when it was signed with them for
 * service `appsync`. The canonical request is rebuilt by @smithy/signature-v4, the signer the AWS
 * SDK itself uses, over exactly the headers the client says it signed.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';

/** The access key pair the local engine accepts in IAM mode. */
export interface IamCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
}

/** What SigV4 covers besides the headers. */
export interface SignedRequestParts {
  readonly method: string;
  /** Path and query as on the request line, e.g. `/graphql` or `/graphql?x=1`. */
  readonly url: string;
  readonly body?: string | Uint8Array;
}

export type SigV4Outcome =
  | { readonly ok: true; readonly accessKeyId: string }
  | {
      readonly ok: false;
      /** AWS's errorType: IncompleteSignatureException, InvalidSignatureException, ... */
      readonly errorType: string;
      readonly message: string;
      /** Kept for logs. */
      readonly reason: string;
    };

/** AWS accepts a signature this far from its clock (the usual SigV4 window). */
export const SIGV4_CLOCK_SKEW_MS = 15 * 60 * 1000;

const MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

type SourceData = string | ArrayBuffer | ArrayBufferView;

function bytesOf(data: SourceData): Buffer {
  if (typeof data === 'string') {
    return Buffer.from(data, 'utf8');
  }
  return ArrayBuffer.isView(data)
    ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    : Buffer.from(data);
}

/**
 * node:crypto behind the hash interface @smithy/signature-v4 expects (HMAC when given a secret).
 * Exported for code that signs requests to the local engine (tests, tools).
 */
export class NodeSha256 {
  private readonly hash;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytesOf(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

interface ParsedAuthorization {
  readonly accessKeyId: string;
  readonly shortDate: string;
  readonly region: string;
  readonly service: string;
  readonly signedHeaders: readonly string[];
  readonly signature: string;
}

function headerValue(value: string | readonly string[] | undefined): string | undefined {
  return typeof value === 'string' ? value : value?.join(',');
}

function parseAuthorization(header: string): ParsedAuthorization | string[] {
  const fields = new Map<string, string>();
  for (const part of header.slice('AWS4-HMAC-SHA256'.length).split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) {
      fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
    }
  }
  const missing = ['Credential', 'Signature', 'SignedHeaders'].filter((name) => !fields.get(name));
  if (missing.length > 0) {
    return missing.map((name) => `Authorization header requires '${name}' parameter.`);
  }
  const scope = (fields.get('Credential') ?? '').split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    return [
      `Credential should be scoped to a valid region, service and request type (received ${JSON.stringify(fields.get('Credential'))}).`,
    ];
  }
  const [accessKeyId, shortDate, region, service] = scope as [string, string, string, string];
  return {
    accessKeyId,
    shortDate,
    region,
    service,
    signedHeaders: (fields.get('SignedHeaders') ?? '').split(';'),
    signature: fields.get('Signature') ?? '',
  };
}

/** `20240102T030405Z` as epoch milliseconds; NaN when it is not that shape. */
function parseAmzDate(text: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!match) {
    return Number.NaN;
  }
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  return Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second);
}

function formatAmzDate(epochMs: number): string {
  return new Date(epochMs)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');
}

function sameHex(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The path as the client had it before encoding it on the wire (the signer encodes it again). */
function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return query;
}

/**
 * What a signature must cover, as AWS checks it: the host (else a captured signature could be
 * replayed against another endpoint) and every header it names.
 */
function coverageProblem(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  signedHeaders: readonly string[],
): { errorType: string; message: string; reason: string } | null {
  if (!signedHeaders.includes('host')) {
    // AWS's text and type (aws/aws-sdk-php#2469).
    return {
      errorType: 'InvalidSignatureException',
      message: "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.",
      reason: 'host-not-signed',
    };
  }
  const absent = signedHeaders.find((name) => headerValue(headers[name]) === undefined);
  if (absent !== undefined) {
    // AppSync's text and type (awslabs/aws-mobile-appsync-sdk-js#702).
    return {
      errorType: 'IncompleteSignatureException',
      message: `'${absent}' is named as a SignedHeader, but it does not exist in the HTTP request.`,
      reason: `signed-header-absent ${absent}`,
    };
  }
  return null;
}

/**
 * Checks a request's SigV4 `Authorization` header against `credentials` at `now` (epoch ms).
 * `headers` must have lowercase names (as Node gives them).
 */
export async function verifySigV4(
  headers: Readonly<Record<string, string | readonly string[] | undefined>>,
  request: SignedRequestParts,
  credentials: IamCredentials,
  now: number,
): Promise<SigV4Outcome> {
  const authorization = headerValue(headers['authorization']) ?? '';
  const parsed = parseAuthorization(authorization);
  const amzDate = headerValue(headers['x-amz-date']);
  if (Array.isArray(parsed) || amzDate === undefined) {
    const problems = Array.isArray(parsed) ? [...parsed] : [];
    if (amzDate === undefined) {
      problems.push(
        "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
      );
    }
    return {
      ok: false,
      errorType: 'IncompleteSignatureException',
      message: `${problems.join(' ')} Authorization=${authorization}`,
      reason: 'malformed-signature',
    };
  }
  const unsigned = coverageProblem(headers, parsed.signedHeaders);
  if (unsigned) {
    return { ok: false, ...unsigned };
  }
  if (parsed.accessKeyId !== credentials.accessKeyId) {
    return {
      ok: false,
      errorType: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
      reason: `unknown-access-key ${parsed.accessKeyId}`,
    };
  }
  const signedAt = parseAmzDate(amzDate);
  if (Number.isNaN(signedAt) || !amzDate.startsWith(parsed.shortDate)) {
    return {
      ok: false,
      errorType: 'IncompleteSignatureException',
      message: `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.shortDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      reason: 'bad-date',
    };
  }
  if (signedAt < now - SIGV4_CLOCK_SKEW_MS) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: `Signature expired: ${amzDate} is now earlier than ${formatAmzDate(now - SIGV4_CLOCK_SKEW_MS)} (${formatAmzDate(now)} - 15 min.)`,
      reason: 'signature-expired',
    };
  }
  if (signedAt > now + SIGV4_CLOCK_SKEW_MS) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: `Signature not yet current: ${amzDate} is still later than ${formatAmzDate(now + SIGV4_CLOCK_SKEW_MS)} (${formatAmzDate(now)} + 15 min.)`,
      reason: 'signature-not-yet-current',
    };
  }
  if (parsed.service !== 'appsync') {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: "Credential should be scoped to correct service: 'appsync'.",
      reason: `wrong-service ${parsed.service}`,
    };
  }
  const contentHash = headerValue(headers['x-amz-content-sha256']);
  if (
    contentHash !== undefined &&
    contentHash !== 'UNSIGNED-PAYLOAD' &&
    contentHash !==
      createHash('sha256')
        .update(bytesOf(request.body ?? ''))
        .digest('hex')
  ) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: "The provided 'x-amz-content-sha256' header does not match what was computed.",
      reason: 'content-hash-mismatch',
    };
  }
  const signed: Record<string, string> = {};
  for (const name of parsed.signedHeaders) {
    const value = headerValue(headers[name]);
    if (value !== undefined) {
      signed[name] = value;
    }
  }
  const url = new URL(request.url, 'http://localhost');
  const signer = new SignatureV4({
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
    },
    region: parsed.region,
    service: 'appsync',
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const resigned = await signer.sign(
    {
      method: request.method.toUpperCase(),
      protocol: 'https:',
      hostname: signed['host'] ?? 'localhost',
      path: decodedPath(url.pathname),
      query: queryOf(url.searchParams),
      headers: signed,
      body: request.body,
    },
    { signingDate: new Date(signedAt), signableHeaders: new Set(parsed.signedHeaders) },
  );
  const expected = /Signature=([0-9a-f]+)/.exec(
    headerValue(resigned.headers['authorization']) ?? '',
  );
  const expectedHeaders = /SignedHeaders=([^,]+)/.exec(
    headerValue(resigned.headers['authorization']) ?? '',
  );
  if (
    !expected?.[1] ||
    !sameHex(expected[1], parsed.signature) ||
    expectedHeaders?.[1] !== parsed.signedHeaders.join(';')
  ) {
    return {
      ok: false,
      errorType: 'InvalidSignatureException',
      message: MISMATCH,
      reason: 'bad-signature',
    };
  }
  return { ok: true, accessKeyId: parsed.accessKeyId };
}
