import type { EntityManager } from '@mikro-orm/postgresql';

import type { Scope } from '../../auth/scope';

import { refusal } from '../../shared/errors';
import { Member } from '../member/member.entity';
import type { OrgUnit } from '../org-unit/org-unit.entity';
import { Award, AWARD_KINDS, type AwardKind } from './award.entity';
import { issuerKindRows } from './award.queries';
import { inRecordTransaction } from '../../shared/request-writes';
import { requireDate } from '../../shared/dates';
import { requireUnitOn, unitByCode } from '../org-unit/org-unit.lookup';

export interface NewAward {
  kind: AwardKind;
  /** A union issuer; or issuerName for an authority outside the union (Ủy ban nhân dân tỉnh). */
  issuerCode?: string | null;
  issuerName?: string | null;
  unitCode: string;
  collective: boolean;
  memberId?: number | null;
  recipientName?: string | null;
  awardedOn: string;
  forYear?: number | null;
  reason?: string | null;
  provenance?: string;
}

/** The levels that may grant each kind of award, from the one rule table in the database. */
async function issuerKinds(em: EntityManager): Promise<Map<string, string[]>> {
  const rows = await issuerKindRows(em);
  const byKind = new Map<string, string[]>();
  for (const row of rows) {
    byKind.set(row.award_kind, [...(byKind.get(row.award_kind) ?? []), row.issuer_kind]);
  }
  return byKind;
}

/** Refuses an award its issuer's level may not grant, naming the levels that may. */
function requireIssuerMayGrant(rules: Map<string, string[]>, kind: AwardKind, issuer: OrgUnit): void {
  const kinds = rules.get(kind) ?? [];
  if (!kinds.includes(issuer.kind)) {
    throw refusal(
      'AWARD_ISSUER_KIND',
      { code: issuer.code, issuerKind: issuer.kind, awardKind: kind, issuers: kinds.join(', ') },
      'issuerCode',
    );
  }
}

export async function grantAwards(
  em: EntityManager,
  scope: Scope,
  inputs: NewAward[],
  today: string,
): Promise<Award[]> {
  for (const input of inputs) {
    requireDate(input.awardedOn, 'awardedOn');
    if (input.awardedOn > today) {
      throw refusal('AWARD_IN_FUTURE', { date: input.awardedOn }, 'awardedOn');
    }
    if (!AWARD_KINDS.includes(input.kind)) {
      throw refusal('AWARD_KIND_UNKNOWN', { kind: input.kind }, 'kind');
    }
    if (!input.issuerCode && !input.issuerName?.trim()) {
      throw refusal('AWARD_ISSUER_REQUIRED', {}, 'issuerCode');
    }
    if (
      input.forYear !== null &&
      input.forYear !== undefined &&
      (input.forYear > Number(input.awardedOn.slice(0, 4)) ||
        input.forYear < Number(input.awardedOn.slice(0, 4)) - 1)
    ) {
      throw refusal('AWARD_YEAR', {}, 'forYear');
    }
    if (input.collective && input.memberId) {
      throw refusal('AWARD_COLLECTIVE_MEMBER', {}, 'memberId');
    }
  }
  return inRecordTransaction(em, async (tx) => {
    const awards: Award[] = [];
    const rules = await issuerKinds(tx);
    const units = new Map<string, OrgUnit>();
    // The recipient's unit is written to; the issuer (often an ancestor, such as VN) is only named.
    const unit = async (code: string, field: string) => {
      const found = units.get(code) ?? (await unitByCode(tx, scope, code, scope.today, field, null));
      units.set(code, found);
      return found;
    };
    for (const input of inputs) {
      const recipient = await unit(input.unitCode, 'unitCode');
      await scope.require('record:write', recipient.id, input.awardedOn);
      requireUnitOn(recipient, input.awardedOn, 'awardedOn');
      const issuer = input.issuerCode ? await unit(input.issuerCode, 'issuerCode') : null;
      if (issuer) {
        requireIssuerMayGrant(rules, input.kind, issuer);
        requireUnitOn(issuer, input.awardedOn, 'awardedOn');
      }
      const member = input.memberId ? await tx.findOne(Member, { id: input.memberId }) : null;
      if (input.memberId && !member) {
        throw scope.missing('record:write', 'MEMBER_UNKNOWN', {}, 'memberId');
      }
      awards.push(
        tx.create(Award, {
          kind: input.kind,
          issuer,
          issuerName: input.issuerName?.trim() || null,
          unit: recipient,
          collective: input.collective,
          member,
          recipientName: input.recipientName ?? null,
          awardedOn: input.awardedOn,
          forYear: input.forYear ?? null,
          reason: input.reason ?? null,
          provenance: input.provenance ?? 'recorded through the API',
        }),
      );
    }
    await tx.flush();
    return awards;
  });
}
