/**
 * Retries an assertion until it holds or the time is up (playwright-core has locators but not
 * @playwright/test's waiting assertions); the last failure is the one reported.
 */
export async function eventually(assertion: () => Promise<void>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw error;
      }
      await new Promise((wait) => setTimeout(wait, 100));
    }
  }
}
