import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import { LRUCache } from 'lru-cache';

import type { DataVersion } from '../db/data-version';
import type { Metrics } from '../observability/metrics';
import type { Context } from './context';

/** How long an identical query waits for the first one's answer before it computes its own. */
const MAX_WAIT_MS = 2000;

type Data = Record<string, unknown>;

/**
 * Whole answers of queries, served again while nothing has changed: a dashboard that many officers open
 * is computed once per change instead of once per request.
 *
 * An answer is served again only to the same viewer (the same session or API key, with the same grants),
 * for the same document and variables, on the same day, at the same data version. Every mutation and
 * import bumps the version before its answer is sent, and changes made elsewhere arrive through
 * PostgreSQL (db/data-version.ts), so a read that begins after a write has returned never gets an answer
 * from before it. Answers with errors are not kept; mutations are never cached. Identical queries that
 * arrive while the first is computed wait for its answer (after each change, the requests of a busy
 * dashboard would otherwise all miss at once).
 *
 * Answers are kept as the objects that were sent (Apollo's response-cache plugin keeps JSON text for
 * shared stores, and parsing it back cost 14% of the API's CPU on a cached dashboard); nothing changes an
 * answer's data after execution. The LRU is bounded by the answers' JSON length (`megabytes` million
 * characters; as objects they take about as much). Only the current version's answers are kept.
 *
 * Must come before `requestTransaction` among the plugins: a cached answer opens no transaction. With
 * `megabytes` 0 nothing is cached here, and this instance's writes are still announced.
 */
export function responseCache(
  version: DataVersion,
  megabytes: number,
  metrics: Metrics,
): ApolloServerPlugin<Context> {
  const answers =
    megabytes > 0
      ? new LRUCache<string, Data>({ maxSize: megabytes * 1_000_000, sizeCalculation: size })
      : null;
  // The first query of each key being computed, resolved once its answer is stored (or failed).
  const computing = new Map<string, Promise<void>>();
  // Every key holds the data version, and the version only grows: once it moves, the answers kept are
  // never asked for again, so they go at once instead of filling the LRU.
  let current = 0;
  const atVersion = (version: number): boolean => {
    if (version > current) {
      answers?.clear();
      current = version;
    }
    return version === current;
  };

  return {
    async requestDidStart() {
      // The key this request computes an answer for, and how it releases the queries waiting for it.
      const own: { key?: string; release?: () => void } = {};
      return {
        async responseForOperation(request) {
          const version = request.contextValue.dataVersion;
          if (
            !answers ||
            request.operation?.operation !== 'query' ||
            version === null ||
            !atVersion(version)
          ) {
            return null;
          }
          const key = keyOf(request);
          const first = computing.get(key);
          if (first) {
            await waitFor(first, () => computing.get(key) === first && computing.delete(key));
          }
          const data = answers.get(key);
          if (data) {
            metrics.responseCache.inc({ result: 'hit' });
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: { data } },
            };
          }
          metrics.responseCache.inc({ result: 'miss' });
          own.key = key;
          if (!first) {
            computing.set(
              key,
              new Promise<void>((resolve) => {
                own.release = () => {
                  computing.delete(key);
                  resolve();
                };
              }),
            );
          }
          return null;
        },
        async willSendResponse(request) {
          if (request.operation && request.operation.operation !== 'query') {
            // After the commit (executionDidEnd), before the answer leaves.
            await version.changed();
            return;
          }
          const body = request.response.body;
          if (
            answers &&
            own.key &&
            atVersion(request.contextValue.dataVersion!) &&
            body.kind === 'single' &&
            body.singleResult.data &&
            !body.singleResult.errors
          ) {
            answers.set(own.key, body.singleResult.data);
          }
          own.release?.();
        },
      };
    },
  };
}

/** The document, its variables, the viewer with its grants, the day and the data version. */
function keyOf(request: GraphQLRequestContext<Context>): string {
  const { dataVersion, viewer, today } = request.contextValue;
  return JSON.stringify([
    request.queryHash,
    request.operationName,
    request.request.variables ?? {},
    viewer,
    today,
    dataVersion,
  ]);
}

function size(data: Data, key: string): number {
  return JSON.stringify(data).length + key.length;
}

/** Waits for the first query's answer, at most MAX_WAIT_MS; `abandon` runs when it did not come. */
async function waitFor(first: Promise<void>, abandon: () => unknown): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const came = await Promise.race([
    first.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), MAX_WAIT_MS);
    }),
  ]);
  clearTimeout(timer);
  if (!came) {
    abandon();
  }
}
