import type { MikroORM } from '@mikro-orm/postgresql';

import { todayIn } from '../../shared/dates';
import { foldRollups } from './rollups.queries';

/**
 * Folds pending rollup deltas every `intervalMs`, so that reads add only a few. Reads are exact without
 * it; it only keeps them fast. One fold runs at a time across all app instances (an advisory lock).
 */
export function startRollupFolder(
  orm: MikroORM,
  timeZone: string,
  intervalMs = 1000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(() =>
      foldRollups(orm.em.fork(), todayIn(timeZone)).catch((error: unknown) => {
        console.error('rollup fold failed; reads stay exact, only slower until the next fold', error);
      }),
    );
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
