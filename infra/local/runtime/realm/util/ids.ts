/** Identifier formats for util.autoId / autoUlid / autoKsuid, built from host-supplied bytes. */

export function bytesFromHex(hex: string, count: number): number[] {
  if (!/^[0-9a-f]*$/i.test(hex) || hex.length !== count * 2) {
    throw new Error(
      `The host returned ${JSON.stringify(hex)} where ${count} random bytes were expected.`,
    );
  }
  const bytes: number[] = [];
  for (let i = 0; i < count; i += 1) bytes.push(parseInt(hex.slice(i * 2, i * 2 + 2), 16));
  return bytes;
}

function hex(bytes: readonly number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** RFC 4122 version-4 UUID, lowercase and hyphenated, from 16 random bytes. */
export function uuidV4(random: readonly number[]): string {
  const bytes = [...random];
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const h = hex(bytes);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** ULID: 10 characters of millisecond time, then 16 characters of 80 random bits. */
export function ulid(nowMs: number, random: readonly number[]): string {
  let time = '';
  let rest = Math.max(0, Math.floor(nowMs));
  for (let i = 0; i < 10; i += 1) {
    time = CROCKFORD.charAt(rest % 32) + time;
    rest = Math.floor(rest / 32);
  }
  let entropy = '';
  let buffer = 0;
  let bitCount = 0;
  for (const byte of random) {
    buffer = (buffer << 8) | byte;
    bitCount += 8;
    while (bitCount >= 5) {
      bitCount -= 5;
      entropy += CROCKFORD.charAt((buffer >> bitCount) & 31);
    }
    buffer &= (1 << bitCount) - 1;
  }
  return time + entropy;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
export const KSUID_EPOCH_SECONDS = 1_400_000_000;
const KSUID_LENGTH = 27;

/** KSUID: 4 bytes of seconds since the KSUID epoch and 16 random bytes, as 27 base62 characters. */
export function ksuid(nowMs: number, random: readonly number[]): string {
  const seconds = Math.floor(nowMs / 1000) - KSUID_EPOCH_SECONDS;
  const stamp = Math.min(Math.max(seconds, 0), 0xffffffff);
  let digits = [
    Math.floor(stamp / 0x1000000) & 0xff,
    (stamp >> 16) & 0xff,
    (stamp >> 8) & 0xff,
    stamp & 0xff,
    ...random,
  ];
  // Repeated division of the big-endian byte string by 62 yields the base62 digits, last first.
  let out = '';
  while (digits.length > 0) {
    const quotient: number[] = [];
    let remainder = 0;
    for (const digit of digits) {
      const accumulator = remainder * 256 + digit;
      const q = Math.floor(accumulator / 62);
      remainder = accumulator % 62;
      if (quotient.length > 0 || q > 0) quotient.push(q);
    }
    out = BASE62.charAt(remainder) + out;
    digits = quotient;
  }
  return out.padStart(KSUID_LENGTH, '0');
}
