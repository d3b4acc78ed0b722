import { randomBytes } from 'node:crypto';
import 'reflect-metadata';

import { migrate, openAppOrm, openOrm } from '../src/db/database';
import { loadDemoData } from '../src/db/demo-data';
import { graphqlRunner } from '../test/support/graphql';
import { withBenchDatabase } from './measure';

/**
 * Importing spreadsheets through HTTP as a province's ADMIN, on the demo data: 100,000 members and
 * 20,000 activities as CSV, and the same members again (all skipped). Prints time and the server's RSS.
 * Run: npm run bench:import -w @cdvn/api
 */
const MEMBERS = Number(process.env.MEMBERS ?? 100_000);
const ACTIVITIES = 20_000;

async function main(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const orm = await openOrm(url);
    await migrate(orm);
    await loadDemoData(orm.em.fork());
    const appOrm = await openAppOrm(orm, url, randomBytes(32).toString('hex'));
    const api = await graphqlRunner({ orm, appOrm });
    const login = await api.http({
      query: 'mutation { login(email: "th@demo.example", password: "demo-password") { token } }',
    });
    const authorization = `Bearer ${(login.json.data as { login: { token: string } }).login.token}`;
    const units = (
      await orm.em.getConnection().execute<Array<{ code: string }>>(
        `select u.code from org_unit u join org_unit_path p on p.unit_id = u.id
          where u.kind = 'GRASSROOTS_UNION' and u.valid_to is null and p.path ~ ('*.' || (select id from org_unit where code = 'TH') || '.*')::lquery
          order by u.code`,
      )
    ).map((row) => row.code);

    const members = [
      'Họ và tên,Giới tính,Ngày sinh,Số điện thoại,Số CCCD/CMND,Số thẻ đoàn viên,Mã công đoàn cơ sở,Ngày kết nạp',
      ...Array.from(
        { length: MEMBERS },
        (_, i) =>
          `Đoàn viên số ${i},${i % 2 ? 'Nam' : 'Nữ'},${String((i % 28) + 1).padStart(2, '0')}/0${(i % 9) + 1}/19${70 + (i % 30)},,,,${units[i % units.length]},${String((i % 28) + 1).padStart(2, '0')}/03/2026`,
      ),
    ].join('\n');
    const activities = [
      'Mã đơn vị,Loại hoạt động,Ngày,Số lượng,Số tiền (đồng),Mã chương trình,Đợt,Ghi chú',
      ...Array.from(
        { length: ACTIVITIES },
        (_, i) =>
          `${units[i % units.length]},"Thăm hỏi, hỗ trợ",${String((i % 28) + 1).padStart(2, '0')}/04/2026,1,2.000.000,,,Lượt ${i}`,
      ),
    ].join('\n');

    console.log(
      `\n| import (CSV over HTTP, ${units.length} grassroots unions of TH) | rows | seconds | result | API RSS MB |\n|---|---|---|---|---|`,
    );
    for (const [label, kind, body] of [
      ['members', 'members', members],
      ['the same members again', 'members', members],
      ['activities', 'activities', activities],
    ] as const) {
      const started = Date.now();
      const response = await fetch(await api.url(`/import/${kind}`), {
        method: 'POST',
        headers: { authorization, 'content-type': 'text/csv' },
        body,
      });
      const lines = (await response.text())
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      const result = lines.find((line) => line.result)?.result ?? lines.at(-1);
      if (!lines.some((line) => line.result)) {
        console.log(JSON.stringify(lines.at(-1)).slice(0, 300));
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const rss = (process.memoryUsage().rss / 2 ** 20).toFixed(0);
      console.log(
        `| ${label} | ${kind === 'members' ? MEMBERS : ACTIVITIES} | ${seconds} | imported ${result.imported}, skipped ${result.skipped}, problems ${result.problems?.length} | ${rss} |`,
      );
    }
    await api.stop();
    await appOrm.close(true);
    await orm.close(true);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
