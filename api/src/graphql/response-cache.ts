import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

import type { DataVersion } from '../db/data-version';
import type { Metrics } from '../observability/metrics';
import type { Context } from './context';

/** How long an answer may stay at most; the data version, not this, is what keeps answers current. */
const MAX_AGE_SECONDS = 600;

/** How long an identical query waits for the first one's answer before it computes its own. */
const MAX_WAIT_MS = 2000;

/**
 * Whole answers of queries, served again while nothing has changed: a dashboard that many officers open
 * is computed once per change instead of once per request.
 *
 * An answer is served again only to the same viewer (the same session or API key, with the same grants),
 * for the same document and variables, on the same day, at the same data version. Every mutation and
 * import bumps the version before its answer is sent, and changes made elsewhere arrive through
 * PostgreSQL (db/data-version.ts), so a read that begins after a write has returned never gets an answer
 * from before it. Answers with errors are not kept; mutations are never cached.
 *
 * Must come before `requestTransaction` among the plugins: a cached answer opens no transaction. With
 * `megabytes` 0 nothing is cached here, and this instance's writes are still announced.
 */
export function responseCache(
  version: DataVersion,
  megabytes: number,
  metrics: Metrics,
): ApolloServerPlugin<Context>[] {
  const announceWrites: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      return {
        async willSendResponse(request) {
          if (request.operation && request.operation.operation !== 'query') {
            // After the commit (executionDidEnd), before the answer leaves.
            await version.changed();
          }
        },
      };
    },
  };
  if (megabytes === 0) {
    // No cache here, but other instances may keep one.
    return [announceWrites];
  }
  // Identical queries arriving while the first is computed wait for its answer instead of computing it
  // again (after each change, the requests of a busy dashboard would otherwise all miss at once).
  const computing = new Map<string, Promise<void>>();
  const computed = new WeakMap<object, () => void>();
  return [
    // Each answer counts as cacheable; no Cache-Control header leaves the server (an answer is private).
    ApolloServerPluginCacheControl({ defaultMaxAge: MAX_AGE_SECONDS, calculateHttpHeaders: false }),
    responseCachePlugin<Context>({
      cache: new InMemoryLRUCache({ maxSize: megabytes * 2 ** 20 }),
      extraCacheKeyData: async ({ contextValue: { dataVersion, viewer, today } }) => ({
        dataVersion,
        viewer,
        today,
      }),
      // Null while the version is unknown: nothing is read from or written to the cache then.
      shouldReadFromCache: async (request) => {
        const { dataVersion, viewer, today } = request.contextValue;
        if (dataVersion === null) {
          return false;
        }
        const key = JSON.stringify([
          request.queryHash,
          request.operationName,
          request.request.variables ?? {},
          dataVersion,
          viewer,
          today,
        ]);
        const first = computing.get(key);
        if (first) {
          const waited = await Promise.race([
            first.then(() => true),
            new Promise<boolean>((resolve) => setTimeout(() => resolve(false), MAX_WAIT_MS).unref()),
          ]);
          if (!waited && computing.get(key) === first) {
            // Never released: the next identical query computes again instead of waiting.
            computing.delete(key);
          }
        } else {
          let done = () => {};
          computing.set(key, new Promise<void>((resolve) => (done = resolve)));
          computed.set(request.request, () => {
            computing.delete(key);
            done();
          });
        }
        return true;
      },
      shouldWriteToCache: async (request) => request.contextValue.dataVersion !== null,
    }),
    announceWrites,
    {
      async requestDidStart() {
        return {
          async willSendResponse(request) {
            if (request.operation?.operation === 'query') {
              metrics.responseCache.inc({ result: request.metrics.responseCacheHit ? 'hit' : 'miss' });
            }
            const release = computed.get(request.request);
            if (release) {
              // Once the cache plugin has stored the answer (its own willSendResponse, a few ticks on).
              setImmediate(release);
            }
          },
        };
      },
    },
  ];
}
