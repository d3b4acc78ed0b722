import { demoTree, provinceMergers } from '@cdvn/seeds';

import { Scope } from '../src/auth/scope';
import { applyTreeEvent } from '../src/db/demo-data';
import { createAccount } from '../src/modules/account/account.service';
import { createUnits } from '../src/modules/org-unit/org-unit.service';
import { todayIn } from '../src/shared/dates';
import { useDatabase } from './support/graphql';
import type { TestDatabase } from './support/database';

/** The whole tree through time, as text: each unit's life, names, dated links and successors. */
const TREE = `select u.code, u.kind, u.valid_from::text, coalesce(u.valid_to::text, '') as valid_to, u.name,
    coalesce((select string_agg(f.name || ' < ' || f.until, ' | ' order by f.until)
                from org_unit_former_name f where f.unit_id = u.id), '') as former_names,
    coalesce((select string_agg(p.code || ' ' || l.period::text, ' | ' order by lower(l.period))
                from org_unit_parent l join org_unit p on p.id = l.parent_id where l.unit_id = u.id), '') as links,
    coalesce((select string_agg(s.code, ' | ' order by s.code)
                from org_unit_succession x join org_unit s on s.id = x.successor_id where x.predecessor_id = u.id), '') as successors
   from org_unit u order by u.code`;

const treeOf = (db: TestDatabase) =>
  db.orm.em.fork().getConnection().execute<Array<Record<string, string>>>(TREE);

/** The 2025 mergers of the seeded provinces as an office would upload them (provinces-2025.tsv, by code). */
function plan2025(): string {
  const rows = provinceMergers().map((merger) =>
    [
      merger.continuingCode,
      [merger.continuingCode, ...merger.closingCodes].join(', '),
      '01/07/2025',
      merger.federationNameAfter,
    ]
      .map((cell) => `"${cell}"`)
      .join(','),
  );
  return ['Mã đơn vị,Hợp nhất từ,Ngày hiệu lực,Tên mới', ...rows].join('\n');
}

interface PlanAnswer {
  status: number;
  data?: {
    errors: Array<{ row: number; message: string }>;
    changes: number;
    applied: boolean;
    preview: {
      closed: Array<{ code: string }>;
      renamed: Array<{ code: string; before: string; after: string }>;
      unitsAffected: number;
    } | null;
  };
  errors?: Array<{ message: string; extensions: { code: string } }>;
}

let replayed: Array<Record<string, string>> = [];

describe('restructuring plans', () => {
  const { db, api } = useDatabase('empty');
  let token = '';

  /** Sends a plan sheet to POST /plan/preview or /plan/apply as the national ADMIN. */
  async function send(action: 'preview' | 'apply', csv: string, bearer = token): Promise<PlanAnswer> {
    const response = await fetch(await api().url(`/plan/${action}`), {
      method: 'POST',
      headers: { authorization: `Bearer ${bearer}`, 'content-type': 'text/csv' },
      body: csv,
    });
    return { status: response.status, ...((await response.json()) as Omit<PlanAnswer, 'status'>) };
  }

  it('replays the 2025 restructuring of the seeded provinces as a plan: checked, previewed, applied', async () => {
    // The seeded tree with every change of the seeds but the province mergers and renames.
    const today = todayIn();
    const tree = demoTree();
    const em = db().orm.em.fork();
    await em.transactional(async (tx) => {
      await createUnits(tx, Scope.SYSTEM, tree.units, today);
      for (const event of tree.events.filter((e) => e.op !== 'merge' && e.op !== 'rename')) {
        tx.clear();
        await applyTreeEvent(tx, event, today);
      }
    });
    const before = await treeOf(db());
    const mergers = provinceMergers();
    const closing = mergers.flatMap((merger) => merger.closingCodes).sort();

    await createAccount(db().orm.em.fork(), Scope.SYSTEM, {
      email: 'national@example.vn',
      displayName: 'Quản trị',
      password: 'national-password',
      unitCode: 'VN',
      role: 'ADMIN',
    });
    const login = await api().http({
      query: 'mutation { login(email: "national@example.vn", password: "national-password") { token } }',
    });
    token = (login.json.data as { login: { token: string } }).login.token;

    const previewed = await send('preview', plan2025());
    expect(previewed.status).toBe(200);
    const { errors, preview, applied } = previewed.data!;
    expect({ errors, applied }).toEqual({ errors: [], applied: false });
    expect(preview!.closed.map((unit) => unit.code).sort()).toEqual(closing);
    expect(preview!.renamed).toContainEqual({
      code: 'TTH',
      before: 'Liên đoàn Lao động tỉnh Thừa Thiên Huế',
      after: 'Liên đoàn Lao động thành phố Huế',
    });
    // The preview wrote nothing.
    expect(await treeOf(db())).toEqual(before);

    const done = await send('apply', plan2025());
    expect(done.data).toMatchObject({ errors: [], applied: true });
    replayed = await treeOf(db());
    expect(replayed).not.toEqual(before);
  });

  it('refuses a plan with any bad row, naming each, and writes nothing', async () => {
    const before = await treeOf(db());
    const bad = [
      'Mã đơn vị,Hợp nhất từ,Ngày hiệu lực,Tên mới',
      'NB,"NB, NOPE",01/07/2025,',
      'HP,"HP, HD",31/02/2025,',
      'QN,"QN, QN-CDVC",01/07/2024,',
      'HT,"HT, HD",01/07/2024,',
    ].join('\n');
    const checked = await send('preview', bad);
    expect(checked.data!.errors).toEqual([
      {
        row: 2,
        message: 'No unit has the code "NOPE".',
        messageCode: 'UNIT_CODES_UNKNOWN',
        params: { codes: '"NOPE"' },
      },
      {
        row: 3,
        message: '31/02/2025 is not a day of the calendar.',
        messageCode: 'CELL_NOT_A_DAY',
        params: { value: '31/02/2025' },
      },
      {
        row: 4,
        message:
          'QN-CDVC is a PUBLIC_SERVANT_UNION and QN a PROVINCIAL_FEDERATION: only units of one kind merge.',
        messageCode: 'MERGE_KINDS_DIFFER',
        params: {
          source: 'QN-CDVC',
          sourceKind: 'PUBLIC_SERVANT_UNION',
          target: 'QN',
          targetKind: 'PROVINCIAL_FEDERATION',
        },
      },
    ]);
    const twice = [
      'Mã đơn vị,Hợp nhất từ,Ngày hiệu lực',
      'HT,"HT, HD",01/07/2024',
      'HD,"HD, HP",01/07/2024',
    ].join('\n');
    expect((await send('apply', twice)).data).toEqual({
      errors: [
        {
          row: 3,
          message: 'HD is already mapped in row 2: a unit is mapped once.',
          messageCode: 'PLAN_UNIT_MAPPED_TWICE',
          params: { code: 'HD', row: 2 },
        },
      ],
      changes: 0,
      effectiveDate: null,
      preview: null,
      applied: false,
      scheduled: null,
    });
    const headers = await send('preview', 'code,name\nHT,x');
    expect(headers.data!.errors.map((e) => e.row)).toEqual([1, 1]);
    // Only who may change the structure: no token, no plan.
    const anonymous = await send('apply', plan2025(), '');
    expect([anonymous.status, anonymous.errors?.[0].extensions.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(await treeOf(db())).toEqual(before);
  });
});

describe('the seeds, which wrote the 2025 restructuring as code', () => {
  const { db } = useDatabase('demo');

  it('have the very tree the plan gave', async () => {
    expect(replayed).toHaveLength(demoTree().units.length);
    expect(await treeOf(db())).toEqual(replayed);
  });
});
