import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { bundleFile } from '../build/bundle';
import { evaluateCode, EvaluateCodeInputError } from '../local/runtime/evaluate/evaluate-code';

const USAGE =
  'Usage: courier evaluate --code FILE --context FILE [--function request|response] [--runtime name=APPSYNC_JS,runtimeVersion=1.0.0]\n' +
  'FILE may be written as the AWS CLI takes it (file://path). TypeScript code is bundled first, as `npm run build` does.';

class UsageError extends Error {}

/** `--runtime` in the AWS CLI's shorthand (`name=APPSYNC_JS,runtimeVersion=1.0.0`) or as JSON. */
function parseRuntime(text: string): { name: string; runtimeVersion: string } {
  if (text.trim().startsWith('{')) {
    return JSON.parse(text) as { name: string; runtimeVersion: string };
  }
  const fields = Object.fromEntries(
    text.split(',').map((pair) => pair.split('=').map((part) => part.trim())),
  );
  return {
    name: String(fields['name'] ?? ''),
    runtimeVersion: String(fields['runtimeVersion'] ?? ''),
  };
}

async function readArgumentFile(
  option: string,
  value: string | undefined,
): Promise<{ file: string; text: string }> {
  if (!value) {
    throw new UsageError(`courier evaluate: ${option} is required.`);
  }
  const file = path.resolve(value.replace(/^file:\/\//, ''));
  try {
    return { file, text: await readFile(file, 'utf8') };
  } catch (error) {
    throw new UsageError(
      `courier evaluate: cannot read ${option} ${value}: ${(error as Error).message}`,
    );
  }
}

/**
 * `courier evaluate`: AppSync's EvaluateCode without AWS. Prints the response as the AWS CLI does;
 * exits 0 even when the code reported an error (as the API answers 200), 2 for bad command lines.
 */
export async function runEvaluate(argv: readonly string[]): Promise<number> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        code: { type: 'string' },
        context: { type: 'string' },
        function: { type: 'string' },
        runtime: { type: 'string', default: 'name=APPSYNC_JS,runtimeVersion=1.0.0' },
      },
      strict: true,
    });
    const code = await readArgumentFile('--code', values.code);
    const context = await readArgumentFile('--context', values.context);
    const source = /\.(c|m)?tsx?$/.test(code.file) ? await bundleFile(code.file) : code.text;
    const response = await evaluateCode({
      runtime: parseRuntime(values.runtime),
      code: source,
      context: context.text,
      ...(values.function === undefined ? {} : { function: values.function }),
    });
    console.log(JSON.stringify(response, null, 4));
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof EvaluateCodeInputError) {
      console.error(error.message);
      return 2;
    }
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error(`courier evaluate: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
