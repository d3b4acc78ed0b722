import fc from 'fast-check';

import { useDatabase } from './support/graphql';
import { expectedScope } from './support/leaks';

const REAL = [
  'query($code: String!, $asOf: Date) { orgUnit(code: $code, asOf: $asOf) { code name children(first: 5) { edges { node { code } } } } }',
  'query($code: String!, $year: Int!) { orgUnit(code: $code) { code stats(year: $year) { members } childrenStats(year: $year) { unit { code } } } }',
  'query($code: String!, $search: String, $first: Int, $after: String) { orgUnit(code: $code, asOf: "2022-12-31") { members(search: $search, first: $first, after: $after) { totalCount edges { cursor node { fullName memberships { unit { code } } } } } } }',
  'query($code: String!) { auditLog(unitCode: $code, first: 3) { edges { node { actor unit { code } } } } }',
  'query($year: Int!) { emulationClusters(year: $year) { code ranking { unit { code } } } }',
  'mutation($code: String!) { recordActivity(input: { unitCode: $code, kind: SUPPORT, occurredOn: "2024-01-01", quantity: 1 }) { unit { code } } }',
];

/** A real operation with a few characters deleted, inserted or doubled. */
const mangled = fc
  .record({
    query: fc.constantFrom(...REAL),
    edits: fc.array(
      fc.tuple(fc.nat(), fc.constantFrom('', '{', '}', '(', '$', '"', '...', '@skip', 'orgUnit', '#', '\\')),
      {
        maxLength: 4,
      },
    ),
  })
  .map(({ query, edits }) =>
    edits.reduce((text, [at, insert]) => {
      const i = at % (text.length + 1);
      return text.slice(0, i) + insert + text.slice(i + (insert === '' ? 1 : 0));
    }, query),
  );

const anything: fc.Arbitrary<unknown> = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);

describe('random and malformed requests', () => {
  const { api, db } = useDatabase('demo');

  it('never crash the server, never answer 500, and never show another tenant’s units', async () => {
    const created = await api().run<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { unitCode: "QN", role: VIEWER, name: "fuzz" }) { key } }',
    );
    const authorization = `Bearer ${created.data!.createApiKey.key}`;
    const scope = await expectedScope(db().orm, ['QN']);
    const codes = (
      await db().orm.em.getConnection().execute<Array<{ code: string }>>('select code from org_unit')
    ).map((row) => row.code);
    const outside = new Set(codes.filter((code) => !scope.visible.has(code) && !scope.path.has(code)));
    const url = await api().url('/graphql');

    const body = fc.oneof(
      fc.string().map((text) => ({ raw: text })),
      fc.record({ query: fc.string() }),
      fc.record({
        query: mangled,
        variables: fc.dictionary(
          fc.constantFrom('code', 'year', 'asOf', 'first', 'after', 'search'),
          anything,
        ),
      }),
      fc.record({
        query: fc.constantFrom(...REAL),
        variables: fc.record({
          code: fc.oneof(fc.constantFrom(...codes), fc.string()),
          year: fc.oneof(fc.integer(), fc.integer({ min: 2015, max: 2026 })),
          asOf: fc.oneof(fc.string(), fc.constantFrom('2022-12-31', '2025-07-01', '9999-99-99')),
          first: fc.oneof(fc.integer(), fc.constant(null)),
          after: fc.oneof(fc.string(), fc.constant(null)),
          search: fc.oneof(fc.string(), fc.constant(null)),
        }),
      }),
      fc.record({ query: anything, variables: anything, operationName: anything, extensions: anything }),
    );

    const values = (value: unknown, found: string[] = []): string[] => {
      if (typeof value === 'string') {
        found.push(value);
      } else if (value && typeof value === 'object') {
        Object.values(value).forEach((item) => values(item, found));
      }
      return found;
    };

    await fc.assert(
      fc.asyncProperty(body, fc.boolean(), async (request, withKey) => {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(withKey ? { authorization } : {}) },
          body: 'raw' in request ? (request.raw as string) : JSON.stringify(request),
        });
        expect([200, 400, 401, 403, 405, 413, 415, 429]).toContain(response.status);
        const answer = (await response.json()) as {
          data?: unknown;
          errors?: Array<{ extensions?: { code?: string } }>;
        };
        expect(answer.errors?.map((error) => error.extensions?.code) ?? []).not.toContain(
          'INTERNAL_SERVER_ERROR',
        );
        const leaked = values(answer.data).filter((value) => outside.has(value));
        expect(leaked).toEqual([]);
      }),
      { numRuns: 400 },
    );
    // Uploaded files: random bytes, and random CSV in the import layouts, with random content types.
    const header = fc.constantFrom(
      'Họ và tên,Giới tính,Ngày sinh,Số điện thoại,Số CCCD/CMND,Số thẻ đoàn viên,Mã công đoàn cơ sở,Ngày kết nạp',
      'Mã đơn vị,Loại hoạt động,Ngày,Số lượng,Số tiền (đồng),Mã chương trình,Đợt,Ghi chú',
    );
    const upload = fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)),
      fc
        .tuple(
          header,
          fc.array(
            fc.array(
              fc.oneof(
                fc.string(),
                fc.constantFrom(...codes),
                fc.constantFrom('15/03/2023', '1.000', 'Nam', 'Sáng kiến'),
              ),
            ),
            { maxLength: 20 },
          ),
        )
        .map(([head, rows]) => Buffer.from([head, ...rows.map((row) => row.join(','))].join('\n'))),
    );
    await fc.assert(
      fc.asyncProperty(
        upload,
        fc.constantFrom('members', 'activities'),
        fc.constantFrom(
          'text/csv',
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          'application/octet-stream',
        ),
        async (file, kind, contentType) => {
          const response = await fetch(await api().url(`/import/${kind}`), {
            method: 'POST',
            headers: { authorization, 'content-type': contentType },
            body: new Uint8Array(file),
          });
          // Not a sheet: 400; any sheet: 403, as a VIEWER key writes nothing (refused before a row is read).
          expect([400, 403]).toContain(response.status);
          const lines = (await response.text())
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line));
          const result = lines.find((line) => line.result)?.result;
          expect(result?.imported ?? 0).toBe(0);
        },
      ),
      { numRuns: 150 },
    );
    // Still serving.
    const after = await api().http({ query: '{ orgUnit(code: "QN-CDVC") { code } }' }, { authorization });
    expect(after.json).toEqual({ data: { orgUnit: { code: 'QN-CDVC' } } });
  }, 120_000);
});
