import type { Config } from 'jest';

/** Unit tests of every project (integration tests have their own config in backend/). */
const config: Config = {
  projects: [
    '<rootDir>/libs/shared/contracts/jest.config.cts',
    '<rootDir>/libs/shared/domain/jest.config.cts',
    '<rootDir>/backend/jest.config.cts',
    '<rootDir>/frontend/jest.config.cts',
  ],
};

export default config;
