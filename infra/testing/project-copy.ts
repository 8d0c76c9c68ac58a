import { execFile } from 'node:child_process';
import { cp, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../build/paths';

const run = promisify(execFile);

/** What a project copy needs to build: the contract, the manifest, the resolvers and the tools. */
const COPIED = [
  'package.json',
  'tsconfig.json',
  'codegen.ts',
  'schema',
  'generated',
  'resolvers',
  'infra',
];

export interface ProjectCopy {
  readonly root: string;
  /** Runs a TypeScript entry point of the copy with tsx; never rejects, reports the exit code. */
  runScript(script: string): Promise<{ code: number; stdout: string; stderr: string }>;
  remove(): Promise<void>;
}

/** A throw-away copy of the project (node_modules linked) that a test may edit and build. */
export async function copyProject(): Promise<ProjectCopy> {
  const root = await mkdtemp(path.join(tmpdir(), 'courier-project-'));
  await Promise.all(
    COPIED.map((entry) =>
      cp(path.join(projectRoot, entry), path.join(root, entry), {
        recursive: true,
        filter: (source) =>
          !source.endsWith('.test.ts') && !source.includes(`${path.sep}__snapshots__`),
      }),
    ),
  );
  await symlink(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  return {
    root,
    async runScript(script) {
      const tsx = path.join(projectRoot, 'node_modules', '.bin', 'tsx');
      try {
        const { stdout, stderr } = await run(tsx, [script], { cwd: root });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const failed = error as { code?: number; stdout?: string; stderr?: string };
        return { code: failed.code ?? 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? '' };
      }
    },
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
