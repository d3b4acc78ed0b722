import 'reflect-metadata';

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { schemaSdl } from './schema';

/** Writes schema/schema.graphql from the code (`npm run schema:write -w @cdvn/api`). */
export const SCHEMA_FILE = resolve(__dirname, '..', '..', '..', 'schema', 'schema.graphql');

if (require.main === module) {
  void schemaSdl().then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${SCHEMA_FILE}`);
  });
}
