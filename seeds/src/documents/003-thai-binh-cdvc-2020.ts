import { grassrootsOf, awardsTo } from './helpers';
import { assumption, cite, SOURCES } from '../sources';
import type { SeedAward, SourceDocument } from '../types';

/**
 * Every fact the platform takes from source document 003 (Công đoàn Viên chức tỉnh Thái Bình, tổng kết
 * 2020), each with its provenance: check this file against the article alone.
 */

function awards(random: () => number): SeedAward[] {
  const split = assumption('the article does not split the awards by kind or issuer; this split is assumed');
  const tb = grassrootsOf('TB-CDVC');
  const s3 = SOURCES.thaiBinhCdvc2020;
  const tbOn = '2021-01-15';
  return [
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
  ];
}

export const thaiBinhCdvc2020: SourceDocument = {
  file: SOURCES.thaiBinhCdvc2020,
  awards,
};
