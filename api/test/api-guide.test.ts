import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';

import { useDatabase } from './support/graphql';

const GUIDE = resolve(__dirname, '..', '..', 'docs', 'api.md');
const CLIENT = resolve(__dirname, '..', '..', 'docs', 'examples', 'children_stats.py');

interface Example {
  query: string;
  variables: Record<string, unknown>;
}

/** The guide's GraphQL blocks, each with the JSON variables block that follows it, if any. */
function examples(markdown: string): Example[] {
  const blocks = [...markdown.matchAll(/```(\w+)\n([\s\S]*?)```/g)].map((m) => ({ lang: m[1], text: m[2] }));
  return blocks.flatMap((block, index) => {
    if (block.lang !== 'graphql') {
      return [];
    }
    const next = blocks[index + 1];
    return [{ query: block.text, variables: next?.lang === 'json' ? JSON.parse(next.text) : {} }];
  });
}

/** docs/api.md: every example runs, as the guide says, against the demo data. */
describe('the API guide', () => {
  const { api } = useDatabase('demo');
  const markdown = readFileSync(GUIDE, 'utf8');

  it('logs in with the shell example and runs every GraphQL example, the Python client included', async () => {
    const login = /-d '(\{"query":"mutation \{ login[^']*)'/.exec(markdown)!;
    const answer = await api().http(JSON.parse(login[1]));
    const token = (answer.json.data as { login: { token: string } }).login.token;
    const asAdmin = { authorization: `Bearer ${token}` };

    const found = examples(markdown);
    expect(found.map((example) => /^(query|mutation) ?(\w*)/.exec(example.query.trim())![0].trim())).toEqual([
      'mutation',
      'query NationalComparison',
      'query ProvincesOnTodaysMap',
      'query ProvinceDrillDown',
      'query MemberSearch',
      'query ReportingProgress',
      'mutation',
    ]);
    const [createKey, national, onMap, drillDown, search, reporting, collections] = found;
    const created = await api().http(createKey, asAdmin);
    expect(created.json.errors).toBeUndefined();
    // The reads run as a tool would: with an API key (a national VIEWER key, for the member search).
    const key = await api().http(
      { query: 'mutation { createApiKey(input: { unitCode: "VN", role: VIEWER, name: "guide" }) { key } }' },
      asAdmin,
    );
    const asKey = {
      authorization: `Bearer ${(key.json.data as { createApiKey: { key: string } }).createApiKey.key}`,
    };

    const ranking = await api().http(national, asKey);
    expect(ranking.json.errors).toBeUndefined();
    const rows = (
      ranking.json.data as { orgUnit: { childrenStats: Array<{ rank: number; unit: { code: string } }> } }
    ).orgUnit.childrenStats;
    expect(rows).toHaveLength(63);
    expect(rows[0]).toMatchObject({ rank: 1, unit: { code: 'TH' } });

    const today = await api().http(onMap, asKey);
    expect(today.json.errors).toBeUndefined();
    const map = today.json.data as {
      orgUnit: { childrenStats: Array<{ unit: { code: string } }>; remainderStats: { members: number } };
      hy: { statsSeries: Array<{ year: number }>; indicators: { rank: { of: number } } };
    };
    expect(map.orgUnit.childrenStats).toHaveLength(34);
    expect(map.orgUnit.childrenStats.map((row) => row.unit.code)).not.toContain('TB');
    expect(map.hy.statsSeries.map((row) => row.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(map.hy.indicators.rank.of).toBe(34);

    const province = await api().http(drillDown, asKey);
    expect(province.json.errors).toBeUndefined();
    expect(province.json.data).toMatchObject({
      orgUnit: {
        name: 'Liên đoàn Lao động tỉnh Thanh Hóa',
        ancestors: { edges: [{ node: { code: 'VN' } }] },
        stats: { newMembers: 32215 },
        targets: expect.arrayContaining([
          expect.objectContaining({ metric: 'NEW_MEMBERS', actual: '32215' }),
        ]),
      },
    });

    const members = await api().http(search, asKey);
    expect(members.json.errors).toBeUndefined();
    const page = (members.json.data as { orgUnit: { members: { totalCount: number; edges: unknown[] } } })
      .orgUnit.members;
    expect(page.totalCount).toBeGreaterThan(50);
    expect(page.edges).toHaveLength(50);

    // QN's half-year part-way (demo data), and its children on the approved basis of 2022: only QN-CDVC's
    // annual report is approved.
    const progress = await api().http(reporting, asKey);
    expect(progress.json.errors).toBeUndefined();
    const qn = (
      progress.json.data as {
        orgUnit: {
          completeness: {
            total: { expected: number; approved: number; submitted: number };
            missing: unknown[];
          };
          childrenStats: Array<{ rank: number | null; unit: { code: string } }>;
        };
      }
    ).orgUnit;
    expect(qn.completeness.total).toMatchObject({ approved: 4, submitted: 2 });
    expect(qn.completeness.missing.length).toBeGreaterThan(0);
    expect(qn.childrenStats.filter((c) => c.rank !== null).map((c) => c.unit.code)).toEqual(['QN-CDVC']);

    // A month of dues and union funding, recorded by the national admin (API keys only read).
    const month = await api().http(collections, asAdmin);
    expect(month.json.errors).toBeUndefined();
    expect(
      (month.json.data as { recordCollections: Array<Record<string, unknown>> }).recordCollections[0],
    ).toMatchObject({
      month: '2025-07',
      duesExpected: '2000000',
      fundingDue: '9000000',
      arrears: '500000',
      duesShares: { grassroots: '1050000', province: '450000' },
      fundingShares: { grassroots: '6750000', province: '2250000' },
    });

    const { stdout } = await promisify(execFile)(
      'python3',
      [
        CLIENT,
        '--url',
        await api().url('/graphql'),
        '--unit',
        'VN',
        '--year',
        '2022',
        '--metric',
        'INITIATIVES',
      ],
      { env: { ...process.env, CDVN_API_KEY: asKey.authorization.slice('Bearer '.length) } },
    );
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('Tổng Liên đoàn Lao động Việt Nam: INITIATIVES in 2022');
    expect(lines[2]).toMatch(/^1\tTH\t170234\t/);
    expect(lines).toHaveLength(2 + 63);
  });
});
