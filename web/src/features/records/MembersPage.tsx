import { useDeferredValue, useState } from 'react';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import type { Column } from '../../components/DataTable';
import { formatDate } from '../../components/format';
import { PagedTable } from '../../components/PagedTable';
import { Problem } from '../../components/Problem';
import { ServerExport } from '../../components/ServerExport';
import { SheetImport } from '../../components/SheetImport';
import { usePages } from '../../components/usePages';
import { UnitMemberCountDocument, UnitMembersDocument } from '../../graphql/graphql';
import { useUnitPage } from '../navigator/UnitPage';
import { mayRecord, maySeeMembers } from '../session/viewer';
import { MemberForm, type MemberRow } from './MemberForm';

/** The membership a member has on the date shown: the last period that had begun by then. */
function currentMembership(member: MemberRow) {
  return member.memberships[member.memberships.length - 1];
}

/** Members under the unit on the tree's date, by name, 50 a page; personal data only for roles that may read it. */
export function MembersPage() {
  const { t } = useLocale();
  const { unit, view, role } = useUnitPage();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const [editing, setEditing] = useState<MemberRow | 'new' | null>(null);
  const pages = usePages(`${unit.code}/${view.asOf}/${deferred}`);
  const listed = { code: unit.code, asOf: view.asOf, search: deferred || null };
  const [{ data, error }] = useQuery({
    query: UnitMembersDocument,
    variables: { ...listed, after: pages.after },
    pause: !maySeeMembers(role),
  });
  // Counted once per unit, date and search, beside the pages: a province's count takes longer than a page.
  const [count] = useQuery({
    query: UnitMemberCountDocument,
    variables: listed,
    pause: !maySeeMembers(role),
  });
  if (!maySeeMembers(role)) {
    return <p role="note">{t('records.noPersonalData')}</p>;
  }
  const members = data?.orgUnit?.members;
  const columns: Column<MemberRow>[] = [
    { header: t('records.fullName'), value: (m) => m.fullName },
    { header: t('records.gender'), value: (m) => t(`gender.${m.gender}`) },
    {
      header: t('records.birthDate'),
      value: (m) => m.birthDate ?? '',
      render: (m) => (m.birthDate ? formatDate(m.birthDate) : ''),
    },
    { header: t('records.phone'), value: (m) => m.phone ?? '' },
    { header: t('records.nationalId'), value: (m) => m.nationalId ?? '' },
    { header: t('records.memberUnit'), value: (m) => currentMembership(m)?.unit.name ?? '' },
    {
      header: t('records.joinedOn'),
      value: (m) => currentMembership(m)?.joinedOn ?? '',
      render: (m) => formatDate(currentMembership(m)?.joinedOn ?? ''),
    },
    ...(mayRecord(role)
      ? [
          {
            header: t('records.edit'),
            value: () => null,
            render: (m: MemberRow) => (
              <button
                type="button"
                onClick={() => setEditing(m)}
                aria-label={`${t('records.edit')}: ${m.fullName}`}
              >
                {t('records.edit')}
              </button>
            ),
          },
        ]
      : []),
  ];
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading">{t('tab.members')}</h2>
      {mayRecord(role) &&
        (editing ? (
          <MemberForm
            key={editing === 'new' ? 'new' : editing.id}
            member={editing === 'new' ? undefined : editing}
            unitCode={unit.kind === 'GRASSROOTS_UNION' ? unit.code : ''}
            onDone={() => setEditing(null)}
          />
        ) : (
          <button type="button" onClick={() => setEditing('new')}>
            {t('records.addMember')}
          </button>
        ))}
      {mayRecord(role) && (
        <details>
          <summary>{t('records.importMembers')}</summary>
          <SheetImport kind="members" hint={t('records.importMembersHint')} />
        </details>
      )}
      <label>
        {t('records.searchMembers')}
        <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      {error && <Problem error={error} />}
      {/* A page can come while its count fails (a count reads the whole unit): say so, not "counting". */}
      {!error && count.error && <Problem error={count.error} />}
      {members && (
        <PagedTable
          connection={members}
          total={count.data?.orgUnit?.members.totalCount}
          pages={pages}
          caption={`${t('tab.members')}: ${unit.name}`}
          columns={columns}
          rowKey={(m) => m.id}
          fileName={`${unit.code} ${t('tab.members')}`}
          exports={<ServerExport kind="members" query={{ unitCode: unit.code, asOf: view.asOf }} />}
        />
      )}
    </section>
  );
}
