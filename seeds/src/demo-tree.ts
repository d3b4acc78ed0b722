import { type Agency, initials, PROVINCIAL_AGENCIES } from './agencies';
import { provinceMergers, provincesBefore2025 } from './provinces';
import {
  assumption,
  cite,
  HISTORY_START,
  HISTORY_START_NOTE,
  MERGER_DAY,
  MERGER_NOTE,
  SOURCES,
} from './sources';
import { dayBetween, seededRandom } from './random';
import type { SeedTree, SeedUnit, TreeEvent } from './types';

/** A provincial public-servant union of the source documents and the grassroots unions seeded under it. */
interface PublicServantUnion {
  code: string;
  provinceCode: string;
  /** Province name used in the grassroots unions' names; null where the article does not name it. */
  province: string | null;
  name: string;
  provenance: string;
  grassroots: number;
  grassrootsProvenance: string;
  closingProvenance: string;
}

const PUBLIC_SERVANT_UNIONS: PublicServantUnion[] = [
  {
    code: 'QN-CDVC',
    provinceCode: 'QN',
    province: 'Quảng Ninh',
    name: 'Công đoàn Viên chức tỉnh Quảng Ninh',
    provenance: cite(SOURCES.qnCdvc2022, 'Công đoàn Viên chức tỉnh Quảng Ninh tổ chức hội nghị tổng kết'),
    grassroots: 55,
    grassrootsProvenance: cite(SOURCES.qnCdvc2022, 'Công đoàn Viên chức tỉnh hiện có 55 công đoàn cơ sở'),
    closingProvenance: assumption(
      'public-servant unions were dissolved in 2025 (VGCL dispatch 4173/TLĐ-ToC); no closing date is published, 1 July 2025 is assumed',
    ),
  },
  {
    code: 'P001-CDVC',
    provinceCode: 'P001',
    province: null,
    name: 'Công đoàn Viên chức tỉnh (tỉnh của bài 001, bài viết không nêu tên)',
    provenance: cite(SOURCES.p001Cdvc2024, 'Hội nghị do Công đoàn Viên chức tỉnh tổ chức'),
    grassroots: 54,
    grassrootsProvenance: cite(SOURCES.p001Cdvc2024, '54 đại diện các công đoàn cơ sở trực thuộc'),
    closingProvenance: assumption(
      'public-servant unions were dissolved in 2025 (VGCL dispatch 4173/TLĐ-ToC); no closing date is published, 1 July 2025 is assumed',
    ),
  },
  {
    code: 'TB-CDVC',
    provinceCode: 'TB',
    province: 'Thái Bình',
    name: 'Công đoàn Viên chức tỉnh Thái Bình',
    provenance: cite(SOURCES.thaiBinhCdvc2020, 'Công đoàn Viên chức tỉnh triển khai nhiệm vụ năm 2021'),
    grassroots: 36,
    grassrootsProvenance: assumption('the article gives no number of grassroots unions; 36 are seeded'),
    closingProvenance: assumption(
      'public-servant unions were dissolved in 2025 (VGCL dispatch 4173/TLĐ-ToC); no closing date is published, 1 July 2025 is assumed',
    ),
  },
  {
    code: 'HT-CDVC',
    provinceCode: 'HT',
    province: 'Hà Tĩnh',
    name: 'Công đoàn Viên chức tỉnh Hà Tĩnh',
    provenance: cite(SOURCES.haTinhCdvc2021, 'Công đoàn Viên chức tỉnh Hà Tĩnh đã tập trung thực hiện tốt'),
    grassroots: 48,
    grassrootsProvenance: assumption('the article gives no number of grassroots unions; 48 are seeded'),
    closingProvenance:
      'DOMAIN.md: Hà Tĩnh, from 1 July 2025, its 15 upper-level unions closed and their grassroots unions closed or moved under LĐLĐ tỉnh Hà Tĩnh',
  },
];

const NATIONAL: SeedUnit = {
  code: 'VN',
  name: 'Tổng Liên đoàn Lao động Việt Nam',
  kind: 'NATIONAL_FEDERATION',
  parentCode: null,
  validFrom: '1929-07-28',
  provenance: assumption('founding day of Công đoàn Việt Nam (28 July 1929); the documents give no date'),
};

