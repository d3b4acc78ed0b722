import { useEffect } from 'react';
import { NavLink, Outlet, useOutletContext } from 'react-router';
import { useQuery } from 'urql';

import { useLocale } from '../../app/i18n';
import { DateInput, isoOf } from '../../components/DateInput';
import { formatDate } from '../../components/format';
import { Problem } from '../../components/Problem';
import { type Role, UnitNavigatorDocument, type UnitNavigatorQuery } from '../../graphql/graphql';
import { maySeeMembers, roleAt, useViewer } from '../session/viewer';
import { ChildrenList } from './ChildrenList';
import { today, yearsUpTo } from '../../components/calendar';
import { type UnitView, useUnitView } from './useUnitView';

export type NavigatorUnit = NonNullable<UnitNavigatorQuery['orgUnit']>;

/** What every tab of a unit's page reads: the unit, the view (year, date, links) and the viewer's role. */
export interface UnitPageContext {
  unit: NavigatorUnit;
  view: UnitView;
  role: Role | null;
}

export function useUnitPage(): UnitPageContext {
  return useOutletContext<UnitPageContext>();
}

function Breadcrumb({ unit, view }: { unit: NavigatorUnit; view: UnitView }) {
  const { t } = useLocale();
  return (
    <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
      <ol>
        {unit.ancestors.edges.map(({ node }) => (
          <li key={node.code}>
            <NavLink to={view.linkTo(node.code)} end>
              {node.name}
            </NavLink>
          </li>
        ))}
        <li aria-current="page">{unit.name}</li>
      </ol>
    </nav>
  );
}

function ViewControls({ view }: { view: UnitView }) {
  const { t } = useLocale();
  return (
    <div className="controls">
      <label>
        {t('nav.year')}
        <select value={view.year} onChange={(event) => view.setYear(Number(event.target.value))}>
          {yearsUpTo(Number(today().slice(0, 4))).map((year) => (
            <option key={year} value={year}>
              {year}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('nav.asOf')}
        <DateInput value={view.asOf} onChange={(value) => view.setAsOf(isoOf(value))} />
      </label>
    </div>
  );
}

/** What became of a closed unit, and what a unit took over: links across the 2025 restructuring. */
function Lineage({ unit, view }: { unit: NavigatorUnit; view: UnitView }) {
  const { t } = useLocale();
  const links = (edges: NavigatorUnit['successors']['edges']) =>
    edges.map(({ node }, i) => (
      <span key={node.code}>
        {i > 0 && ', '}
        <NavLink to={view.linkTo(node.code)}>{node.name}</NavLink>
      </span>
    ));
  return (
    <>
      <p>
        {t('nav.since', { code: unit.code, from: formatDate(unit.validFrom) })}
        {unit.kind && <> · {t(`kind.${unit.kind}`)}</>}
      </p>
      {unit.validTo && (
        <p role="note" className="closed">
          {t('nav.closed', { date: formatDate(unit.validTo) })}
          {unit.successors.edges.length > 0 && (
            <>
              {' '}
              {t('nav.successors')}: {links(unit.successors.edges)}.
            </>
          )}
        </p>
      )}
      {unit.predecessors.edges.length > 0 && (
        <p>
          {t('nav.predecessors')}: {links(unit.predecessors.edges)}
        </p>
      )}
    </>
  );
}

function Tabs({ view, role, code }: { view: UnitView; role: Role | null; code: string }) {
  const { t } = useLocale();
  const tabs = [
    ['', 'dashboard'],
    ...(maySeeMembers(role) ? [['members', 'members']] : []),
    ['activities', 'activities'],
    ['awards', 'awards'],
    ['targets', 'targets'],
    ['reports', 'reports'],
    ['compare', 'compare'],
    ['finance', 'finance'],
    ...(role === 'ADMIN' ? [['admin', 'admin']] : []),
  ];
  return (
    <nav aria-label={t('nav.sections')} className="tabs">
      {tabs.map(([path, label]) => (
        <NavLink key={label} to={view.linkTo(code, path)} end>
          {t(`tab.${label}`)}
        </NavLink>
      ))}
    </nav>
  );
}

/**
 * A unit's page: the navigator (breadcrumb, year, date of the tree, children) beside the chosen tab. A unit
 * outside the viewer's subtrees gets the API's FORBIDDEN, said in the user's language, and nothing else.
 */
export function UnitPage() {
  const { t } = useLocale();
  const view = useUnitView();
  const viewer = useViewer();
  const [{ data, error, fetching }] = useQuery({
    query: UnitNavigatorDocument,
    variables: { code: view.code, asOf: view.asOf },
  });
  const unit = data?.orgUnit;
  const { landWithin } = view;
  // A closed unit opens on the last year it was there at the end of (QN-CDVC's admin on 2024, not 2025).
  useEffect(() => landWithin(unit?.validTo), [unit?.validTo, landWithin]);
  if (error) {
    return (
      <main id="main">
        <Problem error={error} />
      </main>
    );
  }
  if (!unit) {
    return (
      <main id="main">
        {fetching ? (
          <p role="status">{t('app.loading')}</p>
        ) : (
          <p role="alert">{t('problem.unknownUnit', { code: view.code })}</p>
        )}
      </main>
    );
  }
  const role = roleAt(viewer, [unit.code, ...unit.ancestors.edges.map((e) => e.node.code)]);
  const context: UnitPageContext = { unit, view, role };
  return (
    <div className="unit-page">
      <main id="main">
        <Breadcrumb unit={unit} view={view} />
        <ViewControls view={view} />
        <h1>{unit.name}</h1>
        <Lineage unit={unit} view={view} />
        <Tabs view={view} role={role} code={unit.code} />
        <Outlet context={context} />
      </main>
      <aside className="navigator" aria-label={t('nav.children')}>
        <ChildrenList code={unit.code} closedOn={unit.validTo ?? null} view={view} />
      </aside>
    </div>
  );
}
