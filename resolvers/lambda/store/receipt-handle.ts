import { randomBytes } from 'node:crypto';

/** What a receipt handle names: the message's key and the receive it was issued for. */
export interface ReceiptTarget {
  readonly pk: string;
  readonly sk: string;
  readonly receiveCount: number;
  readonly messageId: string;
}

/**
 * Receipt handles are opaque to clients: the message's key, the receive count and a random part,
 * base64url-encoded. Each receive issues a new one, so an old handle never matches the item.
 */
export function issueReceiptHandle(target: ReceiptTarget): string {
  const text = JSON.stringify([
    target.pk,
    target.sk,
    target.receiveCount,
    target.messageId,
    randomBytes(9).toString('base64url'),
  ]);
  return Buffer.from(text, 'utf8').toString('base64url');
}

/** The target of a handle, or null when the text is not a handle Courier issued. */
export function readReceiptHandle(handle: string): ReceiptTarget | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(handle, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 5 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string' &&
      typeof parsed[2] === 'number' &&
      typeof parsed[3] === 'string'
    ) {
      return { pk: parsed[0], sk: parsed[1], receiveCount: parsed[2], messageId: parsed[3] };
    }
    return null;
  } catch {
    return null;
  }
}
