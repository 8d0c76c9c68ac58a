import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The identity the engine (and its Lambda functions, through the standard AWS variables) uses
 * with DynamoDB Local. DynamoDB Local checks no signature, but keeps one database per access key
 * and region: a random key per data directory means another client reaching its port (it listens
 * on every interface) does not land in this directory's database by guessing a well-known key.
 */
export const LOCAL_REGION = 'us-east-1';

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** The key every data directory used before keys were drawn per directory. */
const LEGACY: LocalCredentials = { accessKeyId: 'courier', secretAccessKey: 'courier' };

/** Fresh random credentials, for instances without a data directory (tests, --in-memory). */
export function randomCredentials(): LocalCredentials {
  return {
    accessKeyId: `AKLOCAL${randomBytes(10).toString('hex').toUpperCase()}`,
    secretAccessKey: randomBytes(30).toString('base64url'),
  };
}

function isCredentials(value: unknown): value is LocalCredentials {
  const record = value as Partial<LocalCredentials> | null;
  return (
    typeof record?.accessKeyId === 'string' &&
    record.accessKeyId.length > 0 &&
    typeof record.secretAccessKey === 'string' &&
    record.secretAccessKey.length > 0
  );
}

/**
 * The data directory's credentials, kept in `file` (mode 0600). A directory whose database was
 * created before per-directory keys existed (`courier_us-east-1.db`) keeps the old key, so its
 * data stays reachable.
 */
export function dataDirCredentials(file: string, dynamodbDir: string): LocalCredentials {
  if (existsSync(file)) {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!isCredentials(parsed)) {
      throw new Error(
        `${file} does not hold {"accessKeyId", "secretAccessKey"}; delete it to draw new credentials (a database made with other ones is then no longer reachable).`,
      );
    }
    return { accessKeyId: parsed.accessKeyId, secretAccessKey: parsed.secretAccessKey };
  }
  const legacyDatabase = path.join(dynamodbDir, `${LEGACY.accessKeyId}_${LOCAL_REGION}.db`);
  const credentials = existsSync(legacyDatabase) ? { ...LEGACY } : randomCredentials();
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600, flag: 'wx' });
  return credentials;
}
