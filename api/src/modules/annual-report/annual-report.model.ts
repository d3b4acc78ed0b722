import { notAfter, yearEnd } from '../../shared/dates';
import { METRICS, metricEnumValue } from '../statistics/metrics';
import { change, count, day, decimal, type Language, money, percent, qualified } from './wording';

/** What the AnnualReport document (schema/documents/annual-report.graphql) answers. */
export interface AnnualReportData {
  code: string;
  name: string;
  kind: string;
  validFrom: string;
  validTo: string | null;
  parent: { code: string; name: string } | null;
  stats: Record<string, number | string> & { year: number };
  previous: Record<string, number | string> & { year: number };
  statsSeries: Array<{ year: number; members: number; newMembers: number; grassrootsUnits: number }>;
  indicators: {
    newMembersPer100Members: number | null;
    membersPerGrassrootsUnion: number | null;
    goodOrBetterShare: number | null;
    targetsSet: number;
    targetsMet: number;
    targetAchievement: number | null;
  } | null;
  peers: { rank: { rank: number; of: number } | null } | null;
  targets: Array<{ metric: string; target: string; actual: string; ratio: number }>;
  ratingSummary: {
    grassrootsUnits: number;
    rated: number;
    excellent: number;
    good: number;
    completed: number;
    notCompleted: number;
  };
  annualTheme: { theme: string; provenance: string; unit: { name: string } } | null;
  officers: Array<{
    fullName: string;
    role: string;
    termFrom: string;
    termTo: string | null;
    provenance: string;
  }>;
  activitySummary: Array<{
    kind: string;
    records: number;
    quantity: number;
    quantityQualifier: string | null;
    amount: string;
    amountQualifier: string | null;
    note: string | null;
    provenance: string;
  }>;
  awardSummary: Array<{
    kind: string;
    collective: boolean;
    issuer: { code: string; name: string } | null;
    issuerName: string | null;
    awards: number;
    provenance: string;
  }>;
}

/** A run of text, with the number of the footnote that gives its provenance. */
export interface Run {
  text: string;
  note?: number;
}

export type Block =
  | { kind: 'title'; text: string }
  | { kind: 'subtitle'; text: string }
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; runs: Run[] }
  | { kind: 'bullet'; runs: Run[] }
  | { kind: 'table'; header: string[]; rows: string[][]; note?: number }
  | { kind: 'chart'; title: string; bars: Array<{ label: string; value: number; text: string }> };

/** The report as blocks and footnotes, for the DOCX and PDF renderers alike. */
export interface AnnualReport {
  language: Language;
  fileName: string;
  title: string;
  blocks: Block[];
  notes: string[];
}

const AWARD_KINDS: Record<string, [string, string]> = {
  EMULATION_FLAG: ['Cờ thi đua', 'Emulation flag'],
  CERTIFICATE_OF_MERIT: ['Bằng khen', 'Certificate of merit'],
  LETTER_OF_COMMENDATION: ['Giấy khen', 'Letter of commendation'],
  COMMEMORATIVE_MEDAL: [
    'Kỷ niệm chương “Vì sự nghiệp xây dựng tổ chức công đoàn”',
    'Commemorative medal “For the building of the trade union”',
  ],
  CREATIVE_LABOUR_CERTIFICATE: ['Bằng Lao động sáng tạo', 'Creative labour certificate'],
  TITLE: ['Danh hiệu', 'Title'],
};

const OFFICER_ROLES: Record<string, [string, string]> = {
  CHAIR: ['Chủ tịch', 'Chair'],
  STANDING_VICE_CHAIR: ['Phó Chủ tịch Thường trực', 'Standing vice-chair'],
  VICE_CHAIR: ['Phó Chủ tịch', 'Vice-chair'],
};

const TARGET_NAMES: Record<string, [string, string]> = {
  GRASSROOTS_UNITS: ['Công đoàn cơ sở', 'Grassroots unions'],
  NEW_GRASSROOTS_UNITS: ['Thành lập mới công đoàn cơ sở', 'Grassroots unions founded'],
  MEMBERS: ['Đoàn viên', 'Members'],
  NEW_MEMBERS: ['Kết nạp đoàn viên mới', 'New members'],
  INITIATIVES: ['Sáng kiến', 'Initiatives'],
};

/** The Roman numerals of the sections. */
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * Writes the report of a unit's year from what the AnnualReport document read: sections as the source
 * documents report them, every figure with a footnote (the source document and phrase it came from, or
 * the records of the platform on the day the report was made).
 */
