import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { isObject } from './request';
import { toAttributeMap, typedJsonOfMap, type AttributeMap } from './typed-values';

/**
 * Pagination tokens: opaque, encrypted and bound to the resolver that produced them, as AppSync's
 * are [runtime §5.3]. A token is base64 of `{"version":1,"token":"<AES-256-GCM blob>"}`; the blob
 * holds DynamoDB's LastEvaluatedKey and is authenticated together with the binding (code unit,
 * table, index), so a token from another resolver, table or engine secret does not open.
 */

/** What a token is bound to. */
export interface TokenBinding {
  /** The code unit (`Type.field` or `Type.field/NN.step`). */
  readonly unit: string;
  readonly table: string;
  readonly index?: string | undefined;
}

export interface PaginationTokens {
  /** A token for the page after `lastEvaluatedKey`. */
  issue(lastEvaluatedKey: AttributeMap, binding: TokenBinding): string;
  /** The ExclusiveStartKey a token holds, or undefined when it is malformed, forged or foreign. */
  open(token: string, binding: TokenBinding): AttributeMap | undefined;
}

const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function associatedData(binding: TokenBinding): Buffer {
  return Buffer.from(JSON.stringify([VERSION, binding.unit, binding.table, binding.index ?? null]));
}

/** Creates the token codec; any secret length works, as it is hashed into the AES key. */
export function createPaginationTokens(secret: Uint8Array | string): PaginationTokens {
  if (secret.length === 0) {
    throw new TypeError(
      'The pagination token secret is empty; expected a non-empty string or bytes.',
    );
  }
  const key = createHash('sha256').update('courier pagination token v1\0').update(secret).digest();

  return {
    issue(lastEvaluatedKey, binding) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      cipher.setAAD(associatedData(binding));
      const plain = JSON.stringify(typedJsonOfMap(lastEvaluatedKey));
      const sealed = Buffer.concat([
        iv,
        cipher.update(plain, 'utf8'),
        cipher.final(),
        cipher.getAuthTag(),
      ]);
      const envelope = JSON.stringify({ version: VERSION, token: sealed.toString('base64url') });
      return Buffer.from(envelope, 'utf8').toString('base64');
    },

    open(token, binding) {
      try {
        const envelope: unknown = JSON.parse(Buffer.from(token, 'base64').toString('utf8'));
        if (!isObject(envelope) || envelope['version'] !== VERSION) return undefined;
        const blob = envelope['token'];
        if (typeof blob !== 'string') return undefined;
        const sealed = Buffer.from(blob, 'base64url');
        if (sealed.length < IV_BYTES + TAG_BYTES) return undefined;
        const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, IV_BYTES));
        decipher.setAAD(associatedData(binding));
        decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
        const plain = Buffer.concat([
          decipher.update(sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
        return toAttributeMap(JSON.parse(plain) as unknown, '$[nextToken]');
      } catch {
        // Whatever is wrong with it (base64, JSON, tag), a token that does not open is invalid.
        return undefined;
      }
    },
  };
}
