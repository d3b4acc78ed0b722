import { REPORT_STATES } from '@cdvn/domain';
import { registerEnumType } from 'type-graphql';

/**
 * The GraphQL enum of a report's state, registered once here: the reporting module answers with it, and
 * a preview of a change of the tree names the reports it touches by it.
 */
export const ReportStateValue = Object.fromEntries(REPORT_STATES.map((v) => [v, v])) as {
  [K in (typeof REPORT_STATES)[number]]: K;
};
registerEnumType(ReportStateValue, {
  name: 'ReportState',
  description: 'Where a report stands: a submitted or approved report locks its figures.',
  valuesConfig: {
    DRAFT: { description: 'Being filled in by the unit (dự thảo).' },
    SUBMITTED: { description: 'Sent to the level above, waiting for approval; locked (đã gửi).' },
    APPROVED: { description: 'Approved by the level above; locked (đã duyệt).' },
    RETURNED: { description: 'Sent back to the unit with a reason, to correct and submit again (trả lại).' },
    REOPENED: { description: 'Reopened by a level above with a reason after approval (mở lại).' },
  },
});
