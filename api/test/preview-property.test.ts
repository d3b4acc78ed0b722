import type { EntityManager } from '@mikro-orm/postgresql';
import fc from 'fast-check';

import { Scope } from '../src/auth/scope';
import { createMember } from '../src/modules/member/member.service';
import {
  applyTreeChanges,
  previewTreeChanges,
  type TreeChange,
  type TreeChangePreview,
} from '../src/modules/org-unit/org-unit.preview';
import { addDays } from '../src/shared/dates';
import { isAppError } from '../src/shared/errors';
import { freshSmallTree } from './support/builders';
import { openTestDatabase, type TestDatabase } from './support/database';

/**
 * Issue 21: the preview of a change of the tree is what the change does. On random trees (a small tree
 * put through random earlier changes), random changes are previewed, then applied: the preview writes
 * nothing; a change the apply refuses is refused by the preview with the same words; otherwise the units
 * the preview says are founded, move, close and are renamed, and the units and members it says are
 * affected, are those the applied change founded, moved, closed, renamed and affected, read from the
 * tables afterwards by an oracle of its own (the parent links walked in JavaScript, not the platform's
 * queries).
 */
const TODAY = '2026-11-26';
const GRASSROOTS = ['G1', 'G2', 'G3', 'G4', 'G5'];
const UNIONS = ['S1', 'S2'];
const PROVINCES = ['P1', 'P2', 'P3'];

