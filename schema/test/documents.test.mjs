import assert from 'node:assert/strict';
import { test } from 'node:test';

import { documentErrors, documentFiles, loadSchema } from '../scripts/documents.mjs';

const schema = loadSchema();

test('every shared document is valid against the committed schema', () => {
  const files = documentFiles();
  assert.deepEqual(
    files.map((f) => f.file),
    [
      'admin-accounts.graphql',
      'annual-report.graphql',
      'apply-restructuring-plan.graphql',
      'approve-report.graphql',
      'assign-role.graphql',
      'audit-log.graphql',
      'cancel-restructuring-plan.graphql',
      'change-password.graphql',
      'compare-unit.graphql',
      'create-account.graphql',
      'create-api-key.graphql',
      'create-member.graphql',
      'delete-activity.graphql',
      'finance-rules.graphql',
      'grant-award.graphql',
      'mark-report-not-reported.graphql',
      'org-unit-tree.graphql',
      'preview-restructuring-plan.graphql',
      'provinces.graphql',
      'record-activity.graphql',
      'record-collections.graphql',
      'reopen-report.graphql',
      'report-periods.graphql',
      'reset-password.graphql',
      'restructuring-plans.graphql',
      'return-report.graphql',
      'revoke-api-key.graphql',
      'revoke-role.graphql',
      'revoke-sessions.graphql',
      'save-report.graphql',
      'search-units.graphql',
      'session-login.graphql',
      'session-logout.graphql',
      'session-viewer.graphql',
      'set-account-disabled.graphql',
      'set-finance-rule.graphql',
      'set-target.graphql',
      'submit-report.graphql',
      'unit-activities.graphql',
      'unit-api-keys.graphql',
      'unit-awards.graphql',
      'unit-children.graphql',
      'unit-collection-ranking.graphql',
      'unit-completeness.graphql',
      'unit-dashboard.graphql',
      'unit-finance-months.graphql',
      'unit-finance.graphql',
      'unit-member-count.graphql',
      'unit-members.graphql',
      'unit-missing-reporters.graphql',
      'unit-navigator.graphql',
      'unit-peers.graphql',
      'unit-report.graphql',
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
