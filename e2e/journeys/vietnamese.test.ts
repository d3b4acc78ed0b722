import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

import { graphqlAs, trustedDocument } from '../support/api';
import { launch, logIn, newContext } from '../support/browser';
import { englishLines, refuseForm } from '../support/english';
import { type RunningServer, startServer } from '../../api/test/support/server-process';

/**
 * One language at a time (issue 21): every page of the client, and every refusal its forms show, read in
 * Vietnamese; a line in English (an API message shown as it came, a label left untranslated) fails.
 */
describe('a Vietnamese page says nothing in English', () => {
  let server: RunningServer;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launch()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  beforeEach(async () => {
    context = await newContext(browser, server.url);
    page = await context.newPage();
  });

  afterEach(async () => {
    await context.close();
  });

  const TABS = [
    'Tổng quan',
    'Đoàn viên',
    'Hoạt động',
    'Khen thưởng',
    'Chỉ tiêu',
    'Báo cáo',
    'So sánh',
    'Quản trị',
  ];
  /** Forms refused twice: a day that is not one (the client's refusal), then one long past (the API's). */
  const REFUSALS = [
    { day: '31/02/2025', text: 'x' },
    { day: '01/01/1900', text: 'x' },
  ];

  /** The page, as it stands once its figures and lists have come, holds no English line. */
  async function readsVietnamese(where: string): Promise<void> {
    await page.waitForLoadState('networkidle');
    expect({ where, english: await englishLines(page) }).toEqual({ where, english: [] });
  }

  /** Opens a form by its button, refuses it each way, reading the page after each; then closes it. */
  async function refuseEachWay(
    where: string,
    open: string | RegExp,
    name: string | RegExp = open,
  ): Promise<void> {
    const form = (): Locator => page.getByRole('form', { name });
    for (const values of REFUSALS) {
      await page
        .getByRole('button', { name: open, exact: typeof open === 'string' })
        .first()
        .click();
      await refuseForm(form(), values);
      await readsVietnamese(`${where}: ${open} (${values.day})`);
      await form().getByRole('button', { name: 'Huỷ', exact: true }).click();
    }
  }

  it('the national admin walks every tab of the national federation and of a grassroots union, and every form refused', async () => {
    // A wrong password, on the login page.
    await page.goto('/');
    await page.getByLabel('Email').fill('vn@demo.example');
    await page.getByLabel('Mật khẩu').fill('sai-mat-khau');
    await page.getByLabel('Mật khẩu').press('Enter');
    await page.getByRole('alert').waitFor();
    await readsVietnamese('login refused');

    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
    const national = await graphqlAs(server.url, 'vn@demo.example');
    const children = (await national(trustedDocument('unit-children.graphql'), {
      code: 'QN',
      asOf: today,
    })) as {
      orgUnit: { children: { edges: Array<{ node: { code: string; kind: string } }> } };
    };
    const union = children.orgUnit.children.edges.find((edge) => edge.node.kind === 'GRASSROOTS_UNION')!.node;

    await logIn(page, 'vn@demo.example');
    for (const code of ['VN', 'QN', union.code]) {
      await page.goto(`/unit/${code}`);
      for (const tab of TABS) {
        const link = page.locator('nav.tabs').getByRole('link', { name: tab, exact: true });
        if ((await link.count()) === 0) {
          continue;
        }
        await link.click();
        await readsVietnamese(`${code}: ${tab}`);
      }
    }

    // Every form, refused: on the grassroots union (members, activities, awards, targets) ...
    await page.goto(`/unit/${union.code}/members`);
    await refuseEachWay(union.code, 'Kết nạp đoàn viên');
    await page.goto(`/unit/${union.code}/activities`);
    await refuseEachWay(union.code, 'Ghi nhận hoạt động');
    await page.goto(`/unit/${union.code}/awards`);
    await refuseEachWay(union.code, 'Ghi nhận khen thưởng');
    await page.goto(`/unit/${union.code}/targets`);
    await refuseEachWay(union.code, 'Giao chỉ tiêu', /^Giao chỉ tiêu/);
    // A report's figure typed in words.
    await page.goto(`/unit/${union.code}/reports`);
    const report = page.locator('article.report form');
    await report.locator('input[inputmode="numeric"]:visible').first().fill('mười hai');
    await report.getByRole('button', { name: 'Lưu nháp' }).click();
    await page.locator('article.report [role="alert"]').first().waitFor();
    await readsVietnamese(`${union.code}: report refused`);
    // ... and the administration of the national federation.
    await page.goto('/unit/VN/admin');
    await refuseEachWay('VN', 'Tạo tài khoản');
    await refuseEachWay('VN', 'Giao vai trò');
    await refuseEachWay('VN', 'Cấp khoá API');
    await refuseEachWay('VN', 'Thay đổi cơ cấu');
    await refuseEachWay('VN', /^Đặt lại mật khẩu /, /^Đặt lại mật khẩu của /);
    // A plan sheet whose every row is wrong.
    const plan = page.getByRole('region', { name: 'Kế hoạch sắp xếp (tải lên bảng tính)' });
    await plan.getByLabel('Tệp kế hoạch').setInputFiles({
      name: 'ke-hoach.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        [
          'Mã đơn vị,Hợp nhất từ,Ngày hiệu lực',
          'HT,"HT, XX",01/07/2025',
          ',TH,01/07/2025',
          'QN,"QN, QN-CDVC",31/02/2025',
          'HY,"HY, QN-CDVC",01/07/2024',
          'HY,"HY, HT",01/07/2024',
        ].join('\n'),
      ),
    });
    await plan.getByRole('button', { name: 'Kiểm tra và xem trước' }).click();
    const rows = plan.getByRole('alert', { name: 'Các dòng chưa hợp lệ' });
    await rows.waitFor();
    expect(await rows.getByRole('listitem').count()).toBe(5);
    await readsVietnamese('VN: plan refused');
  });
});
