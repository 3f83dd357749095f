/** Unit, contract and e2e tests. Type-checking is done once by `npm run typecheck`, so ts-jest only transpiles. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '\\.(spec|e2e-spec|contract-spec)\\.ts$',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  moduleNameMapper: {
    '^@integrity/(.*)$': '<rootDir>/libs/$1/src',
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
  setupFiles: ['<rootDir>/test/support/private-files.js'],
  globalSetup: '<rootDir>/test/support/shared-browser.ts',
  globalTeardown: '<rootDir>/test/support/shared-browser-teardown.ts',
  // CI runs on shared, noisy machines: starting the app in a hook may take long there; a test that hangs still fails.
  testTimeout: 180_000,
  maxWorkers: 2,
};
