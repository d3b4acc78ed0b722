import { paceOf } from './SheetImport';

describe('the pace of an import', () => {
  it('says rows a second and the seconds left once a phase has run a second', () => {
    // 20,000 of 100,000 rows checked in 4 s: 5,000 rows a second, 16 s left.
    expect(paceOf({ phase: 'validating', done: 20_000, total: 100_000, since: 1_000, at: 5_000 })).toEqual({
      rate: 5_000,
      secondsLeft: 16,
    });
    // A rate that does not divide evenly rounds the time left up.
    expect(paceOf({ phase: 'writing', done: 3_000, total: 10_000, since: 0, at: 1_500 })).toEqual({
      rate: 2_000,
      secondsLeft: 4,
    });
  });

  it('says nothing before a second has passed, before a row is done, or once the phase is finished', () => {
    expect(paceOf({ phase: 'validating', done: 500, total: 1_000, since: 0, at: 999 })).toBeNull();
    expect(paceOf({ phase: 'validating', done: 0, total: 1_000, since: 0, at: 5_000 })).toBeNull();
    expect(paceOf({ phase: 'writing', done: 1_000, total: 1_000, since: 0, at: 5_000 })).toBeNull();
  });
});
