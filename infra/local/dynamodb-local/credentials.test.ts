import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dataDirCredentials, randomCredentials } from './credentials';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'courier-credentials-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const file = () => path.join(dir, 'credentials.json');
const dynamodbDir = () => path.join(dir, 'dynamodb');

describe('data directory credentials', () => {
  it('draws a random key pair for a new directory, keeps it readable only by its owner, and reuses it', () => {
    const first = dataDirCredentials(file(), dynamodbDir());
    expect(first.accessKeyId).toMatch(/^AKLOCAL[0-9A-F]{20}$/);
    expect(first.secretAccessKey).toMatch(/^[\w-]{40}$/);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    expect(dataDirCredentials(file(), dynamodbDir())).toEqual(first);
    expect(JSON.parse(readFileSync(file(), 'utf8'))).toEqual(first);
  });

  it('gives every directory its own key', () => {
    const other = path.join(dir, 'other');
    mkdirSync(other);
    expect(dataDirCredentials(file(), dynamodbDir()).accessKeyId).not.toBe(
      dataDirCredentials(path.join(other, 'credentials.json'), path.join(other, 'dynamodb'))
        .accessKeyId,
    );
    expect(randomCredentials()).not.toEqual(randomCredentials());
  });

  it('keeps the old fixed key for a database created before keys were drawn, so its data stays reachable', () => {
    mkdirSync(dynamodbDir());
    writeFileSync(path.join(dynamodbDir(), 'courier_us-east-1.db'), '');
    expect(dataDirCredentials(file(), dynamodbDir())).toEqual({
      accessKeyId: 'courier',
      secretAccessKey: 'courier',
    });
  });

  it('refuses a damaged credentials file, saying how to recover', () => {
    writeFileSync(file(), '{"accessKeyId": 1}');
    expect(() => dataDirCredentials(file(), dynamodbDir())).toThrow(
      /does not hold \{"accessKeyId", "secretAccessKey"\}; delete it to draw new credentials/,
    );
  });
});
