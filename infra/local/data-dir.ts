import path from 'node:path';

/**
 * The local engine's data directory: everything `courier start` and `courier token` keep between
 * runs. `--data-dir` names it (relative to the working directory); `.courier/` otherwise.
 */
export const DEFAULT_DATA_DIR = '.courier';

export function resolveDataDir(option: string | undefined, cwd: string = process.cwd()): string {
  return path.resolve(cwd, option ?? DEFAULT_DATA_DIR);
}

/** Where each part of the engine keeps its files inside the data directory. */
export function dataDirLayout(dataDir: string) {
  return {
    /** DynamoDB Local's database files (its -dbPath). */
    dynamodb: path.join(dataDir, 'dynamodb'),
    /** The local user-pool issuer: its signing key pair and pool identity. */
    issuer: path.join(dataDir, 'issuer.json'),
    /** The TLS certificate and key for --https. */
    tls: path.join(dataDir, 'tls'),
    /** Bundles built for this data directory's runs (Lambda handlers). */
    build: path.join(dataDir, 'build'),
    /** DynamoDB Local's access key pair for this directory (and the local IAM principal's). */
    credentials: path.join(dataDir, 'credentials.json'),
    /** Held while an engine runs on this directory: its pid and its JVM's. */
    lock: path.join(dataDir, 'courier.lock'),
  } as const;
}
