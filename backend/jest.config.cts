/** Unit tests of the backend: pure logic beside the code, no database. */
module.exports = {
  displayName: 'backend',
  preset: '../jest.preset.js',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/src/**/*.spec.ts'],
  transform: {
    '^.+\\.[tj]s$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.spec.json' }],
  },
  // A few dependencies of Fastify plugins ship ES modules only (or import them dynamically):
  // let ts-jest compile them to CommonJS.
  transformIgnorePatterns: [
    '^(?!.*/node_modules/(content-disposition|cookie|@fastify/cookie|openid-client|oauth4webapi|jose)/).*/node_modules/',
  ],
  moduleFileExtensions: ['ts', 'js'],
  coverageDirectory: '../coverage/backend',
};
