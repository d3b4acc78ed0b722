import assert from 'node:assert/strict';
import { test } from 'node:test';

import { documentErrors, documentFiles, loadSchema } from '../scripts/documents.mjs';

const schema = loadSchema();

test('every shared document is valid against the committed schema', () => {
  const files = documentFiles();
  assert.deepEqual(
    files.map((f) => f.file),
    [
      'create-account.graphql',
      'create-member.graphql',
      'delete-activity.graphql',
      'grant-award.graphql',
      'org-unit-tree.graphql',
      'provinces.graphql',
      'record-activity.graphql',
      'search-units.graphql',
      'session-login.graphql',
      'session-logout.graphql',
      'session-viewer.graphql',
      'set-target.graphql',
      'unit-activities.graphql',
      'unit-awards.graphql',
      'unit-children.graphql',
      'unit-dashboard.graphql',
      'unit-member-count.graphql',
      'unit-members.graphql',
      'unit-navigator.graphql',
      'unit-targets.graphql',
      'update-member.graphql',
    ],
  );
  for (const { file, source } of files) {
    assert.deepEqual(documentErrors(schema, source), [], file);
  }
});

test('a document asking for a field the schema lacks is reported', () => {
  assert.deepEqual(documentErrors(schema, '{ orgUnit(code: "VN") { population } }'), [
    'Cannot query field "population" on type "OrgUnit".',
  ]);
});
