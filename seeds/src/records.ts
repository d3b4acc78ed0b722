import type { ActivityKind, AwardKind, Gender, OfficerRole, Qualifier, Rating } from '@cdvn/domain';

import { demoTree } from './demo-tree';
import { dayBetween, seededRandom, splitExactly, vietnameseName } from './random';
import { assumption, cite, SOURCES } from './sources';

/**
 * The records of the five source documents, each with its provenance, and the synthetic members and
 * shares that make the articles' totals add up exactly.
 */

export interface SeedProgramme {
  code: string;
  name: string;
  launchedByCode: string | null;
  provenance: string;
}

export interface SeedActivity {
  unitCode: string;
  kind: ActivityKind;
  occurredOn: string;
  quantity?: number;
  amount?: bigint;
  quantityQualifier?: Qualifier;
  amountQualifier?: Qualifier;
  programmeCode?: string;
  programmePhase?: number;
  note?: string;
  provenance: string;
}

export interface SeedAward {
  kind: AwardKind;
  issuerCode?: string;
  issuerName?: string;
  unitCode: string;
  collective: boolean;
  recipientName?: string;
  awardedOn: string;
  forYear?: number;
  reason?: string;
  provenance: string;
}

export interface SeedTarget {
  unitCode: string;
  year: number;
  metric: string;
  value: bigint;
  setByCode: string;
  provenance: string;
}

export interface SeedRating {
  unitCode: string;
  year: number;
  rating: Rating;
  provenance: string;
}

export interface SeedMember {
  fullName: string;
  gender: Gender;
  birthDate: string;
  cardNumber: string;
  unitCode: string;
  joinedOn: string;
  provenance: string;
}

export interface SeedOfficer {
  unitCode: string;
  fullName: string;
  role: OfficerRole;
  termFrom: string;
  termTo: string | null;
  provenance: string;
}

export interface SeedCongressTerm {
  unitCode: string;
  number: string | null;
  fromYear: number;
  toYear: number;
  provenance: string;
}

export interface SeedTheme {
  unitCode: string;
  year: number;
  theme: string;
  provenance: string;
}

export interface SeedCluster {
  code: string;
  name: string;
  year: number;
  unitCodes: string[];
  provenance: string;
}

export interface SeedRecords {
  programmes: SeedProgramme[];
  activities: SeedActivity[];
  awards: SeedAward[];
  targets: SeedTarget[];
  ratings: SeedRating[];
  members: SeedMember[];
  officers: SeedOfficer[];
  congressTerms: SeedCongressTerm[];
  themes: SeedTheme[];
  clusters: SeedCluster[];
}

const MILLION = 1_000_000n;
const BILLION = 1_000_000_000n;

function grassrootsOf(parentCode: string): string[] {
  return demoTree()
    .units.filter((unit) => unit.parentCode === parentCode && unit.kind === 'GRASSROOTS_UNION')
    .map((unit) => unit.code);
}

const PROGRAMMES: SeedProgramme[] = [
  {
    code: 'MOT-TRIEU-SANG-KIEN',
    name: '1 triệu sáng kiến - nỗ lực vượt khó, sáng tạo, quyết tâm chiến thắng đại dịch Covid-19',
    launchedByCode: 'VN',
    provenance: cite(
      SOURCES.qnCdvc2022,
      'Chương trình “1 triệu sáng kiến ...” do Tổng LĐLĐ Việt Nam phát động',
    ),
  },
  {
    code: 'PHUC-LOI-DOAN-VIEN',
    name: 'Chương trình Phúc lợi cho đoàn viên công đoàn',
    launchedByCode: 'VN',
    provenance: `${cite(SOURCES.qnCdvc2022, 'chương trình Phúc lợi cho đoàn viên công đoàn')}; ${assumption('launched by VN')}`,
  },
  {
    code: 'TET-SUM-VAY',
    name: 'Tết sum vầy - Xuân ấm tình công đoàn',
    launchedByCode: 'VN',
    provenance: `${cite(SOURCES.p001Cdvc2024, 'Chương trình “Tết sum vầy - Xuân ấm tình công đoàn”')}; ${assumption('launched by VN')}`,
  },
  {
    code: 'CHO-TET-CONG-DOAN',
    name: 'Chợ Tết công đoàn',
    launchedByCode: 'VN',
    provenance: cite(
      SOURCES.p001Cdvc2024,
      'Chương trình “Chợ Tết công đoàn” qua sàn giao dịch điện tử do Tổng Liên đoàn Lao động Việt Nam hỗ trợ',
    ),
  },
];

