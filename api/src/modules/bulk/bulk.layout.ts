import { EMPLOYER_KINDS, type EmployerKind, type MessageCode, messageOf } from '@cdvn/domain';

import type { ActivityKind } from '../activity/activity.entity';
import { ACTIVITY_KINDS } from '../activity/activity.entity';

/** Text of a cell that does not read as the column expects: the reason, for the report, by message code. */
export class CellError extends Error {
  constructor(
    readonly code: MessageCode,
    readonly params: Record<string, string | number> = {},
  ) {
    super(messageOf(code, params));
  }
}

/** dd/mm/yyyy (d/m/yyyy accepted) to YYYY-MM-DD. */
export function parseDay(text: string): string {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!match) {
    throw new CellError('CELL_DATE_FORMAT', { value: text });
  }
  const [, d, m, y] = match;
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const date = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
    throw new CellError('CELL_NOT_A_DAY', { value: text });
  }
  return iso;
}

export function formatDay(iso: string | null): string {
  return iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '';
}

/** "1.000" or "1000": a whole number, "." separating thousands. */
export function parseWhole(text: string): bigint {
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(text)) {
    throw new CellError('CELL_WHOLE_NUMBER', { value: text });
  }
  return BigInt(text.replace(/\./g, ''));
}

export function formatWhole(value: bigint | number): string {
  return value.toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** The words union offices use for each kind of activity. */
export const ACTIVITY_KIND_LABELS: Record<ActivityKind, string> = {
  WELFARE: 'Phúc lợi đoàn viên',
  SUPPORT: 'Thăm hỏi, hỗ trợ',
  GIFT: 'Suất quà',
  CHARITY: 'Từ thiện, quỹ',
  UNION_HOME: 'Mái ấm công đoàn',
  INITIATIVE: 'Sáng kiến',
  PARTY_REFERRAL: 'Giới thiệu vào Đảng',
  PARTY_ADMISSION: 'Kết nạp Đảng',
  WORKER_CONFERENCE: 'Hội nghị người lao động',
  TOTAL_CARE: 'Tổng chăm lo',
  OTHER: 'Khác',
};

export function parseActivityKind(text: string): ActivityKind {
  const normal = (value: string) => value.normalize('NFC').toLowerCase().trim();
  const found = ACTIVITY_KINDS.find(
    (kind) => normal(ACTIVITY_KIND_LABELS[kind]) === normal(text) || kind === text.trim().toUpperCase(),
  );
  if (!found) {
    throw new CellError('CELL_ACTIVITY_KIND', {
      value: text,
      kinds: Object.values(ACTIVITY_KIND_LABELS).join('; '),
    });
  }
  return found;
}

export function parseGender(text: string): 'MALE' | 'FEMALE' {
  const value = text.normalize('NFC').toLowerCase().trim();
  if (value === 'nam' || value === 'male') {
    return 'MALE';
  }
  if (value === 'nữ' || value === 'nu' || value === 'female') {
    return 'FEMALE';
  }
  throw new CellError('CELL_GENDER', { value: text });
}

/** mm/yyyy (m/yyyy accepted) to YYYY-MM. */
export function parseMonth(text: string): string {
  const match = /^(\d{1,2})\/(\d{4})$/.exec(text);
  if (!match || Number(match[1]) < 1 || Number(match[1]) > 12) {
    throw new CellError('CELL_MONTH_FORMAT', { value: text });
  }
  return `${match[2]}-${match[1].padStart(2, '0')}`;
}

export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** The words union offices use for each kind of employer. */
export const EMPLOYER_KIND_LABELS: Record<EmployerKind, string> = {
  ADMINISTRATIVE_AGENCY: 'Cơ quan hành chính',
  STATE_FUNDED_PUBLIC_UNIT: 'Đơn vị sự nghiệp do ngân sách bảo đảm',
  ARMED_FORCES: 'Lực lượng vũ trang',
  SELF_FINANCED_PUBLIC_UNIT: 'Đơn vị sự nghiệp tự chủ',
  STATE_ENTERPRISE: 'Doanh nghiệp nhà nước',
  PRIVATE_ENTERPRISE: 'Doanh nghiệp ngoài nhà nước',
  FOREIGN_INVESTED_ENTERPRISE: 'Doanh nghiệp FDI',
  OTHER: 'Khác',
};

export function parseEmployerKind(text: string): EmployerKind {
  const normal = (value: string) => value.normalize('NFC').toLowerCase().trim();
  const found = EMPLOYER_KINDS.find(
    (kind) => normal(EMPLOYER_KIND_LABELS[kind]) === normal(text) || kind === text.trim().toUpperCase(),
  );
  if (!found) {
    throw new CellError('CELL_EMPLOYER_KIND', {
      value: text,
      kinds: Object.values(EMPLOYER_KIND_LABELS).join('; '),
    });
  }
  return found;
}