function provinceProvenance(code: string): string {
  switch (code) {
    case 'QN':
      return cite(SOURCES.qnCdvc2022, 'Tô Xuân Thao, Chủ tịch LĐLĐ tỉnh');
    case 'P001':
      return `${cite(SOURCES.p001Cdvc2024, 'Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh')}; ${assumption(
        'the article does not name the province; it is placed where Bình Định stands in provinces-2025.tsv',
      )}`;
    case 'TH':
      return cite(SOURCES.thanhHoa2022, 'Chủ tịch LĐLĐ tỉnh Thanh Hóa Vũ Mạnh Sơn');
    case 'TB':
      return cite(SOURCES.thaiBinhCdvc2020, 'Công đoàn Thái Bình: Tích cực đổi mới, sáng tạo');
    case 'HT':
      return cite(SOURCES.haTinhCdvc2021, 'Phó Chủ tịch LĐLĐ tỉnh Ngô Đình Vân');
    default:
      return `provinces-2025.tsv; ${HISTORY_START_NOTE}`;
  }
}

function grassrootsName(agency: Agency, province: string | null): string {
  if (!province) {
    return `Công đoàn cơ sở ${agency.name}`;
  }
  // "Thanh tra tỉnh Quảng Ninh", "Tỉnh đoàn Quảng Ninh", but "Sở Tài chính tỉnh Quảng Ninh".
  const suffix = /(^|\s)tỉnh(\s|$)/i.test(agency.name) ? ` ${province}` : ` tỉnh ${province}`;
  return `Công đoàn cơ sở ${agency.name}${suffix}`;
}

function grassrootsUnder(union: PublicServantUnion): Array<SeedUnit & { stateFunded: boolean }> {
  const used = new Set<string>();
  return PROVINCIAL_AGENCIES.slice(0, union.grassroots).map((agency) => {
    let code = `${union.code}-${initials(agency.name)}`;
    for (let n = 2; used.has(code); n++) {
      code = `${union.code}-${initials(agency.name)}${n}`;
    }
    used.add(code);
    return {
      code,
      name: grassrootsName(agency, union.province),
      kind: 'GRASSROOTS_UNION',
      parentCode: union.code,
      validFrom: HISTORY_START,
      provenance: `${union.grassrootsProvenance}; ${assumption('the agency behind this union is synthetic')}`,
      stateFunded: agency.stateFunded,
    };
  });
}

/** Other units named in the documents, one of each intermediate kind. */
function otherUnits(): SeedUnit[] {
  return [
    {
      code: 'TB-TIENHAI',
      name: 'Liên đoàn Lao động huyện Tiền Hải',
      kind: 'DISTRICT_FEDERATION',
      parentCode: 'TB',
      validFrom: HISTORY_START,
      provenance: cite(
        SOURCES.thaiBinhCdvc2020,
        'Liên đoàn Lao động huyện Tiền Hải: Phát động tháng công nhân năm 2024',
      ),
    },
    {
      code: 'TB-TIENHAI-HONGXI',
      name: 'Công đoàn cơ sở Công ty TNHH Hongxi Technology Việt Nam',
      kind: 'GRASSROOTS_UNION',
      parentCode: 'TB-TIENHAI',
      validFrom: '2024-07-10',
      provenance: cite(
        SOURCES.thaiBinhCdvc2020,
        'Tiền Hải: Thành lập Công đoàn cơ sở Công ty TNHH Hongxi Technology Việt Nam 10.07.2024',
      ),
    },
    {
      code: 'TB-GD',
      name: 'Công đoàn ngành Giáo dục tỉnh Thái Bình',
      kind: 'SECTORAL_UNION',
      parentCode: 'TB',
      validFrom: HISTORY_START,
      provenance: cite(
        SOURCES.thaiBinhCdvc2020,
        'Công đoàn ngành giáo dục: Triển khai Nghị quyết số 06-NQ/TU',
      ),
    },
    {
      code: 'HY-TIENHAI',
      name: 'Công đoàn xã Tiền Hải',
      kind: 'COMMUNE_UNION',
      parentCode: 'HY',
      validFrom: '2025-07-01',
      provenance: assumption(
        'commune unions replaced the district federations on 1 July 2025; this one is illustrative',
      ),
    },
    {
      code: 'TH-KKT',
      name: 'Công đoàn Khu kinh tế Nghi Sơn và các khu công nghiệp tỉnh Thanh Hóa',
      kind: 'INDUSTRIAL_ZONE_UNION',
      parentCode: 'TH',
      validFrom: HISTORY_START,
      provenance: assumption('an industrial-zone union of Thanh Hóa, seeded to show the kind'),
    },
  ];
}

const INDUSTRIES = [
  'May mặc',
  'Giày da',
  'Xi măng',
  'Thép',
  'Điện tử',
  'Chế biến gỗ',
  'Thủy sản',
  'Dược phẩm',
  'Cơ khí',
  'Bao bì',
  'Thực phẩm',
  'Nhựa',
];
const PLACES = [
  'Nghi Sơn',
  'Lam Sơn',
  'Bỉm Sơn',
  'Sầm Sơn',
  'Hà Trung',
  'Quảng Xương',
  'Đông Sơn',
  'Thọ Xuân',
  'Như Thanh',
  'Hoằng Hóa',
  'Nông Cống',
  'Yên Định',
  'Vĩnh Lộc',
];

