/** Component tests in jsdom with a mocked urql client; journeys run in a real browser (e2e/). */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
  },
  // The browser build of csv-stringify is ESM only; its CommonJS build writes the same CSV.
  moduleNameMapper: {
    '^csv-stringify/browser/esm/sync$': 'csv-stringify/sync',
  },
  setupFiles: ['<rootDir>/jest.setup.cjs', '<rootDir>/src/app/i18n.ts'],
  setupFilesAfterEnv: ['@testing-library/jest-dom'],
};
