import { createAppSyncApi } from './realm/api';
import { createScope } from './realm/invocation';
import { Sandbox } from './sandbox/sandbox';
import { declaredSurface } from './testing/surface';

const surface = declaredSurface();
const aliases: Readonly<Record<string, string>> = {
  '@aws-appsync/utils': 'main',
  '@aws-appsync/utils/dynamodb': 'dynamodb',
  '@aws-appsync/utils/rds': 'rds',
  '@aws-appsync/utils/ai': 'ai',
};

function lookup(root: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>((owner, key) => (owner as Record<string, unknown> | undefined)?.[key], root);
}

describe('the APPSYNC_JS API surface', () => {
  it('is read from every .d.ts of @aws-appsync/utils', () => {
    expect(surface.length).toBeGreaterThanOrEqual(106);
    expect(surface).toEqual(
      expect.arrayContaining([
        { module: '@aws-appsync/utils', path: 'util.time.nowFormatted' },
        { module: '@aws-appsync/utils', path: 'runtime.earlyReturn' },
        { module: '@aws-appsync/utils/dynamodb', path: 'operations.updateListItem' },
        { module: '@aws-appsync/utils/rds', path: 'typeHint.UUID' },
        { module: '@aws-appsync/utils/ai', path: 'converse' },
      ]),
    );
  });

  it('is implemented in full by the runtime, function by function', () => {
    const api = createAppSyncApi({
      host: { nowMs: () => 0, randomHex: (count) => '00'.repeat(count) },
      scope: createScope(),
    });
    const missing = surface.filter(
      (entry) => typeof lookup(api.modules[entry.module], entry.path) !== 'function',
    );
    expect(missing).toEqual([]);
  });

  it('is what resolver code sees in the sandbox, through imports and globals', () => {
    const sandbox = Sandbox.create();
    const imports = Object.entries(aliases)
      .map(([specifier, alias]) => `import * as ${alias} from '${specifier}';`)
      .join('\n');
    const checks = surface.map(
      (entry) =>
        `[${JSON.stringify(`${entry.module} ${entry.path}`)}, typeof ${aliases[entry.module]}.${entry.path}]`,
    );
    const globals = ['util', 'extensions', 'runtime'].map(
      (name) => `['global ${name}', typeof ${name}]`,
    );
    const code = sandbox.load(
      `${imports}\nexport function request(ctx) {\n  return [${[...checks, ...globals].join(',\n')}].filter((entry) => entry[1] !== 'function' && entry[1] !== 'object');\n}\nexport function response(ctx) { return null; }\n`,
      'code.js',
      { check: false },
    );
    expect(
      sandbox.invoke(code, { handler: 'request', context: { arguments: {}, args: {}, stash: {} } }),
    ).toMatchObject({ kind: 'value', value: [] });
  });
});
