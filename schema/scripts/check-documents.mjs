// Fails when a shared document no longer matches schema.graphql.
import { documentErrors, documentFiles, loadSchema } from './documents.mjs';

const schema = loadSchema();
let failed = false;
for (const { file, source } of documentFiles()) {
  for (const message of documentErrors(schema, source)) {
    failed = true;
    console.error(`${file}: ${message}`);
  }
}
if (failed) {
  process.exit(1);
}
console.log(`${documentFiles().length} documents match schema.graphql`);
