import { lazy, type ReactNode, Suspense, useCallback, useMemo, useState } from 'react';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router';
import { Provider, useMutation, useQuery } from 'urql';

import { Problem } from '../components/Problem';
import { UnitPage } from '../features/navigator/UnitPage';
import { ActivitiesPage } from '../features/records/ActivitiesPage';
import { AwardsPage } from '../features/records/AwardsPage';
import { MembersPage } from '../features/records/MembersPage';
import { TargetsPage } from '../features/records/TargetsPage';
import { FinancePage } from '../features/finance/FinancePage';
import { ComparePage } from '../features/compare/ComparePage';
import { AdminPage } from '../features/admin/AdminPage';
import { ReportsPage } from '../features/reports/ReportsPage';
import { ChangePasswordForm } from '../features/session/ChangePasswordForm';
import { LoginForm } from '../features/session/LoginForm';
import { readToken, saveToken } from '../features/session/token';
import { UnitSwitcher } from '../features/session/UnitSwitcher';
import { ViewerContext } from '../features/session/viewer';
import { LogoutDocument, ViewerDocument } from '../graphql/graphql';
import { createClient } from './client';
import { DataChangedContext } from './dataChanged';
import { setLocale, useLocale } from './i18n';

// The dashboard brings the chart library: loaded when first shown, so that login and the tables start light.
const Dashboard = lazy(() =>
  import('../features/dashboard/Dashboard').then((m) => ({ default: m.Dashboard })),
);

function LanguageSwitch() {
  const { t, locale } = useLocale();
  return (
    <label className="language">
      {t('app.language')}
      <select value={locale} onChange={(event) => setLocale(event.target.value === 'en' ? 'en' : 'vi')}>
        <option value="vi">Tiếng Việt</option>
        <option value="en">English</option>
      </select>
    </label>
  );
}

function TopBar({ children }: { children?: ReactNode }) {
  const { t } = useLocale();
  return (
    <header className="top">
      <strong className="brand">{t('app.title')}</strong>
      <LanguageSwitch />
      {children}
    </header>
  );
}

/** A logged-in user: the header's switcher and logout, and the unit pages. */
function Session({ onLogout }: { onLogout: () => void }) {
  const { t } = useLocale();
  const [{ data, error }, refetchViewer] = useQuery({ query: ViewerDocument });
  const [, logout] = useMutation(LogoutDocument);
  const viewer = data?.viewer;
  if (!viewer) {
    return (
      <>
        <TopBar />
        {error ? <Problem error={error} /> : <p role="status">{t('app.loading')}</p>}
      </>
    );
  }
  const logOut = async () => {
    // The server ends the session, so the token stops working everywhere, then the tab forgets it.
    await logout({});
    onLogout();
  };
  if (viewer.mustChangePassword) {
    return (
      <>
        <TopBar />
        <ChangePasswordForm
          onChanged={() => refetchViewer({ requestPolicy: 'network-only' })}
          onCancel={() => void logOut()}
        />
      </>
    );
  }
  const home = viewer.roles[0]?.unit.code;
  return (
    <ViewerContext.Provider value={viewer}>
      <TopBar>
        <UnitSwitcher />
        <span>{viewer.account?.displayName}</span>
        <button type="button" onClick={() => void logOut()}>
          {t('app.logout')}
        </button>
      </TopBar>
      {home ? (
        <Routes>
          <Route path="/" element={<Navigate to={`/unit/${encodeURIComponent(home)}`} replace />} />
          <Route path="/unit/:code" element={<UnitPage />}>
            <Route
              index
              element={
                <Suspense fallback={<p role="status">{t('app.loading')}</p>}>
                  <Dashboard />
                </Suspense>
              }
            />
            <Route path="members" element={<MembersPage />} />
            <Route path="activities" element={<ActivitiesPage />} />
            <Route path="awards" element={<AwardsPage />} />
            <Route path="targets" element={<TargetsPage />} />
            <Route path="reports" element={<ReportsPage />} />
            <Route path="compare" element={<ComparePage />} />
            <Route path="finance" element={<FinancePage />} />
            <Route path="admin" element={<AdminPage />} />
          </Route>
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      ) : (
        <p role="alert">{t('app.noRoles')}</p>
      )}
    </ViewerContext.Provider>
  );
}

export function App() {
  const { t } = useLocale();
  const [token, setToken] = useState(readToken);
  const signIn = (next: string | null) => {
    saveToken(next);
    setToken(next);
  };
  // A new client, with an empty cache, for each session and after each change made outside GraphQL.
  const [changes, setChanges] = useState(0);
  const client = useMemo(() => createClient(token, () => signIn(null)), [token, changes]);
  const dataChanged = useCallback(() => setChanges((count) => count + 1), []);
  return (
    <DataChangedContext.Provider value={dataChanged}>
      <Provider value={client}>
        <BrowserRouter>
          <a className="skip" href="#main">
            {t('app.skip')}
          </a>
          {token ? (
            <Session onLogout={() => signIn(null)} />
          ) : (
            <>
              <TopBar />
              <LoginForm onLogin={signIn} />
            </>
          )}
        </BrowserRouter>
      </Provider>
    </DataChangedContext.Provider>
  );
}
