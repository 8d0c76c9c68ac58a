/**
 * Compact JWS with RS256 only, on node:crypto. Courier's local user pool signs exactly one kind of
 * token, so this is deliberately narrow: no other algorithm can be named, and parsing is strict.
 * (jose is ESM-only and cannot be loaded by the project's CommonJS Jest setup; see the report.)
 */
import { sign, verify, type KeyObject } from 'node:crypto';

/** A token split into its parts, not yet trusted. */
export interface DecodedJwt {
  readonly header: Readonly<Record<string, unknown>>;
  readonly payload: Readonly<Record<string, unknown>>;
  /** `<header>.<payload>` exactly as received: what the signature covers. */
  readonly signingInput: string;
  readonly signature: Buffer;
}

const BASE64URL = /^[A-Za-z0-9_-]+$/;
const BASE64URL_OR_EMPTY = /^[A-Za-z0-9_-]*$/;

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

/**
 * The bytes of a base64url segment, or null unless it is their one canonical encoding. Node's
 * decoder ignores the unused low bits of the last character, so up to 16 spellings of a signature
 * would otherwise pass for one token (RFC 4648 §3.5 lets decoders refuse them).
 */
function canonicalBytes(segment: string): Buffer | null {
  const bytes = Buffer.from(segment, 'base64url');
  return bytes.toString('base64url') === segment ? bytes : null;
}

function decodeObject(segment: string): Record<string, unknown> | null {
  const bytes = BASE64URL.test(segment) ? canonicalBytes(segment) : null;
  if (!bytes) {
    return null;
  }
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

/** Splits a compact JWS into header, payload and signature; null when it is not one. */
export function decodeJwt(token: string): DecodedJwt | null {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeObject(headerPart);
  const payload = decodeObject(payloadPart);
  const signature = BASE64URL_OR_EMPTY.test(signaturePart) ? canonicalBytes(signaturePart) : null;
  if (!header || !payload || !signature) {
    return null;
  }
  return { header, payload, signingInput: `${headerPart}.${payloadPart}`, signature };
}

/** Signs claims as an RS256 compact JWS with the given key id. */
export function signRs256(
  payload: Readonly<Record<string, unknown>>,
  kid: string,
  privateKey: KeyObject,
): string {
  const signingInput = `${encodeSegment({ kid, alg: 'RS256' })}.${encodeSegment(payload)}`;
  const signature = sign('sha256', Buffer.from(signingInput, 'ascii'), privateKey);
  return `${signingInput}.${signature.toString('base64url')}`;
}

/** Whether an RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signature matches; the caller checks `alg`. */
export function hasValidRs256Signature(jwt: DecodedJwt, publicKey: KeyObject): boolean {
  if (jwt.signature.length === 0) {
    return false;
  }
  return verify('sha256', Buffer.from(jwt.signingInput, 'ascii'), publicKey, jwt.signature);
}
