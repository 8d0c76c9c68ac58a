// Lint for the whole repository. Resolver code additionally follows AppSync's own rules, with type
// information, so what AppSync would reject fails here at the source line.
import appsync from '@aws-appsync/eslint-plugin';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const resolverCode = ['resolvers/*.ts', 'resolvers/*/**/*.ts'];
const notResolverCode = [
  'resolvers/index.ts',
  'resolvers/manifest.ts',
  'resolvers/lambda/**',
  'resolvers/**/*.test.ts',
  'resolvers/testing/**',
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdk.out/', '.courier/', 'generated/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    files: ['codegen.ts', 'eslint.config.mjs', 'jest.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: resolverCode,
    ignores: notResolverCode,
    ...appsync.configs.recommended,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { project: './resolvers/tsconfig.json', tsconfigRootDir: import.meta.dirname },
      globals: {},
    },
  },
  {
    files: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'CallExpression[callee.object.name=/^(it|test|describe)$/][callee.property.name=/^(only|skip|todo)$/]',
          message: 'Focused and skipped tests are not allowed: every test runs in CI.',
        },
        {
          selector: 'CallExpression[callee.name=/^(xit|xtest|xdescribe|fit|fdescribe)$/]',
          message: 'Focused and skipped tests are not allowed: every test runs in CI.',
        },
      ],
    },
  },
  prettier,
);
