import type { EntityManager } from '@mikro-orm/postgresql';

/**
 * Runs a named raw statement in the entity manager's transaction, if any. The name travels as a comment
 * so that database logs show where a statement came from. Placeholders are `?`.
 */
export async function runSql<T extends object>(
  em: EntityManager,
  name: string,
  text: string,
  params: unknown[] = [],
): Promise<T[]> {
  return em.execute<T[]>(`/* ${name} */ ${text}`, params);
}

/** A PostgreSQL array literal of integers; the driver would otherwise spread a JS array into a list. */
export function intArray(values: readonly number[]): string {
  if (!values.every((value) => Number.isSafeInteger(value))) {
    throw new Error('intArray takes integers only');
  }
  return `{${values.join(',')}}`;
}

/** Escapes LIKE wildcards in user text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

export function likeContains(text: string): string {
  return `%${escapeLike(text)}%`;
}
