import ExcelJS from 'exceljs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { withRequestScope } from '../src/auth/request-scope';
import type { Viewer } from '../src/auth/viewer';
import { readTable, SHEET_MAX_ROWS, writeXlsx } from '../src/modules/bulk/bulk.format';
import { exportRowCount } from '../src/modules/bulk/bulk.queries';
import { importGate } from '../src/modules/bulk/bulk.routes';
import { importMembers } from '../src/modules/bulk/bulk.service';
import { todayIn } from '../src/shared/dates';
import { useDatabase } from './support/graphql';

interface Answer {
  progress: Array<{ phase: string; done: number; total: number }>;
  result?: {
    imported: number;
    skipped: number;
    problems: Array<{
      row: number;
      column?: string;
      reason: string;
      messageCode?: string;
      params?: Record<string, unknown>;
    }>;
  };
  status: number;
}

const MEMBERS_CSV = (unit: string, rows: string[]) =>
  [
    'Họ và tên,Giới tính,Ngày sinh,Số điện thoại,Số CCCD/CMND,Số thẻ đoàn viên,Mã công đoàn cơ sở,Ngày kết nạp',
    ...rows,
  ]
    .map((row) => row.replace(/\{unit\}/g, unit))
    .join('\n');

describe('spreadsheets in and out', () => {
  const { api, db } = useDatabase('demo');
  let token = '';
  let unit = '';
  let otherUnit = '';

  beforeAll(async () => {
    const login = await api().http({
      query: 'mutation { login(email: "qn@demo.example", password: "demo-password") { token } }',
    });
    token = (login.json.data as { login: { token: string } }).login.token;
    const [row] = await db()
      .orm.em.getConnection()
      .execute(
        `select u.code from org_unit u join org_unit_parent l on l.unit_id = u.id join org_unit p on p.id = l.parent_id
          where p.code = 'QN-CDVC' and u.kind = 'GRASSROOTS_UNION' and l.period @> date '2023-06-01'
          order by u.code limit 1`,
      );
    unit = row.code;
    // Another of QN's unions, open from 2023 to this day (a member is admitted with no end).
    const [other] = await db()
      .orm.em.getConnection()
      .execute(
        `select u.code from org_unit u join org_unit_path p on p.unit_id = u.id
          where p.path ~ ('*.' || (select id from org_unit where code = 'QN') || '.*')::lquery and u.kind = 'GRASSROOTS_UNION' and u.code <> ?
            and u.validity @> date '2023-01-04' and upper_inf(u.validity)
          order by u.code limit 1`,
        [unit],
      );
    otherUnit = other.code;
  });

  /** QN's ADMIN (the token's account) as the service functions see a viewer, and QN's id. */
  async function qnAdmin(): Promise<{ viewer: Viewer; qn: { id: number } }> {
    const [qn] = await db()
      .orm.em.fork()
      .getConnection()
      .execute<Array<{ id: number }>>(`select id from org_unit where code = 'QN'`);
    return {
      viewer: { kind: 'system', label: 'test', grants: [{ unitId: Number(qn.id), role: 'ADMIN' }] },
      qn,
    };
  }

  async function upload(kind: string, body: string | Buffer, contentType = 'text/csv'): Promise<Answer> {
    const response = await fetch(await api().url(`/import/${kind}`), {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': contentType },
      body: typeof body === 'string' ? body : new Uint8Array(body),
    });
    const lines = (await response.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    return {
      status: response.status,
      progress: lines.filter((line) => line.progress).map((line) => line.progress),
      result: lines.find((line) => line.result)?.result,
    };
  }
  const memberCount = async () =>
    (
      await db()
        .orm.em.getConnection()
        .execute(
          `select count(*)::int as n from membership ms join org_unit u on u.id = ms.unit_id where u.code = ?`,
          [unit],
        )
    )[0].n as number;

  it('imports members from a CSV laid out the Vietnamese way, once, however often the file comes', async () => {
    const before = await memberCount();
    const file = MEMBERS_CSV(unit, [
      'Nguyễn Thị Hoa,Nữ,02/03/1990,0912 345 678,012345678901,CD-1,{unit},15/03/2023',
      'Trần Văn Bình,Nam,,,,,{unit},1/4/2023',
      'Lê Minh Châu,nữ,31/12/1985,,,,{unit},20/05/2023',
    ]);
    const first = await upload('members', file);
    expect(first.result).toEqual({ imported: 3, skipped: 0, problems: [] });
    expect(first.progress.at(-1)).toEqual({ phase: 'writing', done: 3, total: 3 });
    expect(await memberCount()).toBe(before + 3);
    const again = await upload('members', file);
    expect(again.result).toEqual({ imported: 0, skipped: 3, problems: [] });
    expect(await memberCount()).toBe(before + 3);
  });

  it('knows a member imported before whatever the case of the name, and only in the same union', async () => {
    const before = await memberCount();
    const rows = [
      'Đặng Văn Ước,Nam,05/06/1979,,,,{unit},04/01/2023',
      'Hồ Thị Ý | Lan,Nữ,,,,,{unit},04/01/2023',
    ];
    const first = await upload('members', MEMBERS_CSV(unit, rows));
    expect(first.result).toEqual({ imported: 2, skipped: 0, problems: [] });
    // The same two (one in capitals), and the first again in another union of the same day: a new member.
    const again = await upload(
      'members',
      MEMBERS_CSV(unit, [
        'ĐẶNG VĂN ƯỚC,Nam,05/06/1979,,,,{unit},04/01/2023',
        rows[1],
        `Đặng Văn Ước,Nam,05/06/1979,,,,${otherUnit},04/01/2023`,
      ]),
    );
    expect(again.result).toEqual({ imported: 1, skipped: 2, problems: [] });
    expect(await memberCount()).toBe(before + 2);
  });

  it('admits a member into a union that has closed since, until its last day, as one member is admitted', async () => {
    const connection = db().orm.em.getConnection();
    const [closed] = await connection.execute(
      `select u.code, u.valid_to::text as last_day from org_unit u join org_unit_path p on p.unit_id = u.id
        where p.path ~ ('*.' || (select id from org_unit where code = 'QN') || '.*')::lquery
          and u.kind = 'GRASSROOTS_UNION' and u.validity @> date '2023-01-04' and not upper_inf(u.validity)
        order by u.code limit 1`,
    );
    const answer = await upload(
      'members',
      MEMBERS_CSV(closed.code, ['Lý Thị Đóng,Nữ,07/08/1991,,,,{unit},04/01/2023']),
    );
    expect(answer.result).toEqual({ imported: 1, skipped: 0, problems: [] });
    const rows = await connection.execute(
      `select ms.left_on::text as left_on, ms.leave_reason from membership ms join member m on m.id = ms.member_id
        where m.full_name = 'Lý Thị Đóng'`,
    );
    expect(rows).toEqual([{ left_on: closed.last_day, leave_reason: 'UNIT_CLOSED' }]);
  });

  it('writes a file a chunk at a time in one transaction: progress per chunk, and none written when a late chunk fails', async () => {
    const { viewer } = await qnAdmin();
    const importInChunks = async (rows: string[]) => {
      const table = await readTable(Buffer.from(MEMBERS_CSV(unit, rows)), 'csv');
      const progress: Array<[string, number, number]> = [];
      const result = await withRequestScope(db().appOrm, viewer, 'test', todayIn(), (em, scope) =>
        importMembers(
          em,
          scope,
          table,
          todayIn(),
          (phase, done, total) => progress.push([phase, done, total]),
          2,
        ),
      );
      return { result, writing: progress.filter(([phase]) => phase === 'writing') };
    };
    const before = await memberCount();
    // The fourth row is the first again: skipped as recorded, and not counted among the rows to write.
    const first = await importInChunks([
      'Chu Văn Một,Nam,01/01/1980,,079123456789,,{unit},02/01/2023',
      'Chu Văn Hai,Nam,01/01/1981,,,,{unit},02/01/2023',
      'Chu Văn Ba,Nam,01/01/1982,,,,{unit},02/01/2023',
      'Chu Văn Một,Nam,01/01/1980,,,,{unit},02/01/2023',
      'Chu Văn Năm,Nam,01/01/1984,,,,{unit},02/01/2023',
    ]);
    expect(first.result).toEqual({ imported: 4, skipped: 1, problems: [] });
    expect(first.writing).toEqual([
      ['writing', 0, 4],
      ['writing', 2, 4],
      ['writing', 4, 4],
    ]);
    expect(await memberCount()).toBe(before + 4);
    // The fifth row's national ID is already a member's: refused only when written, in the third chunk.
    const second = await importInChunks([
      'Chu Thị Sáu,Nữ,01/01/1985,,,,{unit},03/01/2023',
      'Chu Thị Bảy,Nữ,01/01/1986,,,,{unit},03/01/2023',
      'Chu Thị Tám,Nữ,01/01/1987,,,,{unit},03/01/2023',
      'Chu Thị Chín,Nữ,01/01/1988,,,,{unit},03/01/2023',
      'Chu Thị Mười,Nữ,01/01/1989,,079123456789,,{unit},03/01/2023',
    ]);
    expect(second.result.imported).toBe(0);
    expect(second.result.skipped).toBe(0);
    expect(second.result.problems).toEqual([expect.objectContaining({ row: 0, messageCode: 'VALUE_TAKEN' })]);
    expect(second.writing.map(([, done]) => done)).toEqual([0, 2, 4]);
    expect(await memberCount()).toBe(before + 4);
  });

  it('checks every row first and writes nothing when one is bad, saying which and why', async () => {
    const before = await memberCount();
    const answer = await upload(
      'members',
      MEMBERS_CSV(unit, [
        'Phạm Văn An,Nam,,,,,{unit},15/03/2023',
        'Hoàng Thị Bé,Nữ,,,,,{unit},31/02/2023',
        'Vũ Văn Cường,Không rõ,,,123,,{unit},15/03/2023',
        'Đỗ Thị Dung,Nữ,,,,,TH,15/03/2023',
        ',Nữ,,,,,{unit},15/03/2099',
      ]),
    );
    expect(answer.result!.imported).toBe(0);
    expect(answer.result!.problems).toEqual([
      {
        row: 3,
        column: 'Ngày kết nạp',
        reason: '31/02/2023 is not a day of the calendar.',
        messageCode: 'CELL_NOT_A_DAY',
        params: { value: '31/02/2023' },
      },
      {
        row: 4,
        column: 'Giới tính',
        reason: '"Không rõ" is not Nam or Nữ.',
        messageCode: 'CELL_GENDER',
        params: { value: 'Không rõ' },
      },
      {
        row: 4,
        column: 'Số CCCD/CMND',
        reason: 'A CCCD has 12 digits (a CMND 9).',
        messageCode: 'NATIONAL_ID_CELL',
        params: {},
      },
      {
        row: 5,
        column: 'Mã công đoàn cơ sở',
        reason: '"TH" is not a unit you may record data for on 15/03/2023.',
        messageCode: 'UNIT_NOT_WRITABLE_ON',
        params: { code: 'TH', day: '15/03/2023' },
      },
      { row: 6, column: 'Họ và tên', reason: 'This cell is empty.', messageCode: 'CELL_EMPTY', params: {} },
    ]);
    expect(await memberCount()).toBe(before);
    const missing = await upload('members', 'Họ và tên,Giới tính\nAn,Nam');
    expect(missing.result!.problems.map((p) => p.column)).toEqual(['Mã công đoàn cơ sở', 'Ngày kết nạp']);
  });

  it('exports members as CSV and XLSX in the same layout, and the export imports back as nothing new', async () => {
    const csv = await fetch(await api().url(`/export/members?unitCode=${unit}&asOf=2023-06-30&format=csv`), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(csv.headers.get('content-disposition')).toContain(`doan-vien-${unit}-2023-06-30.csv`);
    const text = await csv.text();
    const lines = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'Họ và tên,Giới tính,Ngày sinh,Số điện thoại,Số CCCD/CMND,Số thẻ đoàn viên,Mã công đoàn cơ sở,Ngày kết nạp',
    );
    expect(lines).toContain(`Nguyễn Thị Hoa,Nữ,02/03/1990,0912 345 678,012345678901,CD-1,${unit},15/03/2023`);

    const xlsx = await fetch(
      await api().url(`/export/members?unitCode=${unit}&asOf=2023-06-30&format=xlsx`),
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    const file = Buffer.from(await xlsx.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file as unknown as ArrayBuffer);
    expect(book.worksheets[0].rowCount).toBe(lines.length);
    const back = await upload(
      'members',
      file,
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(back.result).toEqual({ imported: 0, skipped: lines.length - 1, problems: [] });
  });

  it('imports activities with "." thousands, shows progress on a large file, and the rollup counts them', async () => {
    const stats = async () =>
      (
        (await api().run(`{ orgUnit(code: "${unit}") { stats(year: 2023) { supportCases supportAmount } } }`))
          .data as { orgUnit: { stats: { supportCases: number; supportAmount: string } } }
      ).orgUnit.stats;
    const before = await stats();
    const header = 'Mã đơn vị,Loại hoạt động,Ngày,Số lượng,Số tiền (đồng),Mã chương trình,Đợt,Ghi chú';
    const rows = Array.from(
      { length: 2500 },
      (_, i) =>
        `${unit},"Thăm hỏi, hỗ trợ",${String((i % 28) + 1).padStart(2, '0')}/07/2023,1.000,740.000.000,,,Lượt ${i}`,
    );
    const answer = await upload('activities', [header, ...rows].join('\n'));
    expect(answer.result).toEqual({ imported: 2500, skipped: 0, problems: [] });
    expect(answer.progress.filter((p) => p.phase === 'validating').map((p) => p.done)).toEqual([
      1000, 2000, 2500,
    ]);
    const after = await stats();
    expect(after.supportCases - before.supportCases).toBe(2_500_000);
    expect(BigInt(after.supportAmount) - BigInt(before.supportAmount)).toBe(1_850_000_000_000n);

    const exported = await fetch(await api().url(`/export/activities?unitCode=${unit}&year=2023`), {
      headers: { authorization: `Bearer ${token}` },
    });
    const lines = (await exported.text()).trim().split('\n');
    expect(lines).toContain(`${unit},"Thăm hỏi, hỗ trợ",01/07/2023,1.000,740.000.000,,,Lượt 0`);
    // Read through a cursor a thousand rows at a time: every row of the three batches, none twice.
    const imported = lines.filter((line) => /,Lượt \d+$/.test(line));
    expect(new Set(imported).size).toBe(2500);
    expect(imported).toContain(`${unit},"Thăm hỏi, hỗ trợ",08/07/2023,1.000,740.000.000,,,Lượt 2499`);

    // The same file again adds nothing; a row that differs only by its day is new.
    const again = await upload(
      'activities',
      [header, ...rows, `${unit},"Thăm hỏi, hỗ trợ",29/07/2023,1.000,740.000.000,,,Lượt 0`].join('\n'),
    );
    expect(again.result).toEqual({ imported: 1, skipped: 2500, problems: [] });
  });

  it('refuses an XLSX export with more rows than a sheet holds, and writes one that fits', async () => {
    // Excel's sheet: 1,048,576 rows, the header's among them.
    expect(SHEET_MAX_ROWS).toBe(1_048_575);
    const rows = async function* () {
      yield ['An'];
      yield ['Bình'];
      yield ['Chi'];
    };
    const folder = await mkdtemp(join(tmpdir(), 'cdvn-xlsx-'));
    try {
      await expect(
        writeXlsx({ headers: ['Họ và tên'], rows: rows() }, join(folder, 'over.xlsx'), 'Đoàn viên', 2),
      ).rejects.toMatchObject({
        extensions: {
          code: 'BAD_USER_INPUT',
          messageCode: 'EXPORT_TOO_LARGE_FOR_SHEET',
          params: { rows: 2 },
        },
      });
      await writeXlsx({ headers: ['Họ và tên'], rows: rows() }, join(folder, 'fits.xlsx'), 'Đoàn viên', 3);
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(folder, 'fits.xlsx'));
      const sheet = book.getWorksheet('Đoàn viên')!;
      expect(sheet.getColumn(1).values.slice(1)).toEqual(['Họ và tên', 'An', 'Bình', 'Chi']);
      expect(sheet.getCell('A1').font?.bold).toBe(true);
      expect(sheet.getCell('A2').font?.bold).toBeFalsy();
      expect(sheet.getColumn(1).width).toBe(22);
      // Text that is markup in XML, a control character XML cannot hold, an empty cell, a 27th column.
      const tricky = [
        'Lê & <Hoa> "Hà"',
        'x\u0001y',
        '',
        ...Array.from({ length: 24 }, (_, i) => `c${i + 4}`),
      ];
      await writeXlsx(
        {
          headers: tricky.map((_, i) => `h${i + 1}`),
          rows: (async function* () {
            yield tricky;
          })(),
        },
        join(folder, 'tricky.xlsx'),
        'Đoàn viên',
      );
      const again = new ExcelJS.Workbook();
      await again.xlsx.readFile(join(folder, 'tricky.xlsx'));
      const cells = again.getWorksheet('Đoàn viên')!.getRow(2);
      expect([1, 2, 3, 27].map((column) => cells.getCell(column).text)).toEqual([
        'Lê & <Hoa> "Hà"',
        'xy',
        '',
        'c27',
      ]);
      expect(again.getWorksheet('Đoàn viên')!.getCell('AA1').text).toBe('h27');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('refuses a counted export past the sheet before reading a row, and counts no further than asked', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'cdvn-xlsx-'));
    let read = 0;
    const rows = async function* () {
      read += 1;
      yield ['An'];
    };
    const asked: number[] = [];
    try {
      const table = (n: number) => ({
        headers: ['Họ và tên'],
        rows: rows(),
        countUpTo: async (cap: number) => {
          asked.push(cap);
          return Math.min(n, cap);
        },
      });
      await expect(writeXlsx(table(5), join(folder, 'over.xlsx'), 'Đoàn viên', 4)).rejects.toMatchObject({
        extensions: { messageCode: 'EXPORT_TOO_LARGE_FOR_SHEET', params: { rows: 4 } },
      });
      expect(read).toBe(0);
      await writeXlsx(table(4), join(folder, 'fits.xlsx'), 'Đoàn viên', 4);
      expect(read).toBe(1);
      expect(asked).toEqual([5, 5]);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }

    // The counts are the exports' own rows, read as the viewer (QN's ADMIN: what the CSV holds).
    const csvRows = async (path: string) =>
      (await (await fetch(await api().url(path), { headers: { authorization: `Bearer ${token}` } })).text())
        .trim()
        .split('\n').length - 1;
    const { viewer, qn } = await qnAdmin();
    const counts = await withRequestScope(db().appOrm, viewer, 'test', todayIn(), async (em) => ({
      members: await exportRowCount(em, 'members', Number(qn.id), '2023-06-30', 1_000_000),
      membersCapped: await exportRowCount(em, 'members', Number(qn.id), '2023-06-30', 100),
      activities: await exportRowCount(em, 'activities', Number(qn.id), 2023, 1_000_000),
      collections: await exportRowCount(em, 'collections', Number(qn.id), 2024, 1_000_000),
    }));
    expect(counts.members).toBe(await csvRows('/export/members?unitCode=QN&asOf=2023-06-30'));
    expect(counts.members).toBeGreaterThan(100);
    expect(counts.membersCapped).toBe(100);
    expect(counts.activities).toBe(await csvRows('/export/activities?unitCode=QN&year=2023'));
    expect(counts.activities).toBeGreaterThan(0);
    expect(counts.collections).toBe(await csvRows('/export/collections?unitCode=QN&year=2024'));
  });

  it('refuses a unit outside the scope, credentials missing, and a file that is not a sheet', async () => {
    const th = await fetch(await api().url('/export/members?unitCode=TH&format=csv'), {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(th.status).toBe(403);
    expect(await th.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    const anonymous = await fetch(await api().url(`/export/members?unitCode=${unit}`));
    expect(anonymous.status).toBe(401);
    const broken = await upload(
      'members',
      Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2]),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(broken.status).toBe(400);
    // No bytes at all: refused, not waited on (the streaming reader waits forever for a zip's first bytes).
    const empty = await upload(
      'members',
      Buffer.alloc(0),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(empty.status).toBe(400);
  });
});

describe('reading a sheet', () => {
  it('reads the first sheet of an XLSX as text: dates as dd/mm/yyyy, rich text, formulas by their result', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Đoàn viên');
    sheet.addRow(['Họ và tên', 'Ngày sinh', 'Số lượng', 'Ghi chú']);
    sheet.addRow([
      { richText: [{ text: 'Lê ', font: { bold: true } }, { text: 'Hoa' }] },
      new Date(Date.UTC(1990, 2, 2)),
      1000,
      { text: 'trang', hyperlink: 'https://example.org' },
    ]);
    sheet.addRow([]);
    sheet.addRow(['  Trần Bình ', '15/03/2023', { formula: 'A1', result: 7 }, '']);
    book.addWorksheet('Khác').addRow(['not read']);
    const table = await readTable(Buffer.from(await book.xlsx.writeBuffer()), 'xlsx');
    expect(table).toEqual({
      headers: ['Họ và tên', 'Ngày sinh', 'Số lượng', 'Ghi chú'],
      rows: [
        ['Lê Hoa', '02/03/1990', '1000', 'trang'],
        ['Trần Bình', '15/03/2023', '7', ''],
      ],
    });
  });
  it('refuses more rows than an import reads, in either format, once one past the limit is read', async () => {
    const rows = ['Họ và tên', 'An', 'Bình', 'Chi', 'Dũng', 'Em'];
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Đoàn viên');
    rows.forEach((name) => sheet.addRow([name]));
    const files = {
      csv: Buffer.from(rows.join('\n')),
      xlsx: Buffer.from(await book.xlsx.writeBuffer()),
    } as const;
    for (const format of ['csv', 'xlsx'] as const) {
      await expect(readTable(files[format], format, 4)).rejects.toMatchObject({
        extensions: { code: 'BAD_USER_INPUT', messageCode: 'IMPORT_TOO_MANY_ROWS', params: { rows: 4 } },
      });
      expect((await readTable(files[format], format, 5)).rows).toEqual([
        ['An'],
        ['Bình'],
        ['Chi'],
        ['Dũng'],
        ['Em'],
      ]);
    }
  });
});

describe('the allowance of imports at once', () => {
  it('runs files side by side while their megabytes fit, and makes the next wait its turn', async () => {
    const gate = importGate(50);
    const events: string[] = [];
    const work = (name: string, ms: number) => async () => {
      events.push(`${name} starts`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`${name} ends`);
    };
    await Promise.all([gate(10_000_000, work('a', 40)), gate(10_000_000, work('b', 5))]);
    expect(events).toEqual(['a starts', 'b starts', 'b ends', 'a ends']);
    events.length = 0;
    await Promise.all([gate(30_000_000, work('c', 5)), gate(30_000_000, work('d', 5))]);
    expect(events).toEqual(['c starts', 'c ends', 'd starts', 'd ends']);
    events.length = 0;
    // A file larger than the allowance runs alone, not refused; an empty one still takes a megabyte.
    await Promise.all([gate(80_000_000, work('e', 5)), gate(0, work('f', 5))]);
    expect(events).toEqual(['e starts', 'e ends', 'f starts', 'f ends']);
  });
});
