import DataLoader from 'dataloader';

/**
 * Groups loader keys that differ only by their owner, so that each group is one SQL statement.
 * The result maps each group's shared arguments (as JSON) to its keys.
 */
export function groupByArguments<K extends { ownerId?: number; unitId?: number }>(
  keys: readonly K[],
): Map<string, K[]> {
  const groups = new Map<string, K[]>();
  for (const key of keys) {
    const { ownerId: _owner, unitId: _unit, ...rest } = key;
    const signature = JSON.stringify(rest);
    groups.set(signature, [...(groups.get(signature) ?? []), key]);
  }
  return groups;
}

export const keyOf = (key: unknown): string => JSON.stringify(key);

/**
 * A per-request loader for a query about units that share the other arguments (a date, a year): one
 * statement per group of shared arguments, however many units a list holds.
 */
export function unitsLoader<A extends object, R>(
  fetch: (unitIds: number[], args: A) => Promise<Map<number, R>>,
  empty: () => R,
): DataLoader<{ unitId: number } & A, R, string> {
  return new DataLoader<{ unitId: number } & A, R, string>(
    async (keys) => {
      const found = new Map<string, R>();
      for (const group of groupByArguments(keys).values()) {
        const { unitId: _unit, ...args } = group[0];
        const rows = await fetch(
          group.map((key) => key.unitId),
          args as unknown as A,
        );
        for (const key of group) {
          found.set(keyOf(key), rows.get(key.unitId) ?? empty());
        }
      }
      return keys.map((key) => found.get(keyOf(key)) ?? empty());
    },
    { cacheKeyFn: keyOf },
  );
}

/** Rows grouped by their unit. */
export function byUnit<R extends { unit_id: number }>(rows: R[]): Map<number, R[]> {
  const groups = new Map<number, R[]>();
  for (const row of rows) {
    groups.set(row.unit_id, [...(groups.get(row.unit_id) ?? []), row]);
  }
  return groups;
}
