import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { manifest } from '../../resolvers/index';
import { codeUnits } from '../../resolvers/manifest';
import { copyProject, type ProjectCopy } from '../testing/project-copy';

let project: ProjectCopy;

beforeEach(async () => {
  project = await copyProject();
});

afterEach(async () => {
  await project.remove();
});

async function edit(file: string, change: (text: string) => string): Promise<void> {
  const full = path.join(project.root, file);
  await writeFile(full, change(await readFile(full, 'utf8')));
}

describe('npm run build', () => {
  it('writes one verified bundle per manifest resolver and function', async () => {
    const result = await project.runScript('infra/build/cli.ts');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toContain(
      `Built ${codeUnits(manifest).length} resolver bundles into dist/resolvers/`,
    );
    for (const unit of codeUnits(manifest)) {
      expect(existsSync(path.join(project.root, 'dist', 'resolvers', unit.bundle))).toBe(true);
    }
  });

  it('fails, naming the coordinate, when a resolver is renamed to a field the schema lacks', async () => {
    await edit('resolvers/index.ts', (text) =>
      text.replace("'Mutation.createQueue':", "'Mutation.makeQueue':"),
    );
    await rename(
      path.join(project.root, 'resolvers/Mutation.createQueue.ts'),
      path.join(project.root, 'resolvers/Mutation.makeQueue.ts'),
    );
    const result = await project.runScript('infra/build/cli.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Resolver Mutation.makeQueue points at a field that does not exist: Mutation has no field makeQueue',
    );
    expect(result.stderr).toContain('Root field Mutation.createQueue has no resolver');
    expect(existsSync(path.join(project.root, 'dist'))).toBe(false);
  });

  it('fails, naming the file and line, when resolver code uses what AppSync rejects', async () => {
    await edit(
      'resolvers/Query.queue.ts',
      (text) =>
        `${text}\nexport function unused(): number {\n  let n = 0;\n  while (n < 3) {\n    n = n + 1;\n  }\n  return n;\n}\n`,
    );
    const result = await project.runScript('infra/build/cli.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /dist\/resolvers\/Query\.queue\.js:\d+:\d+: While statements are not supported\. \(@aws-appsync\/no-while\)/,
    );
  });
});

describe('npm run codegen:check', () => {
  it('passes when generated/ matches schema/', async () => {
    const result = await project.runScript('infra/build/check-generated.ts');
    expect(result).toMatchObject({ code: 0 });
  });

  it('fails when the schema changed without regenerating', async () => {
    await edit('schema/schema.graphql', (text) =>
      text.replace(
        '  createdAt: AWSDateTime!\n',
        '  createdAt: AWSDateTime!\n  updatedAt: AWSDateTime\n',
      ),
    );
    const result = await project.runScript('infra/build/check-generated.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'Generated code is stale: generated/graphql.ts no longer matches schema/. Run `npm run codegen`',
    );
  });
});
