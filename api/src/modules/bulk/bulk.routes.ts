import type { MikroORM } from '@mikro-orm/postgresql';
import { Semaphore } from 'async-mutex';
import express, { type Request, type Response, Router } from 'express';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

import { type Authenticator, unauthenticated } from '../../auth/authenticate';
import { withRequestScope } from '../../auth/request-scope';
import { routePermission } from '../../auth/rules';
import { type DataVersion, EVERYTHING } from '../../db/data-version';
import { type Viewer, writerOf } from '../../auth/viewer';
import { todayIn, yearEnd, requireYear, requireDate } from '../../shared/dates';
import { databaseRefusal } from '../../shared/db-errors';
import { appError, isAppError, refusal } from '../../shared/errors';
import { sendError } from '../../shared/http-errors';
import {
  CONTENT_TYPES,
  type FileFormat,
  readTable,
  type RowStream,
  writeCsv,
  writeXlsx,
} from './bulk.format';
import {
  exportActivities,
  exportCollections,
  exportMembers,
  importActivities,
  importCollections,
  importMembers,
  type Progress,
} from './bulk.service';
import { unitByCode } from '../org-unit/org-unit.lookup';
import { runPlan } from './bulk.plan';

/** An error this API raised on purpose, answered in GraphQL's shape; anything else goes to Express. */
function fail(res: Response, error: unknown): void {
  const refused = databaseRefusal(error);
  if (refused) {
    sendError(res, appError(refused.code, refused.message));
    return;
  }
  if (!isAppError(error)) {
    throw error;
  }
  sendError(res, error);
}

function formatOf(req: Request): FileFormat {
  const asked = String(req.query.format ?? '');
  if (asked === 'csv' || asked === 'xlsx') {
    return asked;
  }
  return (req.headers['content-type'] ?? '').includes('spreadsheetml') ? 'xlsx' : 'csv';
}

const IMPORTS = { members: importMembers, activities: importActivities, collections: importCollections };

/**
 * An import reads and checks its whole file in the API's heap (620,000 members, 50 MB of CSV, peak at
 * 615 MB of heap), so at most this many megabytes of files are imported at once by an instance; the
 * others wait their turn. A file of the upload limit takes the whole allowance; small ones share it.
 */
export const IMPORT_MEGABYTES_AT_ONCE = 50;

/**
 * An XLSX is a zip: its megabytes hold more rows than a CSV's (100,000 members: 3.3 MB against 7.7), so
 * it counts for this many times its size in the allowance.
 */
const XLSX_DENSITY = 3;

/** Runs an import of a file of `bytes` once the allowance has room for it. */
export function importGate(
  megabytes = IMPORT_MEGABYTES_AT_ONCE,
): <T>(bytes: number, work: () => Promise<T>) => Promise<T> {
  const allowance = new Semaphore(megabytes);
  return (bytes, work) =>
    allowance.runExclusive(work, Math.min(megabytes, Math.max(1, Math.ceil(bytes / 1_000_000))));
}

const SHEET_NAMES = { members: 'Đoàn viên', activities: 'Hoạt động', collections: 'Đoàn phí, KPCĐ' };

/**
 * An import writes all its rows in a few long statements, an export sorts a subtree's rows before its first
 * batch (a province's members): they get five minutes a statement, not the usual limit.
 */
const BULK_TIMEOUT_MS = 5 * 60 * 1000;

/**
 * Spreadsheets in and out, laid out the way union offices keep them (Vietnamese headers, dd/mm/yyyy,
 * "." between thousands): `POST /import/members|activities|collections` with the file as the body (CSV or XLSX),
 * answered as NDJSON (progress lines, then the result: every bad row with its reason, and nothing
 * written unless every row is good); `GET /export/members|activities|collections?unitCode=&format=csv|xlsx`.
 */
