import { MILLION, BILLION, grassrootsOf, awardsTo, membersOf } from './helpers';
import { assumption, cite, SOURCES } from '../sources';
import type {
  SeedActivity,
  SeedAward,
  SeedCongressTerm,
  SeedMember,
  SeedOfficer,
  SeedProgramme,
  SeedRating,
  SeedTheme,
  SourceDocument,
} from '../types';

/**
 * Every fact the platform takes from source document 000 (Công đoàn Viên chức tỉnh Quảng Ninh, hội
 * nghị tổng kết 2022), each with its provenance: check this file against the article alone.
 */

function programmes(): SeedProgramme[] {
  return [
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
  ];
}
function activities(): SeedActivity[] {
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
function awards(random: () => number): SeedAward[] {
  const qn = grassrootsOf('QN-CDVC');
  const s0 = SOURCES.qnCdvc2022;
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
  ];
}
function ratings(): SeedRating[] {
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
  ];
}
function members(): SeedMember[] {
  const synthetic = assumption('the members are synthetic; their number is the article’s');
  return [
    ...membersOf(
      grassrootsOf('QN-CDVC'),
      5_202,
      '2008-08-01',
      '2021-12-31',
      1,
      `${cite(SOURCES.qnCdvc2022, '55 công đoàn cơ sở với 5.202 đoàn viên')}; ${synthetic}`,
    ),
  ];
}
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
  ];
}
function congressTerms(): SeedCongressTerm[] {
  return [
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
  ];
}

export const quangNinhCdvc2022: SourceDocument = {
  file: SOURCES.qnCdvc2022,
  programmes,
  activities,
  awards,
  ratings,
  members,
  officers,
  congressTerms,
  themes,
};
