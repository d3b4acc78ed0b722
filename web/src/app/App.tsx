import { Provider } from 'urql';

import { TreeBrowser } from '../features/tree/TreeBrowser';
import { client } from './client';

export function App() {
  const today = new Date().toISOString().slice(0, 10);
  return (
    <Provider value={client}>
      <TreeBrowser initialDate={today} />
    </Provider>
  );
}
