const unit = require('./jest.config.cts');

/** Integration tests: the real app against real PostgreSQL and Redis (see test/support). */
module.exports = {
  ...unit,
  displayName: 'backend-integration',
  testMatch: ['<rootDir>/test/**/*.int-spec.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 30_000,
};
