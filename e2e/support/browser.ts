import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import AxeBuilder from '@axe-core/playwright';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); never a browser downloaded by Playwright. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const SCREENSHOTS = resolve(__dirname, '..', 'screenshots');

export async function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--lang=vi-VN'] });
}

/**
 * A fresh browser profile as a Vietnamese user has it: locale, time zone, a laptop's screen; `locale`
 * for a browser set to another language.
 */
export function newContext(
  browser: Browser,
  baseURL: string,
  width = 1280,
  locale = 'vi-VN',
): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    locale,
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width, height: 900 },
    acceptDownloads: true,
  });
}

/** Logs in through the form, with the keyboard's Enter, and waits for the landing unit's page. */
export async function logIn(page: Page, email: string, password = 'demo-password'): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByLabel('Mật khẩu').press('Enter');
  await page.waitForURL(/\/unit\//);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** WCAG 2 A and AA violations that axe finds on the page, as "rule: target" lines. */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}
