/** Every test of the project: unit, integration and infrastructure. `npm test` runs them all. */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/infra', '<rootDir>/resolvers', '<rootDir>/bin'],
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
};
