/** Jest runs the TypeScript sources as native ES modules (Payload is ESM-only), compiled by SWC. */
export default {
  testEnvironment: 'node',
  // Pick the final builds of packages (see .npmrc for why Lexical needs it).
  testEnvironmentOptions: { customExportConditions: ['node', 'node-addons', 'production'] },
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2022', transform: { react: { runtime: 'automatic' } } },
        module: { type: 'es6' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/'],
  moduleNameMapper: { '^@payload-config$': '<rootDir>/src/payload.config.ts' },
  testMatch: ['<rootDir>/tests/**/*.test.ts'],
  globalSetup: '<rootDir>/tests/helpers/globalSetup.mjs',
  setupFilesAfterEnv: ['<rootDir>/tests/helpers/mongodbLaneSetup.mjs'],
  // With TEST_SERVER_LOGS set, a failed file also shows what its servers logged as errors.
  reporters: ['default', '<rootDir>/tests/helpers/serverLogReporter.mjs'],
  maxWorkers: 2,
  testTimeout: 120_000,
  // Each test file opens its own database; a slow first migration must not fail the hook.
  slowTestThreshold: 30,
}
