import { quangNinhCdvc2022 } from './documents/000-quang-ninh-cdvc-2022';
import { cdvcTinh2024 } from './documents/001-cdvc-tinh-2024';
import { thanhHoa2022 } from './documents/002-thanh-hoa-2022';
import { thaiBinhCdvc2020 } from './documents/003-thai-binh-cdvc-2020';
import { haTinhCdvc2021 } from './documents/004-ha-tinh-cdvc-2021';
import { seededRandom } from './random';
import type { SeedRecords, SourceDocument } from './types';

/**
 * The records of the five source documents, each with its provenance, and the synthetic members and
 * shares that make the articles' totals add up exactly. Each document's facts are in its own file under
 * documents/, so that one article is checked against one file; this module puts them together.
 */

/** The five documents, in the order of their numbers. */
export const SOURCE_DOCUMENTS: readonly SourceDocument[] = [
  quangNinhCdvc2022,
  cdvcTinh2024,
  thanhHoa2022,
  thaiBinhCdvc2020,
  haTinhCdvc2021,
];

export function demoRecords(): SeedRecords {
  const random = seededRandom(7);
  const all = <T>(facts: (document: SourceDocument) => T[] | undefined): T[] =>
    SOURCE_DOCUMENTS.flatMap((document) => facts(document) ?? []);
  return {
    programmes: all((d) => d.programmes?.()),
    activities: all((d) => d.activities?.()),
    awards: all((d) => d.awards?.(random)),
    targets: all((d) => d.targets?.()),
    ratings: all((d) => d.ratings?.()),
    members: all((d) => d.members?.()),
    officers: all((d) => d.officers?.()),
    congressTerms: all((d) => d.congressTerms?.()),
    themes: all((d) => d.themes?.()),
    clusters: all((d) => d.clusters?.()),
  };
}
