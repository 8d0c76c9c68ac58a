import { parseArgs } from 'node:util';
import { dataDirLayout, resolveDataDir } from '../local/data-dir';
import {
  groupNameProblem,
  LocalIssuerFileError,
  openLocalIssuer,
  TokenMintError,
  usernameProblem,
  type TokenUse,
} from '../local/auth/local-issuer';

const USAGE =
  'Usage: courier token --user NAME [--groups a,b] [--token-use id|access] [--expires-in SECONDS] [--data-dir DIR]\n' +
  'Prints a token of the local user pool (the one `courier start` trusts with the same --data-dir) on stdout,\n' +
  'for the Authorization header: curl -H "Authorization: $(npx courier token --user ana)" ...';

/** Cognito's own bounds for ID and access token validity. */
const MAX_EXPIRES_IN = 86_400;

class UsageError extends Error {}

function parseGroups(text: string | undefined): string[] {
  if (text === undefined) {
    return [];
  }
  const groups = text.split(',').map((group) => group.trim());
  for (const group of groups) {
    if (group === '') {
      throw new UsageError(
        `--groups ${JSON.stringify(text)} has an empty group name; expected group names separated by commas, such as --groups admins,readers.`,
      );
    }
    const problem = groupNameProblem(group);
    if (problem) {
      throw new UsageError(`--groups: ${problem}.`);
    }
  }
  return [...new Set(groups)];
}

function parseTokenUse(text: string | undefined): TokenUse {
  if (text === undefined || text === 'id' || text === 'access') {
    return text ?? 'id';
  }
  throw new UsageError(`--token-use ${JSON.stringify(text)} is not valid; expected id or access.`);
}

function parseExpiresIn(text: string | undefined): number {
  if (text === undefined) {
    return 3600;
  }
  const seconds = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_EXPIRES_IN) {
    throw new UsageError(
      `--expires-in ${JSON.stringify(text)} is not valid; expected a whole number of seconds from 1 to ${MAX_EXPIRES_IN}.`,
    );
  }
  return seconds;
}

/**
 * `courier token`: mints a token of the local user pool, creating the pool on first use. Prints
 * only the token on stdout (so `$(courier token ...)` works); errors go to stderr with exit 1.
 */
export async function runToken(argv: readonly string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        user: { type: 'string' },
        groups: { type: 'string' },
        'token-use': { type: 'string' },
        'expires-in': { type: 'string' },
        'data-dir': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      return 0;
    }
    if (values.user === undefined) {
      throw new UsageError(
        '--user is required: the username to put in the token, such as --user ana.',
      );
    }
    const problem = usernameProblem(values.user);
    if (problem) {
      throw new UsageError(`--user: ${problem}.`);
    }
    const groups = parseGroups(values.groups);
    const tokenUse = parseTokenUse(values['token-use']);
    const expiresInSeconds = parseExpiresIn(values['expires-in']);
    const issuer = await openLocalIssuer(dataDirLayout(resolveDataDir(values['data-dir'])).issuer);
    console.log(issuer.mint({ username: values.user, groups, tokenUse, expiresInSeconds }));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof TokenMintError) {
      console.error(`courier token: ${error.message}\n${USAGE}`);
      return 1;
    }
    if (error instanceof LocalIssuerFileError) {
      console.error(`courier token: ${error.message}`);
      return 1;
    }
    const code = (error as { code?: string }).code;
    if (code?.startsWith('ERR_PARSE_ARGS')) {
      const known =
        code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION'
          ? '; expected one of --user, --groups, --token-use, --expires-in, --data-dir, --help.'
          : '.';
      console.error(`courier token: ${(error as Error).message}${known}\n${USAGE}`);
      return 1;
    }
    throw error;
  }
}
