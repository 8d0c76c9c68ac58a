/** Every test of the project: unit, integration and infrastructure. `npm test` runs them all. */
// The AWS SDK warns on every Node 20 process about its future Node 22 requirement; Courier pins
// the SDK, so the notice is noise in test output (workers inherit this environment).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/infra',
    '<rootDir>/resolvers',
    '<rootDir>/bin',
    '<rootDir>/demo',
    '<rootDir>/stress',
  ],
  testMatch: ['**/*.test.ts'],
  transform: {
    // Transpile only: `npm run typecheck` is the type check, so tests start fast.
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', verbatimModuleSyntax: false, isolatedModules: true } },
    ],
  },
  // A run that finds no tests is a broken run, never a green one.
  passWithNoTests: false,
  testTimeout: 60_000,
  // Jest 29 cannot format inline snapshots with Prettier 3; they are written unformatted instead.
  prettierPath: null,
};
