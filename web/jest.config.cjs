/** Component tests in jsdom with a mocked urql client; journeys run in a real browser elsewhere. */
module.exports = {
  testEnvironment: 'jsdom',
  roots: ['<rootDir>/src'],
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { transform: { react: { runtime: 'automatic' } } } }],
  },
  setupFilesAfterEnv: ['@testing-library/jest-dom'],
};
