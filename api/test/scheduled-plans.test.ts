import { withRequestScope } from '../src/auth/request-scope';
import { cancelPlan, applyDuePlans } from '../src/modules/plan/plan.service';
import { addDays, todayIn } from '../src/shared/dates';
import { fromGlobalId } from '../src/shared/ids';
import { useDatabase } from './support/graphql';

const LOGIN = `mutation($email: String!, $password: String!) { login(email: $email, password: $password) { token } }`;
const PLANS = `{ restructuringPlans { id status effectiveDate unitCode fileName createdBy failure
  changes { kind date code sourceCodes name } } }`;
const CANCEL = `mutation($id: ID!) { cancelRestructuringPlan(id: $id) { id status settledAt } }`;

/** Each unit's life and dated links, as text: what a plan would change. */
const TREE = `select u.code, u.name, coalesce(u.valid_to::text, '') as valid_to,
    coalesce((select string_agg(p.code || ' ' || l.period::text, ' | ' order by lower(l.period))
                from org_unit_parent l join org_unit p on p.id = l.parent_id where l.unit_id = u.id), '') as links
   from org_unit u order by u.code`;

/** dd/mm/yyyy, as a plan sheet writes its dates. */
const sheetDay = (iso: string) => iso.split('-').reverse().join('/');

interface Plan {
  id: string;
  status: string;
  effectiveDate: string;
  unitCode: string;
  fileName: string | null;
  createdBy: string | null;
  failure: string | null;
  changes: Array<{ kind: string; date: string; code: string; sourceCodes: string[]; name: string | null }>;
}

