import type { MikroORM } from '@mikro-orm/postgresql';

import { todayIn } from '../../shared/dates';
import { foldRollups, prepareTodaysMap } from './rollups.queries';

/** Today's map is checked every this many folds (and at the first). */
const MAP_EVERY = 30;

/**
 * Folds pending rollup deltas every `intervalMs`, so that reads add only a few; and keeps today's map of
 * the recent years prepared (a change of the tree forgets it). Reads are exact without it; it only keeps
 * them fast. One fold runs at a time across all app instances (an advisory lock), and one preparation.
 */
export function startRollupFolder(
  orm: MikroORM,
  timeZone: string,
  intervalMs = 1000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let ticks = 0;
  const timer = setInterval(() => {
    const map = ticks++ % MAP_EVERY === 0;
    running = running.then(async () => {
      await foldRollups(orm.em.fork(), todayIn(timeZone)).catch((error: unknown) => {
        console.error('rollup fold failed; reads stay exact, only slower until the next fold', error);
      });
      if (map) {
        await prepareTodaysMap(orm, todayIn(timeZone)).catch((error: unknown) => {
          console.error('preparing today’s map failed; its first reader prepares it instead', error);
        });
      }
    });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
