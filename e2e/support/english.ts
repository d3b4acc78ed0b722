import type { Locator, Page } from 'playwright-core';

/**
 * English words that no Vietnamese sentence of the client uses: a line holding one of them on a page in
 * Vietnamese is an untranslated sentence (an API message shown as it came, a label left in English).
 */
const ENGLISH = new RegExp(
  `\\b(${[
    // Sentences: words no Vietnamese sentence holds.
    'the|is|are|was|were|be|been|not|of|and|or|must|cannot|can|with|from|this|that|these|for|has|have',
    'only|please|should|would|there|which|your|you|by|at|its|into|than|already|between|before|after',
    'because|unknown|invalid|error|failed|loading|required|none',
    // Labels: the words an English interface is made of.
    'save|cancel|delete|edit|add|search|next|previous|page|back|close|open|download|upload|submit|apply',
    'preview|members?|activities|activity|awards?|targets?|reports?|compare|overview|admin|administration',
    'settings|password|log in|log out|login|logout|year|date|units?|roles?|accounts?|keys?|status|state',
    'name|file|total|show|hide|more|less|all|new|create|revoke|disable|enable|reset|export|import',
  ].join('|')})\\b`,
  'i',
);

/**
 * The lines of the page, and of the texts it gives assistive technology (labels, placeholders, titles),
 * that read as English. What the page marks as not to be translated (`translate="no"`: identifiers and
 * records as the API keeps them) and email addresses are data, not words of the interface, and are left
 * out.
 */
export async function englishLines(page: Page): Promise<string[]> {
  const texts = await page.evaluate(() => {
    const data = Array.from(document.querySelectorAll<HTMLElement>('[translate="no"]'))
      .map((element) => element.innerText.trim())
      .filter(Boolean);
    const attributes = Array.from(
      document.querySelectorAll('[aria-label], [placeholder], [title], [alt]'),
    ).flatMap((element) =>
      ['aria-label', 'placeholder', 'title', 'alt']
        .map((name) => element.getAttribute(name))
        .filter((value): value is string => Boolean(value)),
    );
    return [...document.body.innerText.split('\n'), ...attributes, document.title].map((line) =>
      data.reduce((rest, text) => rest.split(text).join(' '), line),
    );
  });
  return [
    ...new Set(
      texts.map((line) => line.replace(/\S+@\S+/g, ' ').trim()).filter((line) => ENGLISH.test(line)),
    ),
  ];
}

/**
 * Fills a form as a hurried person might, so that it is refused: every day as `day`, every number
 * negative (or nought where only digits are typed), every text as `text`; then sends it and waits for its refusal to show.
 */
export async function refuseForm(form: Locator, { day, text }: { day: string; text: string }): Promise<void> {
  const inputs = form.locator('input:visible');
  for (let i = 0; i < (await inputs.count()); i += 1) {
    const input = inputs.nth(i);
    const type = (await input.getAttribute('type')) ?? 'text';
    const placeholder = (await input.getAttribute('placeholder')) ?? '';
    if (type === 'checkbox' || type === 'radio' || type === 'file' || type === 'hidden') {
      continue;
    }
    if (placeholder === 'nn/tt/nnnn') {
      await input.fill(day);
    } else if (type === 'number') {
      await input.fill('-1');
    } else if ((await input.getAttribute('inputmode')) === 'numeric') {
      // Digits only, or the browser stops the form: nothing, then, to count or to pay.
      await input.fill('0');
    } else if (type === 'password') {
      await input.fill('ngan');
    } else if (type === 'email') {
      // Passes the browser's own check, which would stop the form before the API sees it.
      await input.fill('thu@x');
    } else {
      await input.fill(text);
    }
  }
  await form.locator('button[type="submit"]').first().click();
  await form.locator('[role="alert"]').first().waitFor();
}
