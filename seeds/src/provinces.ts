import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Stable codes of the 63 pre-merger provincial federations. The codes of DOMAIN.md are kept (QN, TH, TB,
 * HY, HT); the others are short mnemonics, unique and uppercase.
 *
 * The province of source 001 is not named by the article: its federation is seeded as `P001` with an
 * honest label. Its name here (Bình Định) is an assumption used only to place it in the 2025 map.
 */
const PROVINCE_CODES: Record<string, string> = {
  'Hà Nội': 'HN',
  'Hồ Chí Minh': 'HCM',
  'Hải Phòng': 'HP',
  'Đà Nẵng': 'DNG',
  'Cần Thơ': 'CT',
  'Thừa Thiên Huế': 'TTH',
  'Lai Châu': 'LCH',
  'Điện Biên': 'DB',
  'Sơn La': 'SL',
  'Lạng Sơn': 'LS',
  'Quảng Ninh': 'QN',
  'Thanh Hóa': 'TH',
  'Nghệ An': 'NA',
  'Hà Tĩnh': 'HT',
  'Cao Bằng': 'CB',
  'Tuyên Quang': 'TQ',
  'Hà Giang': 'HG',
  'Lào Cai': 'LC',
  'Yên Bái': 'YB',
  'Thái Nguyên': 'TN',
  'Bắc Kạn': 'BK',
  'Phú Thọ': 'PT',
  'Vĩnh Phúc': 'VP',
  'Hòa Bình': 'HB',
  'Bắc Ninh': 'BN',
  'Bắc Giang': 'BG',
  'Hưng Yên': 'HY',
  'Thái Bình': 'TB',
  'Hải Dương': 'HD',
  'Ninh Bình': 'NB',
  'Hà Nam': 'HNA',
  'Nam Định': 'ND',
  'Quảng Trị': 'QT',
  'Quảng Bình': 'QB',
  'Quảng Nam': 'QNA',
  'Quảng Ngãi': 'QNG',
  'Kon Tum': 'KT',
  'Gia Lai': 'GL',
  'Bình Định': 'P001',
  'Khánh Hòa': 'KH',
  'Ninh Thuận': 'NT',
  'Lâm Đồng': 'LD',
  'Đắk Nông': 'DNO',
  'Bình Thuận': 'BTH',
  'Đắk Lắk': 'DL',
  'Phú Yên': 'PY',
  'Bình Dương': 'BD',
  'Bà Rịa - Vũng Tàu': 'BRVT',
  'Đồng Nai': 'DNA',
  'Bình Phước': 'BP',
  'Tây Ninh': 'TNI',
  'Long An': 'LA',
  'Sóc Trăng': 'ST',
  'Hậu Giang': 'HGI',
  'Vĩnh Long': 'VL',
  'Bến Tre': 'BT',
  'Trà Vinh': 'TV',
  'Đồng Tháp': 'DT',
  'Tiền Giang': 'TG',
  'Cà Mau': 'CM',
  'Bạc Liêu': 'BL',
  'An Giang': 'AG',
  'Kiên Giang': 'KG',
};

/** Centrally governed cities before July 2025; their federations are "thành phố", not "tỉnh". */
const CITIES_BEFORE_2025 = new Set(['Hà Nội', 'Hồ Chí Minh', 'Hải Phòng', 'Đà Nẵng', 'Cần Thơ']);

export const P001_ASSUMED_PROVINCE = 'Bình Định';

export interface Province {
  code: string;
  /** The province's name, or null for P001, whose article does not name it. */
  province: string | null;
  federationName: string;
}

export interface ProvinceMerger {
  /** The row of provinces-2025.tsv: the province after 1 July 2025. */
  nameAfter: string;
  isCity: boolean;
  /** The federation that continues (the one whose province name the new province keeps). */
  continuingCode: string;
  /** Its name from 1 July 2025. */
  federationNameAfter: string;
  /** The federations that close and name the continuing one as their successor. */
  closingCodes: string[];
}

export function federationName(province: string, isCity: boolean): string {
  return `Liên đoàn Lao động ${isCity ? 'thành phố' : 'tỉnh'} ${province}`;
}

export function provinceCode(name: string): string {
  const code = PROVINCE_CODES[name];
  if (!code) {
    throw new Error(`No code for province ${name}`);
  }
  return code;
}

/** The 63 provincial federations before 1 July 2025. */
export function provincesBefore2025(): Province[] {
  return Object.keys(PROVINCE_CODES).map((name) =>
    name === P001_ASSUMED_PROVINCE
      ? {
          code: 'P001',
          province: null,
          federationName: 'Liên đoàn Lao động tỉnh (tỉnh của bài 001, bài viết không nêu tên)',
        }
      : {
          code: provinceCode(name),
          province: name,
          federationName: federationName(name, CITIES_BEFORE_2025.has(name)),
        },
  );
}

/** Reads provinces-2025.tsv (copied from shared/) into the 34 mergers of 1 July 2025. */
export function provinceMergers(): ProvinceMerger[] {
  const text = readFileSync(join(__dirname, '..', 'data', 'provinces-2025.tsv'), 'utf8');
  const rows = text
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('#'))
    .slice(1)
    .map((line) => line.split('\t'));
  return rows.map(([nameAfter, type, formedFrom]) => {
    const sources = formedFrom.split(',').map((s) => s.trim());
    // A unit listed alone continues even when renamed (Thừa Thiên Huế becomes Huế).
    const continuing = sources.length === 1 ? sources[0] : sources.find((s) => s === nameAfter);
    if (!continuing) {
      throw new Error(`No continuing province for ${nameAfter}`);
    }
    const isCity = type === 'city';
    return {
      nameAfter,
      isCity,
      continuingCode: provinceCode(continuing),
      federationNameAfter: federationName(nameAfter, isCity),
      closingCodes: sources.filter((s) => s !== continuing).map(provinceCode),
    };
  });
}
