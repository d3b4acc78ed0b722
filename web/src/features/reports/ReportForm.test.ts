import { en } from '../../app/locales/en';
import { vi } from '../../app/locales/vi';
import { checkValue } from './ReportForm';

/** The form's inline checks: the same rules as the API's (reporting.service checkedValue). */
describe('checkValue', () => {
  const count = { type: 'COUNT', min: 0, max: null } as const;
  const percent = { type: 'PERCENT', min: 0, max: 100 } as const;
  const bounded = { type: 'COUNT', min: 1, max: 10 } as const;

  it.each([
    [count, '', null],
    [count, ' 1250 ', null],
    [count, '1.250', 'reports.invalidWhole'],
    [count, '-3', 'reports.invalidWhole'],
    [count, '1234567890123456789', 'reports.invalidWhole'],
    [{ type: 'VND', min: 0, max: null } as const, '740000000', null],
    [{ type: 'VND', min: 0, max: null } as const, '740 triệu', 'reports.invalidWhole'],
    [percent, '97.5', null],
    [percent, '97,5', 'reports.invalidPercent'],
    [percent, '97.555', 'reports.invalidPercent'],
    [percent, '100.01', 'reports.outOfBounds'],
    [bounded, '0', 'reports.outOfBounds'],
    [bounded, '11', 'reports.outOfBounds'],
    [bounded, '10', null],
    [{ type: 'TEXT', min: null, max: null } as const, 'anything at all', null],
  ])('%o %j → %s', (field, value, problem) => {
    expect(checkValue(field, value)).toBe(problem);
  });

  it('names problems both languages explain', () => {
    for (const key of ['invalidWhole', 'invalidPercent', 'outOfBounds'] as const) {
      expect(vi.reports[key]).toEqual(expect.any(String));
      expect(en.reports[key]).toEqual(expect.any(String));
    }
  });
});
