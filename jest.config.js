/** @type {import('jest').Config} */
// The options the benches and the production build (scripts/compile.js) compile with too.
const swc = require('./scripts/swc-options.json');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleNameMapper: { '^@rapport/(.*)$': '<rootDir>/libs/$1/src' },
  testTimeout: 60000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