export function annualReport(
  data: AnnualReportData,
  year: number,
  today: string,
  language: Language,
): AnnualReport {
  const t = (vi: string, en: string) => (language === 'vi' ? vi : en);
  const notes: string[] = [];
  const note = (text: string): number => {
    const found = notes.indexOf(text);
    if (found >= 0) {
      return found + 1;
    }
    notes.push(text);
    return notes.length;
  };
  const source = (provenance: string) =>
    note(
      t('Nguồn: ', 'Source: ') +
        provenance.replace(
          /(^|; )assumption: /g,
          (_m, sep: string) => `${sep}${t('giả định: ', 'assumption: ')}`,
        ),
    );
  const platform = note(
    t(`Số liệu ghi nhận trên nền tảng, ngày ${day(today)}.`, `Records of the platform on ${day(today)}.`),
  );
  const n = (value: number | string) => count(BigInt(value), language);
  const vnd = (value: string | bigint) => money(BigInt(value), language);
  const s = data.stats;
  const p = data.previous;
  const asAt = notAfter(yearEnd(year), today);
  const blocks: Block[] = [];
  let section = 0;
  const heading = (vi: string, en: string) =>
    blocks.push({ kind: 'heading', text: `${ROMAN[section++]}. ${t(vi, en)}` });
  const paragraph = (...runs: Run[]) => blocks.push({ kind: 'paragraph', runs });
  const bullet = (...runs: Run[]) => blocks.push({ kind: 'bullet', runs });

  const title = t(`BÁO CÁO TỔNG KẾT HOẠT ĐỘNG CÔNG ĐOÀN NĂM ${year}`, `ANNUAL REPORT ${year}`);
  blocks.push({ kind: 'title', text: title });
  blocks.push({ kind: 'subtitle', text: data.name });
  blocks.push({
    kind: 'subtitle',
    text: t(
      `Lập từ dữ liệu của nền tảng ngày ${day(today)}`,
      `Generated from the platform's data on ${day(today)}`,
    ),
  });
  if (data.validTo) {
    paragraph({
      text: t(
        `Đơn vị đã kết thúc hoạt động ngày ${day(data.validTo)}; báo cáo đọc số liệu trên cây tổ chức của năm ${year}.`,
        `The unit closed on ${day(data.validTo)}; the report reads the figures on the tree of ${year}.`,
      ),
    });
  }
  if (data.annualTheme) {
    paragraph(
      {
        text: t(
          `Chủ đề năm ${year}: “${data.annualTheme.theme}”`,
          `Theme of ${year}: “${data.annualTheme.theme}”`,
        ),
      },
      { text: data.annualTheme.unit.name === data.name ? '' : ` (${data.annualTheme.unit.name})` },
      { text: '.', note: source(data.annualTheme.provenance) },
    );
  }

  // I. Organisation.
  heading('CÔNG TÁC TỔ CHỨC, PHÁT TRIỂN ĐOÀN VIÊN', 'ORGANISATION AND MEMBERSHIP');
  const members = Number(s.members);
  const women =
    members > 0
      ? t(
          ` (trong đó ${n(s.womenMembers)} đoàn viên nữ, chiếm ${percent(Number(s.womenMembers) / members, language)})`,
          ` (${n(s.womenMembers)} of them women, ${percent(Number(s.womenMembers) / members, language)})`,
        )
      : '';
  paragraph({
    text: t(
      `Đến ngày ${day(asAt)}, ${data.name} có ${n(s.grassrootsUnits)} công đoàn cơ sở với ${n(s.members)} đoàn viên${women}; trong năm kết nạp mới ${n(s.newMembers)} đoàn viên, thành lập mới ${n(s.newGrassrootsUnits)} công đoàn cơ sở.`,
      `On ${day(asAt)}, ${data.name} had ${n(s.grassrootsUnits)} grassroots unions with ${n(s.members)} members${women}; in the year it admitted ${n(s.newMembers)} new members and founded ${n(s.newGrassrootsUnits)} grassroots unions.`,
    ),
    note: platform,
  });
  const row = (vi: string, en: string, field: string) => [
    t(vi, en),
    n(p[field]),
    n(s[field]),
    change(BigInt(s[field]) - BigInt(p[field]), language),
  ];
  blocks.push({
    kind: 'table',
    header: [t('Chỉ tiêu', 'Figure'), String(year - 1), String(year), t('Tăng/giảm', 'Change')],
    rows: [
      row('Công đoàn cơ sở', 'Grassroots unions', 'grassrootsUnits'),
      row('Đoàn viên', 'Members', 'members'),
      row('Trong đó đoàn viên nữ', 'of whom women', 'womenMembers'),
      row('Kết nạp đoàn viên mới', 'New members', 'newMembers'),
      row('Thành lập mới công đoàn cơ sở', 'Grassroots unions founded', 'newGrassrootsUnits'),
    ],
    note: platform,
  });
  if (data.statsSeries.length > 1) {
    blocks.push({
      kind: 'chart',
      title: t('Đoàn viên qua các năm', 'Members by year'),
      bars: data.statsSeries.map((point) => ({
        label: String(point.year),
        value: point.members,
        text: n(point.members),
      })),
    });
  }

  // II. Care for members: each source's statement, then the year's totals.
  heading('CHĂM LO ĐỜI SỐNG, BẢO VỆ QUYỀN LỢI ĐOÀN VIÊN', 'CARE FOR MEMBERS');
  const groups = (kinds: string[]) => data.activitySummary.filter((g) => kinds.includes(g.kind));
  const CARE = [
    'WELFARE',
    'SUPPORT',
    'GIFT',
    'CHARITY',
    'UNION_HOME',
    'TOTAL_CARE',
    'WORKER_CONFERENCE',
    'OTHER',
  ];
  const care = groups(CARE).sort((a, b) => CARE.indexOf(a.kind) - CARE.indexOf(b.kind));
  for (const group of care) {
    const q = qualified(n(group.quantity), group.quantityQualifier, language);
    const a = qualified(vnd(group.amount), group.amountQualifier, language);
    const has = { q: group.quantity > 0, a: BigInt(group.amount) > 0n };
    const withNote = group.note ? ` (${group.note})` : '';
    const line: Record<string, string> = {
      WELFARE: t(
        `Chương trình Phúc lợi cho đoàn viên: ${has.q ? `${q} lượt người tham gia` : ''}${has.q && has.a ? ', ' : ''}${has.a ? `số tiền hưởng lợi ${a}` : ''}`,
        `Members' welfare programme: ${has.q ? `${q} participations` : ''}${has.q && has.a ? ', ' : ''}${has.a ? `benefit of ${a}` : ''}`,
      ),
      SUPPORT: t(
        `Thăm hỏi, hỗ trợ ${has.q ? `${q} lượt đoàn viên, người lao động` : 'đoàn viên, người lao động'}${has.a ? ` với số tiền ${a}` : ''}`,
        `Visits and support to ${has.q ? `${q} members and workers` : 'members and workers'}${has.a ? ` worth ${a}` : ''}`,
      ),
      GIFT: t(
        `Trao ${q} suất quà${has.a ? ` trị giá ${a}` : ''}${withNote}`,
        `${q} gift packages${has.a ? ` worth ${a}` : ''}${withNote}`,
      ),
      CHARITY: t(`Đóng góp, ủng hộ ${a}${withNote}`, `Contributions and relief: ${a}${withNote}`),
      UNION_HOME: t(
        `Hỗ trợ xây ${q} Mái ấm công đoàn${has.a ? ` trị giá ${a}` : ''}`,
        `${q} union homes built or supported${has.a ? `, worth ${a}` : ''}`,
      ),
      WORKER_CONFERENCE: t(
        `${q} đơn vị tổ chức hội nghị người lao động`,
        `${q} units held a workers' conference`,
      ),
      TOTAL_CARE: t(
        `Tổng chăm lo, hỗ trợ: ${has.q ? `${q} lượt` : ''}${has.q && has.a ? ', ' : ''}${has.a ? a : ''}${withNote}`,
        `Care and support in all: ${has.q ? `${q} people` : ''}${has.q && has.a ? ', ' : ''}${has.a ? a : ''}${withNote}`,
      ),
      OTHER: `${group.note ?? t('Khác', 'Other')}: ${[has.q ? q : '', has.a ? a : ''].filter(Boolean).join(', ')}`,
    };
    bullet({ text: `${line[group.kind]}.`, note: source(group.provenance) });
  }
  if (care.length === 0) {
    paragraph({
      text: t('Không có hoạt động chăm lo được ghi nhận trong năm.', 'No care recorded for the year.'),
    });
  }
  const careRow = (vi: string, en: string, quantity: string | null, amount: string) => [
    t(vi, en),
    quantity === null ? '' : n(s[quantity]),
    vnd(String(s[amount])),
  ];
  blocks.push({
    kind: 'table',
    header: [t('Nội dung', 'Item'), t('Số lượt/suất', 'Count'), t('Số tiền', 'Amount')],
    rows: [
      careRow('Phúc lợi đoàn viên', "Members' welfare", 'welfareParticipants', 'welfareAmount'),
      careRow('Thăm hỏi, hỗ trợ', 'Visits and support', 'supportCases', 'supportAmount'),
      careRow('Suất quà', 'Gift packages', 'giftPackages', 'giftAmount'),
      careRow('Đóng góp, ủng hộ, từ thiện', 'Contributions and relief', null, 'charityAmount'),
      careRow('Mái ấm công đoàn', 'Union homes', 'housesBuilt', 'housingAmount'),
    ].filter((cells) => !cells.slice(1).every((cell) => cell === '' || /^(VND )?0( đồng)?$/.test(cell))),
    note: platform,
  });

  // III. Emulation and awards.
  heading('PHONG TRÀO THI ĐUA, KHEN THƯỞNG', 'EMULATION AND AWARDS');
  for (const group of groups(['INITIATIVE'])) {
    bullet({
      text: t(
        `${qualified(n(group.quantity), group.quantityQualifier, language)} sáng kiến${group.note ? ` (${group.note})` : ''}.`,
        `${qualified(n(group.quantity), group.quantityQualifier, language)} initiatives${group.note ? ` (${group.note})` : ''}.`,
      ),
      note: source(group.provenance),
    });
  }
  const awardLines = new Map<
    string,
    { label: string; collective: number; individual: number; provenance: string }
  >();
  for (const group of data.awardSummary) {
    const issuer = group.issuer?.name ?? group.issuerName;
    const [vi, en] = AWARD_KINDS[group.kind] ?? [group.kind, group.kind];
    const label = issuer ? t(`${vi} của ${issuer}`, `${en} of ${issuer}`) : t(vi, en);
    const key = `${label}\u0000${group.provenance}`;
    const line = awardLines.get(key) ?? { label, collective: 0, individual: 0, provenance: group.provenance };
    line[group.collective ? 'collective' : 'individual'] += group.awards;
    awardLines.set(key, line);
  }
  for (const line of awardLines.values()) {
    const parts = [
      line.collective > 0 ? t(`${n(line.collective)} tập thể`, `${n(line.collective)} collectives`) : '',
      line.individual > 0 ? t(`${n(line.individual)} cá nhân`, `${n(line.individual)} individuals`) : '',
    ].filter(Boolean);
    bullet({ text: `${line.label}: ${parts.join(t(' và ', ' and '))}.`, note: source(line.provenance) });
  }
  paragraph({
    text: t(
      `Trong năm có ${n(s.initiatives)} sáng kiến; ${n(s.awardsCollective)} tập thể và ${n(s.awardsIndividual)} cá nhân được khen thưởng (năm ${year - 1}: ${n(p.initiatives)} sáng kiến; ${n(p.awardsCollective)} tập thể, ${n(p.awardsIndividual)} cá nhân).`,
      `In the year: ${n(s.initiatives)} initiatives; ${n(s.awardsCollective)} collectives and ${n(s.awardsIndividual)} individuals awarded (${year - 1}: ${n(p.initiatives)} initiatives; ${n(p.awardsCollective)} collectives, ${n(p.awardsIndividual)} individuals).`,
    ),
    note: platform,
  });

  // IV. The Party.
  heading('THAM GIA XÂY DỰNG ĐẢNG', 'PARTY REFERRALS AND ADMISSIONS');
  const party = groups(['PARTY_REFERRAL', 'PARTY_ADMISSION']);
  paragraph({
    text: t(
      `Giới thiệu ${n(s.partyReferrals)} đoàn viên ưu tú cho Đảng xem xét, kết nạp; ${n(s.partyAdmissions)} đoàn viên được kết nạp vào Đảng.`,
      `${n(s.partyReferrals)} outstanding members referred to the Party; ${n(s.partyAdmissions)} members admitted to the Party.`,
    ),
    note: party.length === 1 ? source(party[0].provenance) : platform,
  });

  // V. Targets.
  heading('THỰC HIỆN CHỈ TIÊU', 'TARGETS');
  if (data.targets.length > 0) {
    blocks.push({
      kind: 'table',
      header: [
        t('Chỉ tiêu', 'Target'),
        t('Kế hoạch', 'Planned'),
        t('Thực hiện', 'Reached'),
        t('Tỷ lệ', 'Achieved'),
      ],
      rows: data.targets.map((target) => {
        const field = METRICS.find((m) => metricEnumValue(m.field) === target.metric);
        const [vi, en] = TARGET_NAMES[target.metric] ?? [
          field?.description ?? target.metric,
          field?.description ?? target.metric,
        ];
        const value = (v: string) => (field?.money ? vnd(v) : n(v));
        return [t(vi, en), value(target.target), value(target.actual), percent(target.ratio, language)];
      }),
      note: platform,
    });
    if (data.indicators) {
      paragraph({
        text: t(
          `Đạt ${n(data.indicators.targetsMet)}/${n(data.indicators.targetsSet)} chỉ tiêu.`,
          `${n(data.indicators.targetsMet)} of ${n(data.indicators.targetsSet)} targets reached.`,
        ),
      });
    }
  } else {
    paragraph({ text: t(`Chưa có chỉ tiêu được giao cho năm ${year}.`, `No targets were set for ${year}.`) });
  }

  // VI. Ratings.
  heading('XẾP LOẠI CÔNG ĐOÀN CƠ SỞ', 'RATINGS OF GRASSROOTS UNIONS');
  const r = data.ratingSummary;
  paragraph(
    r.rated > 0
      ? {
          text: t(
            `${n(r.rated)}/${n(r.grassrootsUnits)} công đoàn cơ sở được xếp loại: ${n(r.excellent)} hoàn thành xuất sắc, ${n(r.good)} hoàn thành tốt, ${n(r.completed)} hoàn thành, ${n(r.notCompleted)} không hoàn thành nhiệm vụ${data.indicators?.goodOrBetterShare != null ? ` (${percent(data.indicators.goodOrBetterShare, language)} hoàn thành tốt nhiệm vụ trở lên)` : ''}.`,
            `${n(r.rated)} of ${n(r.grassrootsUnits)} grassroots unions rated: ${n(r.excellent)} excellent, ${n(r.good)} good, ${n(r.completed)} completed, ${n(r.notCompleted)} not completed${data.indicators?.goodOrBetterShare != null ? ` (${percent(data.indicators.goodOrBetterShare, language)} good or better)` : ''}.`,
          ),
          note: platform,
        }
      : {
          text: t(
            'Chưa có kết quả xếp loại công đoàn cơ sở của năm.',
            'No grassroots union has been rated for the year.',
          ),
        },
  );

  // VII. Comparisons.
  heading('SO SÁNH', 'COMPARISONS');
  const ind = data.indicators;
  const rank = data.peers?.rank;
  const comparisons = [
    ind?.membersPerGrassrootsUnion != null
      ? t(
          `bình quân ${decimal(ind.membersPerGrassrootsUnion, language, 1)} đoàn viên/công đoàn cơ sở`,
          `${decimal(ind.membersPerGrassrootsUnion, language, 1)} members per grassroots union`,
        )
      : '',
    ind?.newMembersPer100Members != null
      ? t(
          `kết nạp ${decimal(ind.newMembersPer100Members, language, 1)} đoàn viên mới trên 100 đoàn viên`,
          `${decimal(ind.newMembersPer100Members, language, 1)} new members per 100 members`,
        )
      : '',
    t(
      `số đoàn viên so với năm ${year - 1}: ${change(BigInt(s.members) - BigInt(p.members), language)}`,
      `members against ${year - 1}: ${change(BigInt(s.members) - BigInt(p.members), language)}`,
    ),
    rank && data.parent
      ? t(
          `xếp thứ ${rank.rank}/${rank.of} về số đoàn viên trong các đơn vị trực thuộc ${data.parent.name}`,
          `ranked ${rank.rank} of ${rank.of} by members among the units under ${data.parent.name}`,
        )
      : '',
  ].filter(Boolean);
  paragraph({ text: `${comparisons.join('; ')}.`.replace(/^./, (c) => c.toUpperCase()), note: platform });

  // VIII. Officers of the year and of its conference (held early in the next).
  const officers = data.officers;
  if (officers.length > 0) {
    heading('CÁN BỘ CÔNG ĐOÀN', 'OFFICERS');
    for (const officer of officers) {
      const [vi, en] = OFFICER_ROLES[officer.role] ?? [officer.role, officer.role];
      bullet({ text: `${t(vi, en)}: ${officer.fullName}.`, note: source(officer.provenance) });
    }
  }

  return {
    language,
    fileName: `bao-cao-tong-ket-${data.code}-${year}${language === 'en' ? '-en' : ''}`,
    title: `${title} — ${data.name}`,
    blocks,
    notes,
  };
}
