import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ERROR_CODES, MESSAGES } from '@cdvn/domain';

import { ACTIVITY_KINDS } from '../../features/records/ActivityForm';
import { AWARD_KINDS } from '../../features/records/AwardForm';
import { en } from './en';
import { vi } from './vi';

const auditSql = readFileSync(join(__dirname, '..', '..', '..', '..', 'api', 'sql', 'audit.sql'), 'utf8');
const sdl = readFileSync(join(__dirname, '..', '..', '..', '..', 'schema', 'schema.graphql'), 'utf8');

/** The values of an enum of the committed schema. */
function enumValues(name: string): string[] {
  const block = new RegExp(`enum ${name} \\{([^}]*)\\}`).exec(sdl)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^[A-Z_]+$/.test(line))
    .sort();
}

describe('the locales', () => {
  it.each([
    ['ActivityKind', 'activityKind'],
    ['AwardKind', 'awardKind'],
    ['OrgUnitKind', 'kind'],
    ['Rating', 'rating'],
    ['Gender', 'gender'],
    ['EmployerKind', 'employerKind'],
    ['FinanceRuleKind', 'financeRuleKind'],
  ] as const)('name every value of %s in Vietnamese and English', (enumName, key) => {
    const values = enumValues(enumName);
    expect(values.length).toBeGreaterThan(1);
    expect(Object.keys(vi[key]).sort()).toEqual(values);
    expect(Object.keys(en[key]).sort()).toEqual(values);
  });

  it('offer every kind of activity and award in the forms', () => {
    expect([...ACTIVITY_KINDS].sort()).toEqual(enumValues('ActivityKind'));
    expect([...AWARD_KINDS].sort()).toEqual(enumValues('AwardKind'));
  });

  it('explain every error code of the API in Vietnamese and in English, differently', () => {
    for (const code of ERROR_CODES) {
      const words = { code, vi: vi.problem[code], en: en.problem[code] };
      expect(words.vi).toEqual(expect.any(String));
      expect(words.en).toEqual(expect.any(String));
      expect(words.vi).not.toBe(words.en);
    }
  });

  it('say every refusal a form shows in both languages, with the parameters the API gives', () => {
    const params = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const [code, english] of Object.entries(MESSAGES)) {
      const words = {
        code,
        vi: vi.messages[code as keyof typeof MESSAGES],
        en: en.messages[code as keyof typeof MESSAGES],
      };
      expect({ code, vi: params(words.vi ?? ''), en: params(words.en ?? '') }).toEqual({
        code,
        vi: params(english),
        en: params(english),
      });
    }
    expect(Object.keys(vi.messages).sort()).toEqual(Object.keys(MESSAGES).sort());
  });

  it('name every table whose changes the audit log keeps, in Vietnamese and English', () => {
    // The audit triggers' tables: the list of (table, unit column) that audit.sql's loop goes through.
    const list = /\(values([^;]*?)\) as v\(name, unit_column\)/.exec(auditSql)?.[1] ?? '';
    const audited = [...list.matchAll(/\('(\w+)', '\w+'\)/g)].map((m) => m[1]).sort();
    expect(audited.length).toBeGreaterThan(10);
    expect(Object.keys(vi.auditTable).sort()).toEqual(audited);
    expect(Object.keys(en.auditTable).sort()).toEqual(audited);
  });
});
