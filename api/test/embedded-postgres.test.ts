import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import { freePort } from '../src/db/embedded-postgres';

describe('the embedded PostgreSQL', () => {
  it('makes the folder above its data traversable without taking any right away from it', async () => {
    // Like the system's temporary folder, which a test's data lives in: sticky and group-writable here.
    // Setting its mode to 0755 once left apt unable to write to /tmp.
    const parent = await mkdtemp(join(tmpdir(), 'cdvn-parent-'));
    await chmod(parent, 0o1770);
    try {
      // In a child process: jest cannot load the ESM-only embedded-postgres package.
      const child = spawn(
        process.execPath,
        [
          '-r',
          'ts-node/register/transpile-only',
          resolve(__dirname, 'support', 'postgres-child.ts'),
          join(parent, 'data'),
          String(await freePort()),
        ],
        { cwd: resolve(__dirname, '..'), stdio: ['pipe', 'pipe', 'inherit'] },
      );
      const replies = createInterface({ input: child.stdout! })[Symbol.asyncIterator]();
      expect((await replies.next()).value).toMatch(/^started /);
      child.stdin!.write('exit\n');
      await new Promise((done) => child.once('exit', done));
      expect(((await stat(parent)).mode & 0o7777).toString(8)).toBe('1775');
    } finally {
      await rm(parent, { recursive: true, force: true });
    }
  }, 60_000);
});
