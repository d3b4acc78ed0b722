import { MILLION, grassrootsOf, awardsTo, membersOf } from './helpers';
import { assumption, cite, SOURCES } from '../sources';
import { demoTree } from '../demo-tree';
import type {
  SeedActivity,
  SeedAward,
  SeedCluster,
  SeedCongressTerm,
  SeedMember,
  SeedOfficer,
  SeedTarget,
  SourceDocument,
} from '../types';

/**
 * Every fact the platform takes from source document 002 (LĐLĐ tỉnh Thanh Hóa, tổng kết 2022), each
 * with its provenance: check this file against the article alone.
 */

function activities(): SeedActivity[] {
  const on = '2022-11-25';
  const s = SOURCES.thanhHoa2022;
  return [
    {
      unitCode: 'TH',
      kind: 'TOTAL_CARE',
      occurredOn: on,
      amount: 397_600n * MILLION,
      note: 'tổng số tiền, hàng hóa chăm lo, hỗ trợ đoàn viên, CNVCLĐ vượt qua đại dịch Covid-19',
      provenance: cite(s, 'với tổng số tiền, hàng hóa trị giá 397,6 tỷ đồng'),
    },
    {
      unitCode: 'TH',
      kind: 'INITIATIVE',
      occurredOn: on,
      quantity: 170_234,
      programmeCode: 'MOT-TRIEU-SANG-KIEN',
      programmePhase: 1,
      provenance: cite(s, 'kết thúc giai đoạn 1, tỉnh Thanh Hoá dẫn đầu toàn quốc với 170.234 sáng kiến'),
    },
    {
      unitCode: 'TH',
      kind: 'OTHER',
      occurredOn: on,
      quantity: 266_852,
      programmeCode: 'MOT-TRIEU-SANG-KIEN',
      programmePhase: 2,
      note: 'lượt tham gia sáng kiến (giai đoạn 2, đến 25/11/2022)',
      provenance: cite(
        s,
        'Giai đoạn 2, tính đến ngày 25/11/2022, Thanh Hóa tiếp tục là đơn vị dẫn đầu toàn quốc với 266.852 lượt tham gia sáng kiến',
      ),
    },
    {
      unitCode: 'TH',
      kind: 'PARTY_REFERRAL',
      occurredOn: on,
      quantity: 3_897,
      provenance: cite(s, 'giới thiệu 3.897 đoàn viên ưu tú cho Đảng bồi dưỡng'),
    },
    {
      unitCode: 'TH',
      kind: 'PARTY_ADMISSION',
      occurredOn: on,
      quantity: 2_312,
      provenance: cite(s, 'trong đó có 2.312 đoàn viên được kết nạp vào Đảng'),
    },
  ];
}
function awards(random: () => number): SeedAward[] {
  const split = assumption('the article does not split the awards by kind or issuer; this split is assumed');
  const th = [...grassrootsOf('TH'), ...grassrootsOf('TH-KKT'), 'TH-KKT'];
  const s2 = SOURCES.thanhHoa2022;
  return [
    ...awardsTo(
      8,
      th,
      {
        kind: 'EMULATION_FLAG',
        issuerCode: 'VN',
        collective: true,
        awardedOn: '2022-11-25',
        provenance: `${cite(s2, '158 tập thể, 273 cá nhân ... nhận Cờ thi đua, Bằng khen của Tổng LĐLĐ Việt Nam, Ủy ban nhân dân tỉnh và LĐLĐ tỉnh')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      40,
      th,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'VN',
        collective: true,
        awardedOn: '2022-11-25',
        provenance: `${cite(s2, '158 tập thể, 273 cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      70,
      th,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'VN',
        collective: false,
        awardedOn: '2022-11-25',
        provenance: `${cite(s2, '158 tập thể, 273 cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      50,
      th,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerName: 'Ủy ban nhân dân tỉnh Thanh Hóa',
        collective: true,
        awardedOn: '2022-11-25',
        provenance: `${cite(s2, '158 tập thể, 273 cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      100,
      th,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerName: 'Ủy ban nhân dân tỉnh Thanh Hóa',
        collective: false,
        awardedOn: '2022-11-25',
        provenance: `${cite(s2, '158 tập thể, 273 cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      60,
      th,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'TH',
        collective: true,
        awardedOn: '2022-11-25',
        provenance: `${cite(s2, '158 tập thể, 273 cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      103,
      th,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'TH',
        collective: false,
        awardedOn: '2022-11-25',
        provenance: `${cite(s2, '158 tập thể, 273 cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      25,
      th,
      {
        kind: 'CREATIVE_LABOUR_CERTIFICATE',
        issuerCode: 'VN',
        collective: false,
        awardedOn: '2022-11-25',
        provenance: cite(s2, 'Tổng LĐLĐ Việt Nam tặng Bằng Lao động sáng tạo cho 25 cá nhân'),
      },
      random,
    ),
    {
      kind: 'CERTIFICATE_OF_MERIT',
      issuerCode: 'VN',
      unitCode: 'TH',
      collective: true,
      awardedOn: '2022-11-25',
      reason: 'dẫn đầu toàn quốc giai đoạn 1 Chương trình “1 triệu sáng kiến”',
      provenance: cite(
        s2,
        'tỉnh Thanh Hoá dẫn đầu toàn quốc với 170.234 sáng kiến và được Tổng LĐLĐ Việt Nam tặng Bằng khen',
      ),
    },
    ...awardsTo(
      76,
      th,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'TH',
        collective: false,
        awardedOn: '2022-11-25',
        reason: '“Công nhân giỏi xứ Thanh”, “CCVC, NLĐ tiêu biểu xứ Thanh” năm 2022',
        provenance: cite(s2, 'tặng Bằng khen và trao biểu trưng cho 76 cá nhân xuất sắc tiêu biểu'),
      },
      random,
    ),
  ];
}
function targets(): SeedTarget[] {
  const derived = assumption(
    'the article gives the achievement, not the plan; the plan is derived from the percentage',
  );
  const s2 = SOURCES.thanhHoa2022;
  return [
    {
      unitCode: 'TH',
      year: 2022,
      metric: 'newMembers',
      value: 30_024n,
      setByCode: 'VN',
      provenance: `${cite(s2, 'phát triển 32.215 đoàn viên (đạt 107,3% kế hoạch Tổng Liên đoàn giao)')}; ${derived}`,
    },
    {
      unitCode: 'TH',
      year: 2022,
      metric: 'newGrassrootsUnits',
      value: 60n,
      setByCode: 'VN',
      provenance: `${cite(s2, 'thành lập được 155 CĐCS (đạt 258,3% kế hoạch Tổng Liên đoàn giao)')}; ${derived}`,
    },
    {
      unitCode: 'TH',
      year: 2022,
      metric: 'partyAdmissions',
      value: 1_988n,
      setByCode: 'VN',
      provenance: `${cite(s2, '2.312 đoàn viên được kết nạp vào Đảng (đạt 116,3 kế hoạch Tổng Liên đoàn)')}; ${derived}`,
    },
  ];
}
function members(): SeedMember[] {
  const synthetic = assumption('the members are synthetic; their number is the article’s');
  const thUnits = demoTree().units.filter((unit) => unit.code.startsWith('TH-CS'));
  const thStart = new Map(thUnits.map((unit) => [unit.code, unit.validFrom]));
  return [
    ...membersOf(
      thUnits.map((unit) => unit.code),
      32_215,
      '2022-01-05',
      '2022-11-25',
      4,
      `${cite(SOURCES.thanhHoa2022, 'toàn tỉnh đã phát triển 32.215 đoàn viên')}; ${synthetic}`,
      thStart,
    ),
  ];
}
function officers(): SeedOfficer[] {
  const attested = assumption('the article attests the office on its date only');
  return [
    {
      unitCode: 'TH',
      fullName: 'Vũ Mạnh Sơn',
      role: 'CHAIR',
      termFrom: '2022-11-25',
      termTo: '2022-11-25',
      provenance: `${cite(SOURCES.thanhHoa2022, 'Chủ tịch LĐLĐ tỉnh Thanh Hóa Vũ Mạnh Sơn')}; ${attested}`,
    },
  ];
}
function congressTerms(): SeedCongressTerm[] {
  return [
    {
      unitCode: 'VN',
      number: 'XIII',
      fromYear: 2023,
      toYear: 2028,
      provenance: cite(
        SOURCES.thanhHoa2022,
        'tiến tới Đại hội XX Công đoàn Thanh Hóa và Đại hội XIII Công đoàn Việt Nam',
      ),
    },
    {
      unitCode: 'TH',
      number: 'XX',
      fromYear: 2023,
      toYear: 2028,
      provenance: cite(
        SOURCES.thanhHoa2022,
        'Công đoàn tỉnh Thanh Hóa sẽ tiến hành Đại hội lần thứ XX, nhiệm kỳ 2023-2028',
      ),
    },
  ];
}
function clusters(): SeedCluster[] {
  const membership = assumption(
    'the cluster is taken to be the six North Central provinces; its membership is not in the article',
  );
  return [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => ({
    code: 'CUM-BAC-TRUNG-BO',
    name: 'Cụm thi đua các tỉnh Bắc Trung bộ',
    year,
    unitCodes: year < 2025 ? ['TH', 'NA', 'HT', 'QB', 'QT', 'TTH'] : ['TH', 'NA', 'HT', 'QT', 'TTH'],
    provenance: `${cite(SOURCES.thanhHoa2022, 'LĐLĐ tỉnh Thanh Hóa cũng được Cụm thi đua các tỉnh Bắc Trung bộ tôn vinh là đơn vị dẫn đầu')}; ${membership}`,
  }));
}

export const thanhHoa2022: SourceDocument = {
  file: SOURCES.thanhHoa2022,
  activities,
  awards,
  targets,
  members,
  officers,
  congressTerms,
  clusters,
};
