/** Integration tests run against a real PostgreSQL started once per run by the global setup. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
  // A worker ends with about 900 MB of heap (34 files of servers, schemas and clients). Measured with
  // jest-worker instrumented: its event loop is empty and 'exit' fires 1-2 ms after jest asks it to end,
  // and the parent sees the process gone 460-470 ms later (the runtime tearing down that heap; a bare
  // Node process with 1 GB of objects takes ~230 ms). With the other turbo tasks busy this crossed jest's
  // default 500 ms, and jest killed it, reporting "failed to exit gracefully" although nothing was left
  // open. A leaked handle would still show: the worker would never exit and be killed after this.
  workerGracefulExitTimeout: 5000,
};
