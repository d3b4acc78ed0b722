import { useMemo, useState } from 'react';
import { Provider, useMutation, useQuery } from 'urql';

import { LOGOUT_MUTATION, VIEWER_QUERY, type ViewerData } from '../features/session/documents';
import { LoginForm } from '../features/session/LoginForm';
import { readToken, saveToken } from '../features/session/token';
import { TreeBrowser } from '../features/tree/TreeBrowser';
import { createClient } from './client';

/** After login: the tree of the unit the user works at (the first of their roles). */
function Home({ onLogout }: { onLogout: () => void }) {
  const today = new Date().toISOString().slice(0, 10);
  const [{ data }] = useQuery<ViewerData>({ query: VIEWER_QUERY });
  const [, logout] = useMutation(LOGOUT_MUTATION);
  const viewer = data?.viewer;
  if (!viewer) {
    return <p role="status">Đang tải…</p>;
  }
  return (
    <>
      <header>
        {viewer.account?.displayName}{' '}
        <button
          type="button"
          onClick={async () => {
            // The server ends the session, so the token stops working everywhere, then the tab forgets it.
            await logout({});
            onLogout();
          }}
        >
          Đăng xuất
        </button>
      </header>
      <TreeBrowser initialCode={viewer.roles[0]?.unit.code ?? 'VN'} initialDate={today} />
    </>
  );
}

export function App() {
  const [token, setToken] = useState(readToken);
  const signIn = (next: string | null) => {
    saveToken(next);
    setToken(next);
  };
  const client = useMemo(() => createClient(token, () => signIn(null)), [token]);
  return (
    <Provider value={client}>
      {token ? <Home onLogout={() => signIn(null)} /> : <LoginForm onLogin={signIn} />}
    </Provider>
  );
}
