import type { EntityManager } from '@mikro-orm/postgresql';

import { badUserInput } from '../../shared/errors';
import { runSql } from '../../shared/sql';
import { Member } from '../member/member.entity';
import type { OrgUnit } from '../org-unit/org-unit.entity';
import { inTransaction, requireDate, requireUnitOn, unitByCode } from '../org-unit/org-unit.service';
import { Award, AWARD_KINDS, type AwardKind } from './award.entity';

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
  reason?: string | null;
  provenance?: string;
}

/** Refuses an award its issuer's level may not grant, naming the levels that may (one rule table, in the database). */
async function requireIssuerMayGrant(em: EntityManager, kind: AwardKind, issuer: OrgUnit): Promise<void> {
  const allowed = await runSql<{ issuer_kind: string }>(
    em,
    'award.issuerKinds',
    'select issuer_kind from award_kind_issuer where award_kind = ? order by issuer_kind',
    [kind],
  );
  const kinds = allowed.map((row) => row.issuer_kind);
  if (!kinds.includes(issuer.kind)) {
    throw badUserInput(
      `${issuer.code} is a ${issuer.kind} and may not grant a ${kind}; it comes from: ${kinds.join(', ')}.`,
      'issuerCode',
    );
  }
}

export async function grantAwards(em: EntityManager, inputs: NewAward[], today: string): Promise<Award[]> {
  for (const input of inputs) {
    requireDate(input.awardedOn, 'awardedOn');
    if (input.awardedOn > today) {
      throw badUserInput(`${input.awardedOn} is in the future.`, 'awardedOn');
    }
    if (!AWARD_KINDS.includes(input.kind)) {
      throw badUserInput(`"${input.kind}" is not a kind of award.`, 'kind');
    }
    if (!input.issuerCode && !input.issuerName?.trim()) {
      throw badUserInput(
        'Name the issuer: a union unit code, or the authority outside the union.',
        'issuerCode',
      );
    }
    if (input.collective && input.memberId) {
      throw badUserInput('A collective award goes to a unit, not to a member.', 'memberId');
    }
  }
  return inTransaction(em, async (tx) => {
    const awards: Award[] = [];
    const units = new Map<string, OrgUnit>();
    const unit = async (code: string, field: string) => {
      const found = units.get(code) ?? (await unitByCode(tx, code, field));
      units.set(code, found);
      return found;
    };
    for (const input of inputs) {
      const recipient = await unit(input.unitCode, 'unitCode');
      requireUnitOn(recipient, input.awardedOn, 'awardedOn');
      const issuer = input.issuerCode ? await unit(input.issuerCode, 'issuerCode') : null;
      if (issuer) {
        await requireIssuerMayGrant(tx, input.kind, issuer);
        requireUnitOn(issuer, input.awardedOn, 'awardedOn');
      }
      const member = input.memberId ? await tx.findOne(Member, { id: input.memberId }) : null;
      if (input.memberId && !member) {
        throw badUserInput('No member has this id.', 'memberId');
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
          reason: input.reason ?? null,
          provenance: input.provenance ?? 'recorded through the API',
        }),
      );
    }
    await tx.flush();
    return awards;
  });
}
