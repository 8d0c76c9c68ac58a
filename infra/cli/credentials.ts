import { mkdirSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dataDirLayout, resolveDataDir } from '../local/data-dir';
import { dataDirCredentials, LOCAL_REGION } from '../local/dynamodb-local/credentials';

const USAGE =
  'Usage: courier credentials [--data-dir DIR]\n' +
  "Prints the data directory's local AWS credentials as environment variables: the key DynamoDB Local\n" +
  'keeps its database under, and the IAM principal `courier start` accepts for SigV4-signed requests:\n' +
  '  eval "$(npx courier credentials)"';

/** `courier credentials`: the data directory's key pair, drawn on first use and kept there. */
export async function runCredentials(args: readonly string[]): Promise<number> {
  let dataDirOption: string | undefined;
  try {
    const { values } = parseArgs({
      args: [...args],
      options: { 'data-dir': { type: 'string' } },
      strict: true,
      allowPositionals: false,
    });
    dataDirOption = values['data-dir'];
  } catch (error) {
    console.error(
      `courier credentials: ${error instanceof Error ? error.message : String(error)}\n${USAGE}`,
    );
    return 2;
  }
  const dataDir = resolveDataDir(dataDirOption);
  const layout = dataDirLayout(dataDir);
  try {
    mkdirSync(dataDir, { recursive: true });
    const credentials = dataDirCredentials(layout.credentials, layout.dynamodb);
    console.log(`export AWS_ACCESS_KEY_ID=${credentials.accessKeyId}`);
    console.log(`export AWS_SECRET_ACCESS_KEY=${credentials.secretAccessKey}`);
    console.log(`export AWS_REGION=${LOCAL_REGION}`);
    return 0;
  } catch (error) {
    console.error(`courier credentials: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
