import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { type Request, Router } from 'express';
import type { FormattedExecutionResult } from 'graphql';

import { forbidden } from '../../auth/scope';
import { FIRST_YEAR, notAfter, todayIn, yearEnd } from '../../shared/dates';
import { refusal } from '../../shared/errors';
import { sendError } from '../../shared/http-errors';
import { annualReport, type AnnualReportData } from './annual-report.model';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import type { Language } from './wording';

/** Runs a document through the whole GraphQL pipeline as the request's viewer (its rules, its scope). */
export type RunAsViewer = (
  req: Request,
  query: string,
  variables: Record<string, unknown>,
) => Promise<FormattedExecutionResult>;

const FORMATS = {
  docx: {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    render: renderDocx,
  },
  pdf: { type: 'application/pdf', render: renderPdf },
} as const;

/**
 * `GET /reports/annual?unitCode=QN-CDVC&year=2022&format=docx|pdf&lang=vi|en`: the annual report (báo cáo
 * tổng kết) of a unit's year, generated from the data. Its figures are read by the AnnualReport document
 * (schema/documents) through GraphQL as the viewer, so the report holds exactly what that viewer may read:
 * a unit outside the viewer's scope is refused (403) like any read of it.
 */
export function annualReportRouter(runAs: RunAsViewer, timeZone: string, documentsDir: string): Router {
  const document = readFileSync(join(documentsDir, 'annual-report.graphql'), 'utf8');
  const router = Router();
  router.get('/reports/annual', async (req, res, next) => {
    try {
      const today = todayIn(timeZone);
      const format = String(req.query.format ?? 'docx');
      const language = String(req.query.lang ?? 'vi');
      const year = Number(req.query.year);
      const unitCode = String(req.query.unitCode ?? '');
      if (!Object.hasOwn(FORMATS, format)) {
        sendError(res, refusal('REPORT_FORMAT_PARAM', {}, 'format'));
        return;
      }
      if (language !== 'vi' && language !== 'en') {
        sendError(res, refusal('REPORT_LANGUAGE_PARAM', {}, 'lang'));
        return;
      }
      const current = Number(today.slice(0, 4));
      if (!Number.isInteger(year) || year < FIRST_YEAR || year > current) {
        sendError(res, refusal('REPORT_YEAR_PARAM', { first: FIRST_YEAR, last: current }, 'year'));
        return;
      }
      const result = await runAs(req, document, {
        code: unitCode,
        asOf: notAfter(yearEnd(year), today),
        year,
        previousYear: year - 1,
        fromYear: Math.max(FIRST_YEAR, year - 4),
        yearStart: `${year}-01-01`,
        // The year's conference (hội nghị tổng kết) is often held early in the next: its officers count.
        conferenceDay: notAfter(`${year + 1}-03-31`, today),
      });
      // A rank among peers the viewer may not all read is left out; any other error refuses the report.
      const errors = (result.errors ?? []).filter((error) => error.path?.join('.') !== 'orgUnit.peers.rank');
      if (errors.length > 0) {
        const code = String(errors[0].extensions?.code ?? 'INTERNAL_SERVER_ERROR');
        sendError(res, { message: errors[0].message, extensions: { code } });
        return;
      }
      const data = (result.data as { orgUnit: AnnualReportData | null } | undefined)?.orgUnit;
      if (!data) {
        sendError(res, forbidden());
        return;
      }
      const report = annualReport(data, year, today, language as Language);
      const { type, render } = FORMATS[format as keyof typeof FORMATS];
      res
        .type(type)
        .attachment(`${report.fileName}.${format}`)
        .send(await render(report));
    } catch (error) {
      next(error);
    }
  });
  return router;
}