function qnCdvc2022(): SeedActivity[] {
  const on = '2022-12-21';
  const s = SOURCES.qnCdvc2022;
  return [
    {
      unitCode: 'QN-CDVC',
      kind: 'WELFARE',
      occurredOn: on,
      quantity: 15_589,
      amount: BILLION,
      amountQualifier: 'hơn',
      programmeCode: 'PHUC-LOI-DOAN-VIEN',
      provenance: cite(
        s,
        'chương trình Phúc lợi cho đoàn viên công đoàn với 15.589 lượt người tham gia, số tiền hưởng lợi hơn 1 tỷ đồng',
      ),
    },
    {
      unitCode: 'QN-CDVC',
      kind: 'SUPPORT',
      occurredOn: on,
      quantity: 1_000,
      quantityQualifier: 'gần',
      amount: 740n * MILLION,
      provenance: cite(s, 'thăm hỏi gần 1.000 lượt người với số tiền 740 triệu đồng'),
    },
    {
      unitCode: 'QN-CDVC',
      kind: 'UNION_HOME',
      occurredOn: on,
      quantity: 2,
      amount: 500n * MILLION,
      provenance: cite(s, 'hỗ trợ xây 2 Mái ấm công đoàn trị giá 500 triệu đồng'),
    },
    {
      unitCode: 'QN-CDVC',
      kind: 'INITIATIVE',
      occurredOn: on,
      quantity: 525,
      programmeCode: 'MOT-TRIEU-SANG-KIEN',
      provenance: cite(s, 'Đến nay đã có 525 sáng kiến tham gia Chương trình “1 triệu sáng kiến'),
    },
    {
      unitCode: 'QN-CDVC',
      kind: 'WORKER_CONFERENCE',
      occurredOn: on,
      quantity: 55,
      note: '100% đơn vị tổ chức hội nghị người lao động',
      provenance: cite(s, 'tổ chức hội nghị người lao động ở 100% đơn vị'),
    },
  ];
}

function p001Cdvc2024(): SeedActivity[] {
  const on = '2024-12-10';
  const s = SOURCES.p001Cdvc2024;
  return [
    {
      unitCode: 'P001-CDVC',
      kind: 'SUPPORT',
      occurredOn: on,
      amount: 464n * MILLION,
      note: 'thăm hỏi, động viên đoàn viên ốm đau, hoạn nạn',
      provenance: cite(s, 'thăm hỏi, động viên đoàn viên ốm đau, hoạn nạn với số tiền 464 triệu đồng'),
    },
    {
      unitCode: 'P001-CDVC',
      kind: 'GIFT',
      occurredOn: on,
      quantity: 363,
      amount: 186_500_000n,
      programmeCode: 'TET-SUM-VAY',
      note: '“Tết sum vầy - Xuân ấm tình công đoàn” và “Những món quà từ Đại hội”',
      provenance: cite(s, 'trao tặng 363 suất quà ... với tổng giá trị là 186,5 triệu đồng'),
    },
    {
      unitCode: 'P001-CDVC',
      kind: 'OTHER',
      occurredOn: on,
      quantity: 50,
      amount: 15n * MILLION,
      programmeCode: 'CHO-TET-CONG-DOAN',
      note: 'hướng dẫn đoàn viên tham gia Chợ Tết công đoàn',
      provenance: cite(
        s,
        'hướng dẫn 50 đoàn viên tham gia Chương trình “Chợ Tết công đoàn” ... với số tiền 15 triệu đồng',
      ),
    },
    {
      unitCode: 'P001-CDVC',
      kind: 'CHARITY',
      occurredOn: on,
      amount: 203n * MILLION,
      amountQualifier: 'gần',
      note: 'Quỹ Tấm Lòng Vàng',
      provenance: cite(s, 'đóng góp gần 203 triệu đồng cho Quỹ Tấm Lòng Vàng'),
    },
    {
      unitCode: 'P001-CDVC',
      kind: 'CHARITY',
      occurredOn: on,
      amount: 1_600n * MILLION,
      amountQualifier: 'hơn',
      note: 'Quỹ Vì người nghèo, Quỹ Đền ơn đáp nghĩa',
      provenance: cite(s, 'hơn 1,6 tỉ đồng cho Quỹ Vì người nghèo, Quỹ Đền ơn đáp nghĩa'),
    },
    {
      unitCode: 'P001-CDVC',
      kind: 'CHARITY',
      occurredOn: on,
      amount: 1_500n * MILLION,
      amountQualifier: 'hơn',
      note: 'đồng bào miền Bắc bị ảnh hưởng do cơn bão số 3',
      provenance: cite(s, 'hỗ trợ hơn 1,5 tỉ đồng cho đồng bào miền Bắc bị ảnh hưởng do cơn bão số 3'),
    },
  ];
}

