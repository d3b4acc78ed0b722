import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { buildSchema, parse, validate } from 'graphql';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export function loadSchema() {
  return buildSchema(readFileSync(join(root, 'schema.graphql'), 'utf8'));
}

export function documentFiles() {
  const folder = join(root, 'documents');
  return readdirSync(folder)
    .filter((file) => file.endsWith('.graphql'))
    .map((file) => ({ file, source: readFileSync(join(folder, file), 'utf8') }));
}

/** Validation errors of one document against the committed schema, as strings. */
export function documentErrors(schema, source) {
  try {
    return validate(schema, parse(source)).map((error) => error.message);
  } catch (error) {
    return [String(error)];
  }
}
