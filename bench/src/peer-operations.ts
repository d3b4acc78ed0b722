import { join } from 'node:path';

import { type RunningServer, startProcess } from '../../api/test/support/server-process';
import { ask } from './graphql';
import type { Operation } from './operations';

/**
 * The same operations against PostGraphile v4 (src/peer.ts) on the same database, written as a client of
 * its generated schema would write them: a unit's rollup rows and its links to children with their
 * periods, which the client filters to the year's tree and sums (the rollup store holds yearly changes of
 * stocks such as members). No equivalent without custom SQL: Q3 (a name search within a subtree) and W2
 * (a file import).
 */
const ROLLUP = `year membersNet grassrootsNet newMembers welfareParticipants welfareAmount supportCases supportAmount
  giftPackages giftAmount charityAmount housesBuilt housingAmount initiatives awardsCollective awardsIndividual
  partyReferrals partyAdmissions`;

const UNIT_WITH_CHILDREN = `query Unit($code: String!) {
  orgUnitByCode(code: $code) {
    name
    statRollupsByUnitId { nodes { ${ROLLUP} } }
    orgUnitParentsByParentIdAndParentKind {
      nodes { validFrom validTo orgUnitByUnitIdAndUnitKind { code name statRollupsByUnitId { nodes { ${ROLLUP} } } } }
    }
    orgUnitParentsByUnitIdAndUnitKind { nodes { validFrom validTo orgUnitByParentIdAndParentKind { code name } } }
  }
}`;

/** Starts PostGraphile in its own process and waits until it answers. */
export function startPeer(databaseUrl: string): Promise<RunningServer> {
  return startProcess({
    args: ['-r', 'ts-node/register/transpile-only', join(__dirname, 'peer.ts')],
    env: { ...process.env, DATABASE_URL: databaseUrl },
    ready: async (url) =>
      (
        await fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ __typename }' }),
        })
      ).ok,
  });
}

export async function peerOperations(
  url: string,
  targets: { province: string; grassroots: string[]; year: number; preMergerYear: number; today: string },
): Promise<Operation[]> {
  // Writes name units by id in PostGraphile's generated mutations.
  const ids: number[] = [];
  for (const code of targets.grassroots) {
    const unit = await ask<{ orgUnitByCode: { id: number } }>(
      url,
      `{ orgUnitByCode(code: "${code}") { id } }`,
    );
    ids.push(unit.orgUnitByCode.id);
  }
  let next = 0;
  return [
    { name: 'Q0 the smallest request ({ __typename })', body: () => ({ query: '{ __typename }' }) },
    {
      name: `Q1 national dashboard ${targets.year}`,
      body: () => ({ query: UNIT_WITH_CHILDREN, variables: { code: 'VN' } }),
    },
    {
      name: `Q2 province drill-down (${targets.province})`,
      body: () => ({ query: UNIT_WITH_CHILDREN, variables: { code: targets.province } }),
    },
    {
      name: 'Q4 grassroots page',
      body: () => ({
        query: `query Grassroots($code: String!) {
          orgUnitByCode(code: $code) {
            name
            statRollupsByUnitId { nodes { ${ROLLUP} } }
            membershipsByUnitIdAndUnitKind(first: 50, condition: { leftOn: null }) {
              nodes { memberByMemberId { id fullName gender birthDate } }
            }
            activitiesByUnitId(first: 10, orderBy: OCCURRED_ON_DESC) { nodes { kind occurredOn quantity amount } }
          }
        }`,
        variables: { code: targets.grassroots[next++ % targets.grassroots.length] },
      }),
    },
    {
      name: `Q5 national dashboard ${targets.preMergerYear}`,
      body: () => ({ query: UNIT_WITH_CHILDREN, variables: { code: 'VN' } }),
    },
    {
      name: 'W1 record an activity (16 writers)',
      body: () => ({
        query: `mutation Record($activity: ActivityInput!) { createActivity(input: { activity: $activity }) { activity { id } } }`,
        variables: {
          activity: {
            unitId: ids[next++ % ids.length],
            kind: 'SUPPORT',
            occurredOn: targets.today,
            quantity: 1,
            amount: '500000',
            note: 'benchmark',
            provenance: 'benchmark',
          },
        },
      }),
    },
  ];
}