function thanhHoa2022(): SeedActivity[] {
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

function haTinhCdvc2021(): SeedActivity[] {
  const on = '2021-12-31';
  const s = SOURCES.haTinhCdvc2021;
  const random = seededRandom(2021);
  const grassroots = grassrootsOf('HT-CDVC');
  const cases = splitExactly(960, grassroots.length, random);
  const amounts = splitExactly(1_000, grassroots.length, random);
  const note = assumption(
    'the article gives only the total of the grassroots unions; it is split among them',
  );
  return [
    {
      unitCode: 'HT-CDVC',
      kind: 'SUPPORT',
      occurredOn: on,
      quantity: 200,
      quantityQualifier: 'trên',
      amount: 150n * MILLION,
      amountQualifier: 'trên',
      provenance: cite(
        s,
        'hỗ trợ, động viên trên 200 đoàn viên, người lao động có hoàn cảnh khó khăn, bị bệnh hiểm nghèo với số tiền trên 150 triệu đồng',
      ),
    },
    ...grassroots.map((code, i): SeedActivity => ({
      unitCode: code,
      kind: 'SUPPORT',
      occurredOn: on,
      quantity: cases[i],
      amount: BigInt(amounts[i]) * MILLION,
      amountQualifier: 'gần',
      provenance: `${cite(s, 'công đoàn cơ sở phối hợp với chuyên môn hỗ trợ 960 lượt đoàn viên với số tiền gần 1 tỷ đồng')}; ${note}`,
    })),
    {
      unitCode: 'HT-CDVC',
      kind: 'GIFT',
      occurredOn: on,
      quantity: 680,
      amount: 400n * MILLION,
      amountQualifier: 'trên',
      note: 'suất quà, nhu yếu phẩm',
      provenance: cite(s, 'hỗ trợ 680 suất quà, nhu yếu phẩm trị giá trên 400 triệu đồng'),
    },
    {
      unitCode: 'HT-CDVC',
      kind: 'CHARITY',
      occurredOn: on,
      amount: 1_100n * MILLION,
      note: 'ủng hộ phòng, chống dịch COVID-19 qua Ủy ban MTTQ tỉnh',
      provenance: cite(s, 'ủng hộ công tác phòng, chống dịch COVID-19 1,1 tỷ đồng'),
    },
    {
      unitCode: 'HT-CDVC',
      kind: 'CHARITY',
      occurredOn: on,
      amount: 800n * MILLION,
      note: '15 tấn gạo, nhu yếu phẩm và hơn 5.000 suất cơm',
      provenance: cite(
        s,
        'hỗ trợ 15 tấn gạo, nhu yếu phẩm và tặng hơn 5.000 suất cơm với tổng trị giá 800 triệu đồng',
      ),
    },
  ];
}

/** Awards to `count` recipients among `units` (cycling), collective or individual. */
function awardsTo(
  count: number,
  units: string[],
  base: Omit<SeedAward, 'unitCode' | 'recipientName'>,
  random: () => number,
): SeedAward[] {
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    unitCode: units[i % units.length],
    ...(base.collective ? {} : { recipientName: vietnameseName(random).fullName }),
  }));
}