/** The 155 grassroots unions founded in Thanh Hóa in 2022 (source 002), in synthetic enterprises. */
export function thanhHoaNewGrassroots(): SeedUnit[] {
  const random = seededRandom(2022);
  return Array.from({ length: 155 }, (_, i) => {
    const industry = INDUSTRIES[i % INDUSTRIES.length];
    const place = PLACES[Math.floor(i / INDUSTRIES.length) % PLACES.length];
    return {
      code: `TH-CS${String(i + 1).padStart(3, '0')}`,
      name: `Công đoàn cơ sở Công ty TNHH ${industry} ${place}`,
      kind: 'GRASSROOTS_UNION' as const,
      // Enterprises in the economic zone join its union; the others report to the province federation.
      parentCode: i < 60 ? 'TH-KKT' : 'TH',
      validFrom: dayBetween('2022-01-05', '2022-10-31', random),
      provenance: `${cite(SOURCES.thanhHoa2022, 'thành lập được 155 CĐCS (đạt 258,3% kế hoạch Tổng Liên đoàn giao)')}; ${assumption('the enterprises are synthetic')}`,
    };
  });
}

/** The whole demo tree: 2008-2025 as the documents describe it, then the restructuring of 1 July 2025. */
export function demoTree(): SeedTree {
  const provinces = provincesBefore2025();
  const mergers = provinceMergers();
  const successorOf = new Map<string, string>();
  for (const merger of mergers) {
    for (const code of merger.closingCodes) {
      successorOf.set(code, merger.continuingCode);
    }
  }

  const units: SeedUnit[] = [NATIONAL];
  const events: TreeEvent[] = [];
  for (const province of provinces) {
    units.push({
      code: province.code,
      name: province.federationName,
      kind: 'PROVINCIAL_FEDERATION',
      parentCode: 'VN',
      validFrom: HISTORY_START,
      provenance: provinceProvenance(province.code),
    });
  }
  units.push(...otherUnits(), ...thanhHoaNewGrassroots());

  // District federations ended on 1 July 2025; their grassroots unions went to the new commune unions.
  events.push(
    {
      op: 'move',
      code: 'TB-TIENHAI-HONGXI',
      parentCode: 'HY-TIENHAI',
      date: MERGER_DAY,
      provenance: assumption('the company lies in the new commune of Tiền Hải'),
    },
    {
      op: 'close',
      code: 'TB-TIENHAI',
      date: MERGER_DAY,
      successorCode: 'HY-TIENHAI',
      provenance: `${MERGER_NOTE}: district federations ended`,
    },
  );

  for (const union of PUBLIC_SERVANT_UNIONS) {
    units.push({
      code: union.code,
      name: union.name,
      kind: 'PUBLIC_SERVANT_UNION',
      parentCode: union.provinceCode,
      validFrom: HISTORY_START,
      provenance: `${union.provenance}; ${HISTORY_START_NOTE}`,
    });
    // The moved grassroots unions go to the federation that holds the province from 1 July 2025.
    const receiving = successorOf.get(union.provinceCode) ?? union.provinceCode;
    for (const grassroots of grassrootsUnder(union)) {
      const { stateFunded, ...unit } = grassroots;
      units.push(unit);
      events.push(
        stateFunded
          ? {
              op: 'close',
              code: unit.code,
              date: MERGER_DAY,
              provenance: `${union.closingProvenance}; ${assumption('the agency is paid fully by the state budget, so its union closed')}`,
            }
          : {
              op: 'move',
              code: unit.code,
              parentCode: receiving,
              date: MERGER_DAY,
              provenance: `${union.closingProvenance}; ${assumption('the unit is not paid fully by the state budget, so its union moved intact')}`,
            },
      );
    }
    events.push({
      op: 'close',
      code: union.code,
      date: MERGER_DAY,
      successorCode: receiving,
      provenance: union.closingProvenance,
    });
  }

  for (const merger of mergers) {
    if (merger.closingCodes.length > 0) {
      events.push({
        op: 'merge',
        sourceCodes: merger.closingCodes,
        targetCode: merger.continuingCode,
        date: MERGER_DAY,
        provenance: `${MERGER_NOTE}: ${merger.nameAfter}`,
      });
    }
    const current = units.find((unit) => unit.code === merger.continuingCode);
    if (current && current.name !== merger.federationNameAfter) {
      events.push({
        op: 'rename',
        code: merger.continuingCode,
        name: merger.federationNameAfter,
        date: MERGER_DAY,
        provenance: `${MERGER_NOTE}: ${merger.nameAfter}`,
      });
    }
  }
  return { units, events };
}
