/** Journeys: one built server and one headless chromium for the file, so the tests run one at a time. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/journeys'],
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  testTimeout: 120_000,
  maxWorkers: 1,
};