function awards(): SeedAward[] {
  const random = seededRandom(7);
  const split = assumption('the article does not split the awards by kind or issuer; this split is assumed');
  const qn = grassrootsOf('QN-CDVC');
  const p001 = grassrootsOf('P001-CDVC');
  const th = [...grassrootsOf('TH'), ...grassrootsOf('TH-KKT'), 'TH-KKT'];
  const tb = grassrootsOf('TB-CDVC');
  const ht = grassrootsOf('HT-CDVC');
  const s0 = SOURCES.qnCdvc2022;
  const s1 = SOURCES.p001Cdvc2024;
  const s2 = SOURCES.thanhHoa2022;
  const s3 = SOURCES.thaiBinhCdvc2020;
  const s4 = SOURCES.haTinhCdvc2021;
  const tbOn = '2021-01-15';
  return [
    ...awardsTo(
      8,
      qn,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'QN',
        collective: true,
        awardedOn: '2022-12-21',
        provenance: `${cite(s0, 'LĐLĐ tỉnh đã khen thưởng cho 8 tập thể và 4 cá nhân')}; ${assumption('the kind of award is not given: Bằng khen')}`,
      },
      random,
    ),
    ...awardsTo(
      4,
      qn,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'QN',
        collective: false,
        awardedOn: '2022-12-21',
        provenance: `${cite(s0, 'LĐLĐ tỉnh đã khen thưởng cho 8 tập thể và 4 cá nhân')}; ${assumption('the kind of award is not given: Bằng khen')}`,
      },
      random,
    ),
    ...awardsTo(
      5,
      p001,
      {
        kind: 'COMMEMORATIVE_MEDAL',
        issuerCode: 'VN',
        collective: false,
        awardedOn: '2024-12-10',
        provenance: cite(
          s1,
          'trao tặng Kỷ niệm chương Vì sự nghiệp xây dựng tổ chức công đoàn của Tổng Liên đoàn Lao động Việt Nam cho 5 cá nhân',
        ),
      },
      random,
    ),
    ...awardsTo(
      54,
      p001,
      {
        kind: 'LETTER_OF_COMMENDATION',
        issuerCode: 'P001-CDVC',
        collective: true,
        awardedOn: '2024-12-10',
        provenance: cite(s1, 'tặng giấy khen của Công đoàn Viên chức tỉnh cho 54 tập thể, 144 cá nhân'),
      },
      random,
    ),
    ...awardsTo(
      2,
      ['P001-CDVC-SKHCN'],
      {
        kind: 'LETTER_OF_COMMENDATION',
        issuerCode: 'P001-CDVC',
        collective: false,
        awardedOn: '2024-12-10',
        provenance: cite(
          s1,
          'Công đoàn cơ sở Sở Khoa học và Công nghệ được Công đoàn Viên chức tỉnh tặng giấy khen cho tập thể và 02 cá nhân',
        ),
      },
      random,
    ),
    ...awardsTo(
      142,
      p001.filter((code) => code !== 'P001-CDVC-SKHCN'),
      {
        kind: 'LETTER_OF_COMMENDATION',
        issuerCode: 'P001-CDVC',
        collective: false,
        awardedOn: '2024-12-10',
        provenance: cite(s1, 'tặng giấy khen của Công đoàn Viên chức tỉnh cho 54 tập thể, 144 cá nhân'),
      },
      random,
    ),
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
    ...awardsTo(
      4,
      tb,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'VN',
        collective: true,
        awardedOn: tbOn,
        forYear: 2020,
        provenance: `${cite(s3, '124 tập thể, cá nhân ... được Tổng Liên đoàn Lao động Việt Nam, Liên đoàn Lao động tỉnh, Công đoàn Viên chức tỉnh khen thưởng')}; ${split}; ${assumption('the conference date is not given: 15 January 2021')}`,
      },
      random,
    ),
    ...awardsTo(
      6,
      tb,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'VN',
        collective: false,
        awardedOn: tbOn,
        forYear: 2020,
        provenance: `${cite(s3, '124 tập thể, cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      10,
      tb,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'TB',
        collective: true,
        awardedOn: tbOn,
        forYear: 2020,
        provenance: `${cite(s3, '124 tập thể, cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      20,
      tb,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'TB',
        collective: false,
        awardedOn: tbOn,
        forYear: 2020,
        provenance: `${cite(s3, '124 tập thể, cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      25,
      tb,
      {
        kind: 'LETTER_OF_COMMENDATION',
        issuerCode: 'TB-CDVC',
        collective: true,
        awardedOn: tbOn,
        forYear: 2020,
        provenance: `${cite(s3, '124 tập thể, cá nhân')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      59,
      tb,
      {
        kind: 'LETTER_OF_COMMENDATION',
        issuerCode: 'TB-CDVC',
        collective: false,
        awardedOn: tbOn,
        forYear: 2020,
        provenance: `${cite(s3, 'Công đoàn Viên chức tỉnh tặng giấy khen cho các cá nhân có nhiều thành tích trong hoạt động công đoàn năm 2020')}; ${split}`,
      },
      random,
    ),
    ...awardsTo(
      4,
      ht,
      {
        kind: 'CREATIVE_LABOUR_CERTIFICATE',
        issuerCode: 'VN',
        collective: false,
        awardedOn: '2022-01-06',
        forYear: 2021,
        provenance: cite(s4, 'trao bằng lao động sáng tạo của Tổng LĐLĐ Việt Nam cho 4 cá nhân'),
      },
      random,
    ),
    ...awardsTo(
      19,
      ht,
      {
        kind: 'COMMEMORATIVE_MEDAL',
        issuerCode: 'VN',
        collective: false,
        awardedOn: '2022-01-06',
        forYear: 2021,
        provenance: cite(s4, 'trao kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức công đoàn” cho 19 cá nhân'),
      },
      random,
    ),
    ...awardsTo(
      5,
      ht,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'HT',
        collective: true,
        awardedOn: '2022-01-06',
        forYear: 2021,
        provenance: cite(s4, 'trao bằng khen của LĐLĐ tỉnh cho 5 tập thể và 28 cá nhân'),
      },
      random,
    ),
    ...awardsTo(
      28,
      ht,
      {
        kind: 'CERTIFICATE_OF_MERIT',
        issuerCode: 'HT',
        collective: false,
        awardedOn: '2022-01-06',
        forYear: 2021,
        provenance: cite(s4, 'trao bằng khen của LĐLĐ tỉnh cho 5 tập thể và 28 cá nhân'),
      },
      random,
    ),
    ...awardsTo(
      2,
      ht,
      {
        kind: 'TITLE',
        issuerCode: 'HT',
        collective: false,
        awardedOn: '2022-01-06',
        forYear: 2021,
        reason: '“Gia đình công nhân, viên chức, lao động tiêu biểu” giai đoạn 2016-2020',
        provenance: cite(
          s4,
          'trao chứng nhận danh hiệu “Gia đình công nhân, viên chức, lao động tiêu biểu” ... cho 2 gia đình tiêu biểu',
        ),
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
    {
      unitCode: 'HT-CDVC',
      year: 2022,
      metric: 'initiatives',
      value: 100n,
      setByCode: 'HT-CDVC',
      provenance: cite(
        SOURCES.haTinhCdvc2021,
        'Có trên 100 sáng kiến, đề tài, giải pháp hữu ích tham gia chương trình',
      ),
    },
  ];
}

function ratings(): SeedRating[] {
  const random = seededRandom(95);
  const synthetic = assumption(
    'ratings of the grassroots unions are synthetic; the article sets the target of more than 95% rated good or better',
  );
  return [
    {
      unitCode: 'QN-CDVC',
      year: 2022,
      rating: 'GOOD',
      provenance: cite(
        SOURCES.qnCdvc2022,
        'các cấp Công đoàn Viên chức tỉnh đã vượt qua mọi khó khăn, hoàn thành tốt nhiệm vụ của tổ chức',
      ),
    },
    ...grassrootsOf('P001-CDVC').map((unitCode): SeedRating => {
      const draw = random();
      return {
        unitCode,
        year: 2024,
        rating: draw < 0.3 ? 'EXCELLENT' : draw < 0.95 ? 'GOOD' : 'COMPLETED',
        provenance: synthetic,
      };
    }),
  ];
}

/** Members of `units` whose numbers add up to `count`, joining between two dates. */
function membersOf(
  units: string[],
  count: number,
  first: string,
  last: string,
  seed: number,
  provenance: string,
  unitStart?: Map<string, string>,
): SeedMember[] {
  const random = seededRandom(seed);
  const shares = splitExactly(count, units.length, random);
  return units.flatMap((unitCode, u) =>
    Array.from({ length: shares[u] }, (_, i) => {
      const person = vietnameseName(random);
      const from = unitStart?.get(unitCode) ?? first;
      return {
        ...person,
        birthDate: dayBetween('1965-01-01', '1998-12-31', random),
        cardNumber: `${unitCode}-${String(i + 1).padStart(4, '0')}`,
        unitCode,
        joinedOn: dayBetween(from > first ? from : first, last, random),
        provenance,
      };
    }),
  );
}

function members(): SeedMember[] {
  const synthetic = assumption('the members are synthetic; their number is the article’s');
  const thUnits = demoTree().units.filter((unit) => unit.code.startsWith('TH-CS'));
  const thStart = new Map(thUnits.map((unit) => [unit.code, unit.validFrom]));
  return [
    ...membersOf(
      grassrootsOf('QN-CDVC'),
      5_202,
      '2008-08-01',
      '2021-12-31',
      1,
      `${cite(SOURCES.qnCdvc2022, '55 công đoàn cơ sở với 5.202 đoàn viên')}; ${synthetic}`,
    ),
    ...membersOf(
      grassrootsOf('P001-CDVC'),
      4_429,
      '2008-08-01',
      '2023-12-31',
      2,
      `${cite(SOURCES.p001Cdvc2024, 'tổng số công đoàn viên của CĐ Viên chức tỉnh hiện là 4.535 đoàn viên')}; ${synthetic}`,
    ),
    ...membersOf(
      grassrootsOf('P001-CDVC'),
      106,
      '2024-01-02',
      '2024-12-10',
      3,
      `${cite(SOURCES.p001Cdvc2024, 'Các công đoàn cơ sở kết nạp mới 106 đoàn viên công đoàn')}; ${synthetic}`,
    ),
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

/** Officers named by the articles, in office on the article's date: the only day the article attests. */
function officers(): SeedOfficer[] {
  const attested = assumption('the article attests the office on its date only');
  return [
    {
      unitCode: 'QN',
      fullName: 'Tô Xuân Thao',
      role: 'CHAIR',
      termFrom: '2022-12-21',
      termTo: '2022-12-21',
      provenance: `${cite(SOURCES.qnCdvc2022, 'Tô Xuân Thao, Chủ tịch LĐLĐ tỉnh')}; ${attested}`,
    },
    {
      unitCode: 'P001',
      fullName: 'Lê Thị Thu Cúc',
      role: 'STANDING_VICE_CHAIR',
      termFrom: '2024-12-10',
      termTo: '2024-12-10',
      provenance: `${cite(SOURCES.p001Cdvc2024, 'Lê Thị Thu Cúc – Phó Chủ tịch Thường trực Liên đoàn Lao động tỉnh')}; ${attested}`,
    },
    {
      unitCode: 'P001-CDVC',
      fullName: 'Phan Thị Hồng Linh',
      role: 'VICE_CHAIR',
      termFrom: '2024-12-10',
      termTo: '2024-12-10',
      provenance: `${cite(SOURCES.p001Cdvc2024, 'Phan Thị Hồng Linh – Phó Chủ tịch Công đoàn Viên chức tỉnh')}; ${attested}`,
    },
    {
      unitCode: 'TH',
      fullName: 'Vũ Mạnh Sơn',
      role: 'CHAIR',
      termFrom: '2022-11-25',
      termTo: '2022-11-25',
      provenance: `${cite(SOURCES.thanhHoa2022, 'Chủ tịch LĐLĐ tỉnh Thanh Hóa Vũ Mạnh Sơn')}; ${attested}`,
    },
    {
      unitCode: 'HT-CDVC',
      fullName: 'Hà Văn Oanh',
      role: 'CHAIR',
      termFrom: '2022-01-06',
      termTo: '2022-01-06',
      provenance: `${cite(SOURCES.haTinhCdvc2021, 'Chủ tịch Công đoàn Viên chức tỉnh Hà Văn Oanh')}; ${attested}`,
    },
    {
      unitCode: 'HT',
      fullName: 'Ngô Đình Vân',
      role: 'VICE_CHAIR',
      termFrom: '2022-01-06',
      termTo: '2022-01-06',
      provenance: `${cite(SOURCES.haTinhCdvc2021, 'Phó Chủ tịch LĐLĐ tỉnh Ngô Đình Vân')}; ${attested}`,
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
    {
      unitCode: 'QN-CDVC',
      number: null,
      fromYear: 2023,
      toYear: 2028,
      provenance: cite(
        SOURCES.qnCdvc2022,
        'tập trung tổ chức Đại hội công đoàn nhiệm kỳ 2023-2028 đảm bảo đúng tiến độ',
      ),
    },
  ];
}

function themes(): SeedTheme[] {
  return [
    {
      unitCode: 'VN',
      year: 2023,
      theme: 'Tập trung phát triển đoàn viên, thành lập công đoàn cơ sở',
      provenance: cite(
        SOURCES.qnCdvc2022,
        'chủ đề công tác năm 2023 của Công đoàn “Tập trung phát triển đoàn viên, thành lập công đoàn cơ sở”',
      ),
    },
    {
      unitCode: 'VN',
      year: 2024,
      theme:
        'Tập trung đưa nghị quyết Đại hội công đoàn các cấp vào cuộc sống; thi đua lập thành tích chào mừng kỷ niệm 95 năm Ngày thành lập công đoàn Việt Nam',
      provenance: cite(
        SOURCES.p001Cdvc2024,
        'chủ đề năm 2024 là “Tập trung đưa nghị quyết Đại hội công đoàn các cấp vào cuộc sống',
      ),
    },
    {
      unitCode: 'P001-CDVC',
      year: 2025,
      theme: 'Tập trung phát triển đoàn viên; tham gia xây dựng Đảng trong sạch, vững mạnh',
      provenance: cite(
        SOURCES.p001Cdvc2024,
        'phương hướng, nhiệm vụ năm 2025, với chủ đề hoạt động “Tập trung phát triển đoàn viên; tham gia xây dựng Đảng trong sạch, vững mạnh”',
      ),
    },
  ];
}

/** The North Central emulation cluster; Quảng Bình's federation closed into Quảng Trị's in 2025. */
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

export function demoRecords(): SeedRecords {
  return {
    programmes: PROGRAMMES,
    activities: [...qnCdvc2022(), ...p001Cdvc2024(), ...thanhHoa2022(), ...haTinhCdvc2021()],
    awards: awards(),
    targets: targets(),
    ratings: ratings(),
    members: members(),
    officers: officers(),
    congressTerms: congressTerms(),
    themes: themes(),
    clusters: clusters(),
  };
}