export function bulkRouter(
  /** The application role's connections: row-level security applies. */
  app: MikroORM,
  auth: Authenticator,
  dataVersion: DataVersion,
  timeZone: string,
): Router {
  const router = Router();
  const importing = importGate();
  const viewerOf = async (req: Request): Promise<Viewer> => {
    const viewer = await auth.viewerFrom(req.headers.authorization, await dataVersion.read());
    if (viewer.kind === 'anonymous') {
      throw unauthenticated();
    }
    return viewer;
  };

  router.post('/import/:kind', express.raw({ type: () => true, limit: '50mb' }), async (req, res, next) => {
    if (!Object.hasOwn(IMPORTS, req.params.kind)) {
      next();
      return;
    }
    const kind = req.params.kind as keyof typeof IMPORTS;
    const run = IMPORTS[kind];
    try {
      const viewer = await viewerOf(req);
      const file = req.body as Buffer;
      const format = formatOf(req);
      await importing(format === 'xlsx' ? file.length * XLSX_DENSITY : file.length, async () => {
        const table = await readTable(file, format).catch((error: unknown) => {
          throw isAppError(error) ? error : Object.assign(new Error('bad file'), { unreadable: true });
        });
        res.status(200).type('application/x-ndjson');
        const progress: Progress = (phase, done, total) => {
          res.write(`${JSON.stringify({ progress: { phase, done, total } })}\n`);
        };
        const today = todayIn(timeZone);
        const result = await withRequestScope(
          app,
          viewer,
          `import ${kind}`,
          today,
          async (em, scope) => {
            // Refused up front, with the reason when the role's unit closed; each row's unit is checked too.
            routePermission(scope, `POST /import/${kind}`);
            return run(em, scope, table, today, progress);
          },
          { statementTimeoutMs: BULK_TIMEOUT_MS },
        );
        // Committed: cached answers from before the import are not served again.
        await dataVersion.changed(EVERYTHING, writerOf(viewer));
        res.end(`${JSON.stringify({ result })}\n`);
      });
    } catch (error) {
      if ((error as { unreadable?: boolean }).unreadable) {
        sendError(res, refusal('FILE_NOT_SHEET', {}, 'file'));
        return;
      }
      if (res.headersSent) {
        // The database's own message would repeat the rows (personal data): logged, never sent.
        req.log.error({ err: error }, 'import failed');
        const code = isAppError(error) ? String(error.extensions.code) : 'INTERNAL_SERVER_ERROR';
        const message = isAppError(error)
          ? error.message
          : 'The import failed and nothing was written; the request id is in the server’s logs.';
        res.end(`${JSON.stringify({ error: { message, code } })}\n`);
        return;
      }
      try {
        fail(res, error);
      } catch (unexpected) {
        next(unexpected);
      }
    }
  });

  // Restructuring plans: the mapping sheet checked whole, then previewed (written and rolled back), or
  // applied as one transaction (kept until its date when that is in the future); the answer is JSON: the
  // rows' errors, or what the plan does. `?name=` gives the file's name, kept with a scheduled plan.
  router.post('/plan/:action', express.raw({ type: () => true, limit: '5mb' }), async (req, res, next) => {
    const action = req.params.action;
    if (action !== 'preview' && action !== 'apply') {
      next();
      return;
    }
    try {
      const viewer = await viewerOf(req);
      const table = await readTable(req.body as Buffer, formatOf(req)).catch((error: unknown) => {
        throw isAppError(error) ? error : refusal('FILE_NOT_SHEET', {}, 'file');
      });
      const today = todayIn(timeZone);
      const plan = await withRequestScope(
        app,
        viewer,
        `plan ${action}`,
        today,
        async (em, scope) => {
          routePermission(scope, `POST /plan/${action}`);
          const fileName = typeof req.query.name === 'string' ? req.query.name.slice(0, 200) : null;
          return runPlan(em, scope, viewer, table, { action, today, fileName });
        },
        { statementTimeoutMs: BULK_TIMEOUT_MS },
      );
      if (plan.applied || plan.scheduled) {
        await dataVersion.changed(EVERYTHING, writerOf(viewer));
      }
      res.status(200).json({ data: plan });
    } catch (error) {
      try {
        fail(res, error);
      } catch (unexpected) {
        next(unexpected);
      }
    }
  });

  router.get('/export/:kind', async (req, res, next) => {
    const kind = req.params.kind;
    if (kind !== 'members' && kind !== 'activities' && kind !== 'collections') {
      next();
      return;
    }
    // An XLSX is written to a file first: it is a zip, sent once whole, and refused past a sheet's rows.
    let folder: string | undefined;
    // A reader that stops reading holds the export's transaction and connection: it is cut off after as
    // long as a statement may run (the first rows of a national export wait for the whole sort).
    res.setTimeout(BULK_TIMEOUT_MS, () => res.destroy());
    try {
      const viewer = await viewerOf(req);
      const format = formatOf(req);
      const unitCode = String(req.query.unitCode ?? '');
      const today = todayIn(timeZone);
      const name = await withRequestScope(
        app,
        viewer,
        `export ${kind}`,
        today,
        async (em, scope) => {
          const permission = routePermission(scope, `GET /export/${kind}`);
          let exported: { table: RowStream; name: string };
          if (kind === 'members') {
            const asOf = String(req.query.asOf ?? today);
            requireDate(asOf, 'asOf');
            const unit = await unitByCode(em, scope, unitCode, asOf, 'unitCode', permission);
            exported = { table: exportMembers(em, unit.id, asOf), name: `doan-vien-${unit.code}-${asOf}` };
          } else {
            const year = Number(req.query.year ?? today.slice(0, 4));
            requireYear(year, today);
            const unit = await unitByCode(em, scope, unitCode, yearEnd(year), 'unitCode', permission);
            exported =
              kind === 'collections'
                ? { table: exportCollections(em, unit.id, year), name: `doan-phi-kpcd-${unit.code}-${year}` }
                : { table: exportActivities(em, unit.id, year), name: `hoat-dong-${unit.code}-${year}` };
          }
          // The rows are read while they are written out: the transaction stays open until the last one.
          if (format === 'csv') {
            res.type(CONTENT_TYPES.csv).attachment(`${exported.name}.csv`);
            await writeCsv(exported.table, res);
          } else {
            folder = await mkdtemp(join(tmpdir(), 'cdvn-export-'));
            await writeXlsx(exported.table, join(folder, 'sheet.xlsx'), SHEET_NAMES[kind]);
          }
          return exported.name;
        },
        { statementTimeoutMs: BULK_TIMEOUT_MS },
      );
      if (folder) {
        res.type(CONTENT_TYPES.xlsx).attachment(`${name}.xlsx`);
        await pipeline(createReadStream(join(folder, 'sheet.xlsx')), res);
      }
    } catch (error) {
      if (res.headersSent) {
        // Cut short (the reader left, or the database failed mid-way): the file arrives incomplete.
        req.log.warn({ err: error }, 'export cut short');
        res.destroy();
        return;
      }
      try {
        fail(res, error);
      } catch (unexpected) {
        next(unexpected);
      }
    } finally {
      if (folder) {
        await rm(folder, { recursive: true, force: true });
      }
    }
  });
  return router;
}
