import { useState } from 'react';

/** Cursor pagination over a Relay connection: the cursors of the pages seen, to go forward and back. */
export function usePages(resetKey: string) {
  const [state, setState] = useState<{ key: string; cursors: (string | null)[] }>({
    key: resetKey,
    cursors: [null],
  });
  // A new unit, year or search starts again at the first page.
  const cursors = state.key === resetKey ? state.cursors : [null];
  return {
    after: cursors[cursors.length - 1],
    page: cursors.length,
    next: (endCursor: string) => setState({ key: resetKey, cursors: [...cursors, endCursor] }),
    previous: () => setState({ key: resetKey, cursors: cursors.slice(0, -1) }),
  };
}