describe('restructuring plans dated in the future', () => {
  const { db, api } = useDatabase('demo');
  const today = todayIn();
  const date = addDays(today, 40);
  const mergeSheet = `Mã đơn vị,Hợp nhất từ,Ngày hiệu lực,Tên mới\nQN,"QN, TH",${sheetDay(date)},\n`;
  const tree = () => db().orm.em.fork().getConnection().execute<Array<Record<string, string>>>(TREE);

  async function login(email: string, password = 'demo-password'): Promise<string> {
    const answer = await api().http({ query: LOGIN, variables: { email, password } });
    return (answer.json.data as { login: { token: string } }).login.token;
  }

  async function send(action: 'preview' | 'apply', csv: string, token: string) {
    const response = await fetch(await api().url(`/plan/${action}?name=plan.csv`), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    return (await response.json()) as {
      data: {
        errors: unknown[];
        applied: boolean;
        effectiveDate: string;
        scheduled: { id: string; effectiveDate: string } | null;
        preview: { closed: Array<{ code: string }>; membersAffected: number; years: number[] };
      };
    };
  }

  async function graphql<T>(query: string, token: string, variables?: Record<string, unknown>) {
    const answer = await api().http({ query, variables }, { authorization: `Bearer ${token}` });
    return answer.json as { data?: T; errors?: Array<{ extensions: Record<string, unknown> }> };
  }

  it('keeps a plan until its date, shows it only over its units, and cancels it leaving the tree as it was', async () => {
    const vn = await login('vn@demo.example');
    const before = await tree();

    const previewed = await send('preview', mergeSheet, vn);
    expect(previewed.data.errors).toEqual([]);
    expect(previewed.data.effectiveDate).toBe(date);
    expect(previewed.data.preview.closed.map((unit) => unit.code)).toEqual(['TH']);
    expect(previewed.data.preview.membersAffected).toBeGreaterThan(0);

    const scheduled = await send('apply', mergeSheet, vn);
    expect(scheduled.data).toMatchObject({ errors: [], applied: false, scheduled: { effectiveDate: date } });
    expect(scheduled.data.preview.membersAffected).toBe(previewed.data.preview.membersAffected);
    expect(await tree()).toEqual(before);

    const listed = await graphql<{ restructuringPlans: Plan[] }>(PLANS, vn);
    expect(listed.data!.restructuringPlans).toEqual([
      {
        id: scheduled.data.scheduled!.id,
        status: 'SCHEDULED',
        effectiveDate: date,
        unitCode: 'VN',
        fileName: 'plan.csv',
        createdBy: 'vn@demo.example',
        failure: null,
        changes: [{ kind: 'MERGE', date, code: 'QN', sourceCodes: ['TH'], name: null }],
      },
    ]);

    // The province federations it merges do not see it, and cannot cancel it.
    for (const email of ['qn@demo.example', 'th@demo.example']) {
      const token = await login(email);
      expect((await graphql<{ restructuringPlans: Plan[] }>(PLANS, token)).data!.restructuringPlans).toEqual(
        [],
      );
      const refused = await graphql(CANCEL, token, { id: scheduled.data.scheduled!.id });
      expect(refused.errors![0].extensions.code).toBe('NOT_FOUND');
    }
    // Not yet due: nothing is applied the day before.
    expect(await applyDuePlans(db().orm, db().appOrm, addDays(date, -1))).toEqual([]);

    const cancelled = await graphql<{ cancelRestructuringPlan: { status: string } }>(CANCEL, vn, {
      id: scheduled.data.scheduled!.id,
    });
    expect(cancelled.data!.cancelRestructuringPlan.status).toBe('CANCELLED');
    const again = await graphql(CANCEL, vn, { id: scheduled.data.scheduled!.id });
    expect(again.errors![0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      messageCode: 'PLAN_SETTLED',
    });
    // Its date comes: a cancelled plan is not applied, and the tree is as it was.
    expect(await applyDuePlans(db().orm, db().appOrm, date)).toEqual([]);
    expect(await tree()).toEqual(before);

    const audited = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ action: string; status: string }>>(
        `select action, after ->> 'status' as status from audit_log where entity = 'restructuring_plan' order by id`,
      );
    expect(audited).toEqual([
      { action: 'INSERT', status: 'SCHEDULED' },
      { action: 'UPDATE', status: 'CANCELLED' },
    ]);
  });

  it('applies a scheduled plan on its date, as the upload on that day would have', async () => {
    const vn = await login('vn@demo.example');
    const scheduled = await send('apply', mergeSheet, vn);
    const id = scheduled.data.scheduled!.id;
    expect(await applyDuePlans(db().orm, db().appOrm, date)).toEqual([fromGlobalId(id)!.id]);
    const [th] = (await tree()).filter((unit) => unit.code === 'TH');
    expect(th.valid_to).toBe(addDays(date, -1));
    const children = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ code: string }>>(
        `select distinct p.code from org_unit_parent l join org_unit p on p.id = l.parent_id
          where lower(l.period) = ? and l.unit_id in (select unit_id from org_unit_parent x join org_unit t on t.id = x.parent_id where t.code = 'TH')`,
        [date],
      );
    expect(children).toEqual([{ code: 'QN' }]);
    const plans = (await graphql<{ restructuringPlans: Plan[] }>(PLANS, vn)).data!.restructuringPlans;
    expect(plans.find((plan) => plan.id === id)!.status).toBe('APPLIED');
    // Applied once: the next check finds nothing due, and it can no longer be cancelled.
    expect(await applyDuePlans(db().orm, db().appOrm, date)).toEqual([]);
    const refused = await graphql(CANCEL, vn, { id });
    expect(refused.errors![0].extensions.messageCode).toBe('PLAN_SETTLED');
  });

  it('carries out a plan built in a client: previewed whole, kept until its date, or applied at once, all or nothing', async () => {
    const vn = await login('vn@demo.example');
    const PREVIEW = `mutation($changes: [TreeChangeInput!]!) { previewRestructuringPlan(changes: $changes) {
      closed { code } renamed { code after } } }`;
    const APPLY = `mutation($changes: [TreeChangeInput!]!, $name: String) {
      applyRestructuringPlan(changes: $changes, name: $name) {
        applied changes scheduled { status effectiveDate fileName changes { kind code } } } }`;
    const later = [
      { kind: 'RENAME', code: 'HY', name: 'Liên đoàn Lao động tỉnh Hưng Yên (mới)', date },
      { kind: 'MERGE', sourceCodes: ['HT'], targetCode: 'HY', date },
    ];
    const previewed = await graphql<{
      previewRestructuringPlan: { closed: Array<{ code: string }>; renamed: Array<{ code: string }> };
    }>(PREVIEW, vn, { changes: later });
    expect(previewed.errors).toBeUndefined();
    expect(previewed.data!.previewRestructuringPlan).toEqual({
      closed: [{ code: 'HT' }],
      renamed: [{ code: 'HY', after: 'Liên đoàn Lao động tỉnh Hưng Yên (mới)' }],
    });
    const before = await tree();
    const kept = await graphql<{
      applyRestructuringPlan: { applied: boolean; changes: number; scheduled: Record<string, unknown> };
    }>(APPLY, vn, { changes: later, name: 'Sáp nhập HY-HT' });
    expect(kept.data!.applyRestructuringPlan).toEqual({
      applied: false,
      changes: 2,
      scheduled: {
        status: 'SCHEDULED',
        effectiveDate: date,
        fileName: 'Sáp nhập HY-HT',
        changes: [
          { kind: 'RENAME', code: 'HY' },
          { kind: 'MERGE', code: 'HY' },
        ],
      },
    });
    expect(await tree()).toEqual(before);

    // A plan of any kind of change is listed with what it names: a unit founded keeps its parent.
    const founding = await graphql<{ applyRestructuringPlan: { scheduled: { id: string } } }>(
      `
        mutation ($changes: [TreeChangeInput!]!) {
          applyRestructuringPlan(changes: $changes) {
            scheduled {
              id
            }
          }
        }
      `,
      vn,
      {
        changes: [
          {
            kind: 'CREATE',
            code: 'HY-NEW',
            name: 'Công đoàn cơ sở mới',
            unitKind: 'GRASSROOTS_UNION',
            parentCode: 'HY',
            date,
          },
        ],
      },
    );
    const foundingId = founding.data!.applyRestructuringPlan.scheduled.id;
    const listed = await graphql<{
      restructuringPlans: Array<{ id: string; changes: Array<Record<string, unknown>> }>;
    }>(
      `
        {
          restructuringPlans {
            id
            changes {
              kind
              code
              parentCode
              successorCode
              sourceCodes
              name
            }
          }
        }
      `,
      vn,
    );
    expect(listed.data!.restructuringPlans.find((plan) => plan.id === foundingId)!.changes).toEqual([
      {
        kind: 'CREATE',
        code: 'HY-NEW',
        parentCode: 'HY',
        successorCode: null,
        sourceCodes: [],
        name: 'Công đoàn cơ sở mới',
      },
    ]);
    expect((await graphql(CANCEL, vn, { id: foundingId })).errors).toBeUndefined();

    // Dated today, it is applied at once; with one change the tree refuses, none is.
    const rename = { kind: 'RENAME', code: 'HN', name: 'Liên đoàn Lao động Thủ đô Hà Nội', date: today };
    const refused = await graphql(APPLY, vn, {
      changes: [rename, { kind: 'MOVE', code: 'NOPE', parentCode: 'VN', date: today }],
    });
    expect(refused.errors![0].extensions).toMatchObject({ messageCode: 'UNIT_CODE_UNKNOWN' });
    expect(await tree()).toEqual(before);
    const empty = await graphql(APPLY, vn, { changes: [] });
    expect(empty.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', messageCode: 'PLAN_EMPTY' });
    const done = await graphql<{ applyRestructuringPlan: { applied: boolean; scheduled: unknown } }>(
      APPLY,
      vn,
      {
        changes: [rename],
      },
    );
    expect(done.data!.applyRestructuringPlan).toMatchObject({ applied: true, scheduled: null });
    const [hn] = (await tree()).filter((unit) => unit.code === 'HN');
    expect(hn.name).toBe('Liên đoàn Lao động Thủ đô Hà Nội');
  });

  it('refuses to cancel on its date, and fails a plan whose author may no longer change the tree', async () => {
    const vn = await login('vn@demo.example');
    const renameDate = addDays(today, 10);
    const sheet = `Mã đơn vị,Hợp nhất từ,Ngày hiệu lực,Tên mới\nHY,HY,${sheetDay(renameDate)},Liên đoàn Lao động tỉnh Hưng Yên mới\n`;
    const scheduled = await send('apply', sheet, vn);
    const id = fromGlobalId(scheduled.data.scheduled!.id)!.id;
    const [root] = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ id: number }>>(`select id from org_unit where code = 'VN'`);
    const national = {
      kind: 'system' as const,
      label: 'test',
      grants: [{ unitId: root.id, role: 'ADMIN' as const }],
    };
    await expect(
      withRequestScope(db().appOrm, national, 'test', renameDate, (em, scope) =>
        cancelPlan(em, scope, id, 'test'),
      ),
    ).rejects.toMatchObject({
      extensions: { messageCode: 'PLAN_DATE_ARRIVED', params: { date: renameDate } },
    });

    const before = await tree();
    await db()
      .orm.em.fork()
      .getConnection()
      .execute(`update account set disabled_at = now() where email = 'vn@demo.example'`);
    expect(await applyDuePlans(db().orm, db().appOrm, renameDate)).toEqual([]);
    expect(await tree()).toEqual(before);
    const [row] = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ status: string; failure: string; failure_code: string; failure_params: unknown }>>(
        `select status, failure, failure_code, failure_params from restructuring_plan where id = ?`,
        [id],
      );
    expect(row).toEqual({
      status: 'FAILED',
      failure: 'The account that scheduled the plan may no longer change this part of the tree.',
      failure_code: 'PLAN_AUTHOR_NOT_ALLOWED',
      failure_params: {},
    });
  });
});
