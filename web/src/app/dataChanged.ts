import { createContext, useContext } from 'react';

/**
 * Says that data changed outside GraphQL (a spreadsheet imported, a restructuring plan applied through
 * the API's file routes): urql's cache learns of changes only from mutations' answers, so the app starts
 * a fresh client and every page shown asks its data again.
 */
export const DataChangedContext = createContext<() => void>(() => undefined);

export function useDataChanged(): () => void {
  return useContext(DataChangedContext);
}
