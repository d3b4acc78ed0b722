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
