import { MILLION, grassrootsOf, awardsTo } from './helpers';
import { seededRandom, splitExactly } from '../random';
import { assumption, cite, SOURCES } from '../sources';
import type { SeedActivity, SeedAward, SeedOfficer, SeedTarget, SourceDocument } from '../types';

/**
 * Every fact the platform takes from source document 004 (Công đoàn Viên chức tỉnh Hà Tĩnh, tổng kết
 * 2021), each with its provenance: check this file against the article alone.
 */

function activities(): SeedActivity[] {
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
function awards(random: () => number): SeedAward[] {
  const ht = grassrootsOf('HT-CDVC');
  const s4 = SOURCES.haTinhCdvc2021;
  return [
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
  return [
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
function officers(): SeedOfficer[] {
  const attested = assumption('the article attests the office on its date only');
  return [
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

export const haTinhCdvc2021: SourceDocument = {
  file: SOURCES.haTinhCdvc2021,
  activities,
  awards,
  targets,
  officers,
};
