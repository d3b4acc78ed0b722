import { refusal } from './errors';

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

/** Keyset position of a row in a connection: its sort key and id. */
export interface Cursor {
  sortKey: string;
  id: number;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.sortKey, cursor.id])).toString('base64url');
}

export function decodeCursor(value: string): Cursor {
  try {
    const [sortKey, id] = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    if (typeof sortKey === 'string' && typeof id === 'number' && Number.isSafeInteger(id)) {
      return { sortKey, id };
    }
  } catch {
    // fall through to the error below
  }
  throw refusal('CURSOR_INVALID', {}, 'after');
}

export function pageSize(first: number | null | undefined): number {
  if (first === null || first === undefined) {
    return DEFAULT_PAGE_SIZE;
  }
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE_SIZE) {
    throw refusal('PAGE_SIZE', { max: MAX_PAGE_SIZE, value: first }, 'first');
  }
  return first;
}

export interface Page<T> {
  totalCount: number;
  nodes: T[];
  cursors: string[];
  hasNextPage: boolean;
  hasPreviousPage: boolean;
}
