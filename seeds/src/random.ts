/** A small deterministic PRNG (mulberry32), so that the synthetic data is the same on every load. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Splits `total` into `parts` uneven whole shares that add up exactly (largest remainder). */
export function splitExactly(total: number, parts: number, random: () => number): number[] {
  const weights = Array.from({ length: parts }, () => 0.3 + random() * 2.7);
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const shares = raw.map(Math.floor);
  const order = raw
    .map((value, index) => ({ index, rest: value - Math.floor(value) }))
    .sort((a, b) => b.rest - a.rest);
  const missing = total - shares.reduce((a, b) => a + b, 0);
  for (let i = 0; i < missing; i++) {
    shares[order[i % parts].index] += 1;
  }
  return shares;
}

/** A day between two ISO dates, inclusive. */
export function dayBetween(first: string, last: string, random: () => number): string {
  const from = Date.parse(`${first}T00:00:00Z`);
  const to = Date.parse(`${last}T00:00:00Z`);
  const day = from + Math.floor(random() * ((to - from) / 86_400_000 + 1)) * 86_400_000;
  return new Date(day).toISOString().slice(0, 10);
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE_F = ['Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Hồng', 'Kim', 'Phương'];
const MIDDLE_M = ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thanh', 'Công', 'Xuân'];
const GIVEN_F = [
  'An',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hằng',
  'Hoa',
  'Hương',
  'Lan',
  'Linh',
  'Mai',
  'Nga',
  'Nhung',
  'Phương',
  'Thảo',
  'Trang',
  'Vân',
  'Yến',
];
const GIVEN_M = [
  'Bình',
  'Cường',
  'Dũng',
  'Hải',
  'Hiếu',
  'Hùng',
  'Khánh',
  'Long',
  'Nam',
  'Phong',
  'Quân',
  'Sơn',
  'Tâm',
  'Thắng',
  'Tuấn',
  'Việt',
];

export function vietnameseName(random: () => number): { fullName: string; gender: 'FEMALE' | 'MALE' } {
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
  const female = random() < 0.55;
  return {
    fullName: `${pick(FAMILY)} ${pick(female ? MIDDLE_F : MIDDLE_M)} ${pick(female ? GIVEN_F : GIVEN_M)}`,
    gender: female ? 'FEMALE' : 'MALE',
  };
}
