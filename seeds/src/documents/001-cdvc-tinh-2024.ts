import { MILLION, grassrootsOf, awardsTo, membersOf } from './helpers';
import { seededRandom } from '../random';
import { assumption, cite, SOURCES } from '../sources';
import type {
  SeedActivity,
  SeedAward,
  SeedMember,
  SeedOfficer,
  SeedProgramme,
  SeedRating,
  SeedTheme,
  SourceDocument,
} from '../types';

/**
 * Every fact the platform takes from source document 001 (Công đoàn Viên chức tỉnh (P001), đại hội
 * 2024), each with its provenance: check this file against the article alone.
 */

function programmes(): SeedProgramme[] {
  return [
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
}
function activities(): SeedActivity[] {
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
function awards(random: () => number): SeedAward[] {
  const p001 = grassrootsOf('P001-CDVC');
  const s1 = SOURCES.p001Cdvc2024;
  return [
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
  ];
}
function ratings(): SeedRating[] {
  const random = seededRandom(95);
  const synthetic = assumption(
    'ratings of the grassroots unions are synthetic; the article sets the target of more than 95% rated good or better',
  );
  return [
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
function members(): SeedMember[] {
  const synthetic = assumption('the members are synthetic; their number is the article’s');
  return [
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
  ];
}
function officers(): SeedOfficer[] {
  const attested = assumption('the article attests the office on its date only');
  return [
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
  ];
}
function themes(): SeedTheme[] {
  return [
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

export const cdvcTinh2024: SourceDocument = {
  file: SOURCES.p001Cdvc2024,
  programmes,
  activities,
  awards,
  ratings,
  members,
  officers,
  themes,
};
