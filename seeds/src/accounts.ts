/** The units of DOMAIN.md's table of seeded units: each gets a demo administrator. */
export const DEMO_ACCOUNT_UNITS = [
  'VN',
  'QN',
  'QN-CDVC',
  'P001',
  'P001-CDVC',
  'P001-CDVC-SKHCN',
  'TH',
  'TB',
  'TB-CDVC',
  'HY',
  'HT',
  'HT-CDVC',
] as const;

export const DEMO_PASSWORD = 'demo-password';

export interface SeedAccount {
  email: string;
  password: string;
  unitCode: string;
  role: 'ADMIN';
}

/** `<code in lowercase>@demo.example` with `demo-password`, an ADMIN of that unit. */
export function demoAccounts(): SeedAccount[] {
  return DEMO_ACCOUNT_UNITS.map((code) => ({
    email: `${code.toLowerCase()}@demo.example`,
    password: DEMO_PASSWORD,
    unitCode: code,
    role: 'ADMIN',
  }));
}
