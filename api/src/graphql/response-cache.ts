import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControl } from '@apollo/server/plugin/cacheControl';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';

import type { DataVersion } from '../db/data-version';
import type { Metrics } from '../observability/metrics';
import type { Context } from './context';

/** How long an answer may stay at most; the data version, not this, is what keeps answers current. */
const MAX_AGE_SECONDS = 600;

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
          } else if (request.operation && megabytes > 0) {
            metrics.responseCache.inc({ result: request.metrics.responseCacheHit ? 'hit' : 'miss' });
          }
        },
      };
    },
  };
  if (megabytes === 0) {
    // No cache here, but other instances may keep one.
    return [announceWrites];
  }
  // Null while the version is unknown: nothing is read from or written to the cache then.
  const known = async (request: { contextValue: Context }) => request.contextValue.dataVersion !== null;
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
      shouldReadFromCache: known,
      shouldWriteToCache: known,
    }),
    announceWrites,
  ];
}