const date = fc
  .date({ min: new Date('2016-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const change: fc.Arbitrary<TreeChange> = fc.oneof(
  fc.record({
    kind: fc.constant('CREATE' as const),
    code: fc.constantFrom('N1', 'N2'),
    name: fc.constant('Công đoàn cơ sở mới'),
    unitKind: fc.constantFrom('GRASSROOTS_UNION' as const, 'PUBLIC_SERVANT_UNION' as const),
    parentCode: fc.constantFrom(...PROVINCES, ...UNIONS, 'G1'),
    date,
  }),
  fc.record({
    kind: fc.constant('MOVE' as const),
    code: fc.constantFrom(...UNIONS, ...GRASSROOTS),
    parentCode: fc.constantFrom(...PROVINCES, ...UNIONS),
    date,
  }),
  fc.oneof(
    fc.record({
      kind: fc.constant('MERGE' as const),
      sourceCodes: fc.subarray(PROVINCES, { minLength: 1, maxLength: 2 }),
      targetCode: fc.constantFrom(...PROVINCES),
      date,
    }),
    fc.record({
      kind: fc.constant('MERGE' as const),
      sourceCodes: fc.subarray(GRASSROOTS, { minLength: 1, maxLength: 2 }),
      targetCode: fc.constantFrom(...GRASSROOTS),
      date,
    }),
  ),
  fc.record({
    kind: fc.constant('CLOSE' as const),
    code: fc.constantFrom(...UNIONS, ...GRASSROOTS),
    successorCode: fc.constantFrom(null, ...PROVINCES, ...UNIONS, ...GRASSROOTS),
    date,
  }),
  fc.record({
    kind: fc.constant('RENAME' as const),
    code: fc.constantFrom(...PROVINCES, ...UNIONS, ...GRASSROOTS),
    name: fc.constantFrom('Công đoàn Hợp nhất', 'Liên đoàn Mới'),
    date,
  }),
);

interface Link {
  unit: string;
  parent: string;
  from: string;
  to: string | null;
}
interface Tables {
  units: Array<{ code: string; name: string; from: string; to: string | null }>;
  links: Link[];
  memberships: Array<{ member: string; unit: string; from: string; to: string | null }>;
  formerNames: Array<{ unit: string; until: string; name: string }>;
  successions: Array<{ predecessor: string; successor: string; on: string }>;
}

/** Every row a change of the tree may write, by codes, in a stable order. */
async function tables(em: EntityManager): Promise<Tables> {
  const [row] = await em.getConnection().execute<Array<{ t: Tables }>>(
    `select json_build_object(
       'units', (select json_agg(json_build_object('code', code, 'name', name, 'from', valid_from,
                                                   'to', valid_to) order by code) from org_unit),
       'links', (select json_agg(json_build_object('unit', u.code, 'parent', p.code, 'from', l.valid_from,
                                                   'to', l.valid_to) order by u.code, l.valid_from)
                   from org_unit_parent l join org_unit u on u.id = l.unit_id join org_unit p on p.id = l.parent_id),
       'memberships', (select coalesce(json_agg(json_build_object('member', m.member_id::text, 'unit', u.code,
                                                   'from', m.joined_on, 'to', m.left_on)
                                                   order by m.member_id, m.joined_on), '[]')
                         from membership m join org_unit u on u.id = m.unit_id),
       'formerNames', (select coalesce(json_agg(json_build_object('unit', u.code, 'until', f.until, 'name', f.name)
                                                order by u.code, f.until), '[]')
                         from org_unit_former_name f join org_unit u on u.id = f.unit_id),
       'successions', (select coalesce(json_agg(json_build_object('predecessor', a.code, 'successor', b.code,
                                                'on', s.effective_date) order by a.code, b.code), '[]')
                         from org_unit_succession s join org_unit a on a.id = s.predecessor_id
                         join org_unit b on b.id = s.successor_id)) as t`,
  );
  return row.t;
}

const covers = (row: { from: string; to: string | null }, day: string) =>
  row.from <= day && (row.to === null || day <= row.to);

/** The units standing on a day under any of `roots` (themselves included), each with its parent that day. */
function subtrees(t: Tables, roots: string[], day: string): Map<string, string | null> {
  const standing = t.units.filter((unit) => covers(unit, day)).map((unit) => unit.code);
  const parentOf = new Map(
    t.links.filter((link) => covers(link, day)).map((link) => [link.unit, link.parent]),
  );
  const found = new Map<string, string | null>();
  for (const code of standing) {
    for (let at: string | undefined = code; at !== undefined; at = parentOf.get(at)) {
      if (roots.includes(at)) {
        found.set(code, parentOf.get(code) ?? null);
        break;
      }
    }
  }
  return found;
}

/** What the applied changes did, read from the tables before and after them. */
function oracle(before: Tables, after: Tables, changes: TreeChange[]) {
  const named = [
    ...new Set(
      changes.flatMap((c) =>
        c.kind === 'CREATE'
          ? [c.parentCode]
          : c.kind === 'MOVE'
            ? [c.code, c.parentCode]
            : c.kind === 'MERGE'
              ? [...c.sourceCodes, c.targetCode]
              : c.kind === 'CLOSE'
                ? [c.code, ...(c.successorCode ? [c.successorCode] : [])]
                : [c.code],
      ),
    ),
  ].filter((code) => before.units.some((unit) => unit.code === code));
  const dates = changes.map((c) => c.date).sort();
  const first = subtrees(before, named, dates[0]);
  const last = subtrees(after, named, dates[dates.length - 1]);
  const moved = [...first].filter(([code, parent]) => last.has(code) && last.get(code) !== parent);
  const closed = [...first].filter(([code]) => !last.has(code));
  const changed = new Set([...moved, ...closed].map(([code]) => code));
  const affected = [...first.keys()].filter((code) => {
    for (let at: string | null | undefined = code; at; at = first.get(at)) {
      if (changed.has(at)) {
        return true;
      }
    }
    return false;
  });
  const dayBefore = addDays(dates[0], -1);
  return {
    created: [...last.keys()].filter((code) => !first.has(code)).sort(),
    moved: moved.map(([code]) => code).sort(),
    closed: closed.map(([code]) => code).sort(),
    renamed: changes.flatMap((c) => (c.kind === 'RENAME' ? [c.code] : [])).sort(),
    unitsAffected: affected.length,
    membersAffected: before.memberships.filter((m) => affected.includes(m.unit) && covers(m, dayBefore))
      .length,
  };
}

function said(preview: TreeChangePreview) {
  return {
    created: preview.created.map((unit) => unit.code).sort(),
    moved: preview.moved.map((unit) => unit.code).sort(),
    closed: preview.closed.map((unit) => unit.code).sort(),
    renamed: preview.renamed.map((unit) => unit.code).sort(),
    unitsAffected: preview.unitsAffected,
    membersAffected: preview.membersAffected,
  };
}

/** A refusal as a person reads it; anything else is a defect and fails the property. */
function refusalOf(error: unknown) {
  if (!isAppError(error)) {
    throw error;
  }
  return { code: error.extensions.code, messageCode: error.extensions.messageCode, message: error.message };
}

describe('a preview is what the change does', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await openTestDatabase('empty');
  });
  afterAll(() => db.close());

  it('for random changes on random trees: the same units moved, closed, renamed and affected, or the same refusal, and nothing written by the preview', async () => {
    let applied = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(change, { maxLength: 5 }),
        fc.array(change, { minLength: 1, maxLength: 3 }),
        async (earlier, changes) => {
          const em = db.orm.em.fork();
          await freshSmallTree(em);
          for (const code of GRASSROOTS) {
            await createMember(
              em.fork(),
              Scope.SYSTEM,
              { fullName: `Đoàn viên ${code}`, gender: 'FEMALE', unitCode: code, joinedOn: '2015-06-01' },
              TODAY,
            );
          }
          for (const each of earlier) {
            await applyTreeChanges(em.fork(), Scope.SYSTEM, [each], TODAY).catch(refusalOf);
          }
          const before = await tables(em);
          const preview = await previewTreeChanges(em.fork(), Scope.SYSTEM, changes, TODAY).then(
            (value) => ({ value }),
            (error: unknown) => ({ refused: refusalOf(error) }),
          );
          expect(await tables(em)).toEqual(before);
          const apply = await applyTreeChanges(em.fork(), Scope.SYSTEM, changes, TODAY).then(
            () => ({ value: null }),
            (error: unknown) => ({ refused: refusalOf(error) }),
          );
          const after = await tables(em);
          if ('refused' in preview || 'refused' in apply) {
            expect({ changes, refused: 'refused' in apply ? apply.refused : null }).toEqual({
              changes,
              refused: 'refused' in preview ? preview.refused : null,
            });
            expect(after).toEqual(before);
            return;
          }
          applied += 1;
          expect({ changes, ...said(preview.value) }).toEqual({ changes, ...oracle(before, after, changes) });
        },
      ),
      { numRuns: 60 },
    );
    // The property was held on changes that were applied, not only on refusals.
    expect(applied).toBeGreaterThan(5);
  }, 600_000);
});
