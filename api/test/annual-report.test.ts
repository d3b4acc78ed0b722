import JSZip from 'jszip';

import { count, money, percent, qualified } from '../src/modules/annual-report/wording';
import { useDatabase } from './support/graphql';

// pdf-parse's entry file reads a sample PDF when it has no parent module (jest): its library file does not.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const pdfParse = require('pdf-parse/lib/pdf-parse.js') as (data: Buffer) => Promise<{ text: string }>;

/** The text of a Word document: its body and its footnotes, a line per paragraph. */
async function docxText(file: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const parts = await Promise.all(
    ['word/document.xml', 'word/footnotes.xml'].map((name) => zip.file(name)?.async('string') ?? ''),
  );
  return parts
    .join('\n')
    .replace(/<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text of a PDF, its lines joined by spaces (a sentence may wrap). */
async function pdfText(file: Buffer): Promise<string> {
  return (await pdfParse(file)).text.replace(/\s+/g, ' ');
}

describe('Vietnamese and English figures', () => {
  it('writes counts and amounts as union offices do', () => {
    expect(count(5202, 'vi')).toBe('5.202');
    expect(count(5202, 'en')).toBe('5,202');
    expect(money(740_000_000n, 'vi')).toBe('740 triệu đồng');
    expect(money(1_100_000_000n, 'vi')).toBe('1,1 tỷ đồng');
    expect(money(1_000_000_000n, 'vi')).toBe('1 tỷ đồng');
    expect(money(1_234_000_000n, 'vi')).toBe('1,23 tỷ đồng');
    expect(money(500_000n, 'vi')).toBe('500.000 đồng');
    expect(money(740_000_000n, 'en')).toBe('VND 740 million');
    expect(money(1_100_000_000n, 'en')).toBe('VND 1.1 billion');
    expect(qualified(money(1_000_000_000n, 'vi'), 'MORE_THAN', 'vi')).toBe('hơn 1 tỷ đồng');
    expect(qualified(count(1000, 'vi'), 'NEARLY', 'vi')).toBe('gần 1.000');
    expect(qualified(count(200, 'en'), 'OVER', 'en')).toBe('over 200');
    expect(qualified('7', null, 'vi')).toBe('7');
  });
});

describe('the annual report (báo cáo tổng kết)', () => {
  const { api } = useDatabase('demo');
  const tokens = new Map<string, string>();
  const tokenOf = async (unit: string) => {
    if (!tokens.has(unit)) {
      const login = await api().http({
        query: `mutation { login(email: "${unit.toLowerCase()}@demo.example", password: "demo-password") { token } }`,
      });
      tokens.set(unit, (login.json.data as { login: { token: string } }).login.token);
    }
    return tokens.get(unit)!;
  };
  const download = async (query: string, as: string | null = 'VN') =>
    fetch(await api().url(`/reports/annual?${query}`), {
      headers: as ? { authorization: `Bearer ${await tokenOf(as)}` } : {},
    });
  const file = async (query: string, as = 'VN') => {
    const response = await download(query, as);
    expect(response.status).toBe(200);
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  };

  // Source 000 as the article prints its figures.
  const SOURCE_000 = [
    '55 công đoàn cơ sở',
    '5.202 đoàn viên',
    '15.589 lượt người tham gia',
    'hơn 1 tỷ đồng',
    'gần 1.000 lượt',
    '740 triệu đồng',
    '2 Mái ấm công đoàn trị giá 500 triệu đồng',
    '525 sáng kiến',
    '8 tập thể và 4 cá nhân',
  ];

  it('gives QN-CDVC’s 2022 report in DOCX with the figures of source 000 and their sources as footnotes', async () => {
    const { response, body } = await file('unitCode=QN-CDVC&year=2022&format=docx');
    expect(response.headers.get('content-type')).toContain('wordprocessingml');
    expect(response.headers.get('content-disposition')).toContain('bao-cao-tong-ket-QN-CDVC-2022.docx');
    const text = (await docxText(body)).replace(/\s+/g, ' ');
    for (const figure of SOURCE_000) {
      expect({ figure, found: text.includes(figure) }).toEqual({ figure, found: true });
    }
    expect(text).toContain('BÁO CÁO TỔNG KẾT HOẠT ĐỘNG CÔNG ĐOÀN NĂM 2022');
    expect(text).toContain(
      'Nguồn: 000_f18ed5ada7bba3e7.txt: «thăm hỏi gần 1.000 lượt người với số tiền 740 triệu đồng»',
    );
    expect(text).toMatch(/Số liệu ghi nhận trên nền tảng, ngày \d\d\/\d\d\/\d{4}/);
    // The women among the members, as the records count them.
    const stats = await api().run<{ orgUnit: { stats: { womenMembers: number } } }>(
      '{ orgUnit(code: "QN-CDVC") { stats(year: 2022) { womenMembers } } }',
    );
    const women = stats.data!.orgUnit.stats.womenMembers;
    expect(text).toContain(
      `5.202 đoàn viên (trong đó ${count(women, 'vi')} đoàn viên nữ, chiếm ${percent(women / 5202, 'vi')})`,
    );
  });

  it('gives the same figures in the PDF', async () => {
    const { response, body } = await file('unitCode=QN-CDVC&year=2022&format=pdf');
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const text = await pdfText(body);
    for (const figure of SOURCE_000) {
      expect({ figure, found: text.includes(figure) }).toEqual({ figure, found: true });
    }
    expect(text).toContain('Chú thích nguồn');
  });

  it('gives HT-CDVC’s 2021 report with the figures of source 004, qualifiers kept, in both formats', async () => {
    const figures = [
      'trên 200 lượt',
      'trên 150 triệu đồng',
      '960 lượt',
      'gần 1 tỷ đồng',
      '680 suất quà',
      'trên 400 triệu đồng',
      '1,1 tỷ đồng',
      '800 triệu đồng',
      'Bằng Lao động sáng tạo của Tổng Liên đoàn Lao động Việt Nam: 4 cá nhân',
      '19 cá nhân',
      '5 tập thể và 28 cá nhân',
      'Hà Văn Oanh',
    ];
    const docx = (await docxText((await file('unitCode=HT-CDVC&year=2021&format=docx')).body)).replace(
      /\s+/g,
      ' ',
    );
    const pdf = await pdfText((await file('unitCode=HT-CDVC&year=2021&format=pdf')).body);
    for (const figure of figures) {
      expect({ figure, docx: docx.includes(figure), pdf: pdf.includes(figure) }).toEqual({
        figure,
        docx: true,
        pdf: true,
      });
    }
  });

  it('writes the English report with English figures', async () => {
    const text = (
      await docxText((await file('unitCode=QN-CDVC&year=2022&format=docx&lang=en')).body)
    ).replace(/\s+/g, ' ');
    expect(text).toContain('ANNUAL REPORT 2022');
    expect(text).toContain('5,202 members');
    expect(text).toContain('VND 740 million');
    expect(text).toContain('more than VND 1 billion');
  });

  it('is refused outside the viewer’s scope, to nobody, and for bad input, with the error’s code', async () => {
    const outside = await download('unitCode=TH&year=2022&format=pdf', 'QN');
    expect(outside.status).toBe(403);
    expect((await outside.json()).errors[0].extensions.code).toBe('FORBIDDEN');
    const own = await download('unitCode=QN-CDVC&year=2022&format=pdf', 'QN');
    expect(own.status).toBe(200);
    const anonymous = await download('unitCode=QN&year=2022', null);
    expect(anonymous.status).toBe(401);
    const format = await download('unitCode=QN&year=2022&format=odt');
    expect(format.status).toBe(400);
    expect((await format.json()).errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'format',
      messageCode: 'REPORT_FORMAT_PARAM',
      params: {},
    });
    const year = await download('unitCode=QN&year=3000');
    expect((await year.json()).errors[0].extensions).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'year',
      messageCode: 'REPORT_YEAR_PARAM',
      params: { first: 1929, last: expect.any(Number) },
    });
  });
});
