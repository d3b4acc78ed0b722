import { dropDatabase } from '../../src/db/database';
import type { RunningPostgres } from '../../src/db/embedded-postgres';
import { TEMPLATE_DEMO, TEMPLATE_EMPTY } from './database';

export default async function globalTeardown(): Promise<void> {
  const server = (globalThis as { __testPostgres?: RunningPostgres }).__testPostgres;
  if (server) {
    await server.stop();
    return;
  }
  const adminUrl = process.env.TEST_ADMIN_URL!;
  const suffix = process.env.TEST_TEMPLATE_SUFFIX!;
  await dropDatabase(adminUrl, TEMPLATE_EMPTY + suffix);
  await dropDatabase(adminUrl, TEMPLATE_DEMO + suffix);
}
