import { dayBetween, seededRandom, splitExactly } from './random';

describe('synthetic shares', () => {
  it('split a total into uneven shares that add up exactly', () => {
    for (const [total, parts] of [
      [5202, 55],
      [960, 48],
      [32215, 155],
      [7, 3],
      [0, 4],
    ]) {
      const shares = splitExactly(total, parts, seededRandom(total));
      expect(shares).toHaveLength(parts);
      expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
      expect(shares.every((share) => share >= 0)).toBe(true);
    }
    expect(new Set(splitExactly(5202, 55, seededRandom(1))).size).toBeGreaterThan(10);
  });

  it('are the same on every run and pick days within the bounds', () => {
    expect(splitExactly(100, 7, seededRandom(3))).toEqual(splitExactly(100, 7, seededRandom(3)));
    const random = seededRandom(9);
    for (let i = 0; i < 200; i++) {
      const day = dayBetween('2022-01-05', '2022-11-25', random);
      expect(day >= '2022-01-05' && day <= '2022-11-25').toBe(true);
    }
  });
});
