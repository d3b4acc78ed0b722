import { useDeferredValue, useState } from 'react';
import { NavLink } from 'react-router';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { formatCount, formatDate } from '../../components/format';
import { Problem } from '../../components/Problem';
import { UnitChildrenDocument, type UnitChildrenQuery } from '../../graphql/graphql';
import { today } from '../../components/calendar';
import type { UnitView } from './useUnitView';

type Child = NonNullable<UnitChildrenQuery['orgUnit']>['children']['edges'][number]['node'];

/** A child's fate since the date shown: closed, or now under another unit. */
function Fate({ child, parentCode, view }: { child: Child; parentCode: string; view: UnitView }) {
  const { t } = useLocale();
  if (child.validTo && child.validTo < today()) {
    return <>{` · ${t('nav.closedChild', { date: formatDate(child.validTo) })}`}</>;
  }
  if (child.parentToday && child.parentToday.code !== parentCode) {
    return (
      <>
        {' · '}
        {t('nav.nowUnder')}{' '}
        <NavLink to={view.linkTo(child.parentToday.code)}>{child.parentToday.name}</NavLink>
      </>
    );
  }
  return null;
}

/**
 * The units directly below on the chosen date; the search ignores case and diacritics (the API's rule).
 * For a unit that had closed by then, its children on its last day, with what became of each.
 */
export function ChildrenList({
  code,
  closedOn,
  view,
}: {
  code: string;
  closedOn: string | null;
  view: UnitView;
}) {
  const { t, locale } = useLocale();
  const [search, setSearch] = useState('');
  const deferred = useDeferredValue(search.trim());
  const lastDay = closedOn !== null && closedOn < view.asOf ? closedOn : null;
  const asOf = lastDay ?? view.asOf;
  const [{ data, error }] = useQuery({
    query: UnitChildrenDocument,
    variables: { code, asOf, search: deferred || null, today: today() },
  });
  const children = data?.orgUnit?.children;
  return (
    <section aria-labelledby="children-heading">
      <h2 id="children-heading">{t('nav.children')}</h2>
      <label>
        {t('nav.search')}
        <input
          type="search"
          value={search}
          aria-describedby="children-search-hint"
          onChange={(event) => setSearch(event.target.value)}
        />
        <small id="children-search-hint">{t('nav.searchHint')}</small>
      </label>
      {error && <Problem error={error} />}
      {children && (
        <>
          <p role="status">
            {t(lastDay ? 'nav.childrenOnLastDay' : 'nav.childrenCount', {
              n: formatCount(locale, children.totalCount),
              date: formatDate(asOf),
            })}
          </p>
          {children.totalCount > children.edges.length && (
            <p>{t('nav.narrow', { shown: formatCount(locale, children.edges.length) })}</p>
          )}
          {children.edges.length === 0 ? (
            <p>{t('nav.noChildren')}</p>
          ) : (
            <ul className="children">
              {children.edges.map(({ node }) => (
                <li key={node.code}>
                  <NavLink to={view.linkTo(node.code)}>{node.name}</NavLink>{' '}
                  <small>
                    {node.code}
                    <Fate child={node} parentCode={code} view={view} />
                  </small>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
