import { generate } from '@graphql-codegen/cli';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { codegenConfig } from '../../codegen';
import { projectRoot } from './paths';

/** Files whose content on disk differs from what codegen would write now. */
export async function staleGeneratedFiles(root: string = projectRoot): Promise<string[]> {
  const schema = (codegenConfig.schema as string[]).map((file) => path.join(root, file));
  const outputs: { filename: string; content: string }[] = await generate(
    { ...codegenConfig, schema, cwd: root, silent: true },
    false,
  );
  return outputs
    .filter((output) => {
      const file = path.resolve(root, output.filename);
      return !existsSync(file) || readFileSync(file, 'utf8') !== output.content;
    })
    .map((output) => path.relative(root, path.resolve(root, output.filename)));
}

/** `npm run codegen:check`: fails when generated/ does not match schema/. */
async function main(): Promise<void> {
  const stale = await staleGeneratedFiles();
  if (stale.length > 0) {
    console.error(
      `Generated code is stale: ${stale.join(', ')} no longer matches schema/. Run \`npm run codegen\` and commit the result.`,
    );
    process.exitCode = 1;
    return;
  }
  console.log('Generated code is up to date with schema/.');
}

if (require.main === module) {
  void main();
}
