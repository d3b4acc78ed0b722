import { type ApolloServerPlugin, type GraphQLRequestContext, HeaderMap } from '@apollo/server';
import { LRUCache } from 'lru-cache';

import { writerOf } from '../auth/viewer';
import type { DataVersion, Footprint } from '../db/data-version';
import type { Metrics } from '../observability/metrics';
import type { Context } from './context';

/** How long an identical query waits for the first one's answer before it computes its own. */
const MAX_WAIT_MS = 2000;

type Data = Record<string, unknown>;

/** An answer, the data version it was computed at, and what it may have read. */
interface Answer {
  data: Data;
  version: number;
  footprint: Footprint;
}

/**
 * Whole answers of queries, served again while nothing has changed: a dashboard that many officers open
 * is computed once per change instead of once per request.
 *
 * An answer is served again only to the same viewer (the same session or API key, with the same grants),
 * for the same document and variables, on the same day, while nothing it may have read has changed: its
 * footprint is the viewer's scope (the subtrees of its roots, and what the units above them hand down),
 * and every change says which units it touched (db/data-version.ts), so a write in one province leaves
 * another province's answers standing. Every mutation and import records its changes before its answer
 * is sent, and changes made elsewhere arrive through PostgreSQL, so a read that begins after a write has
 * returned never gets an answer from before it. Answers with errors are not kept; mutations are never
 * cached. Identical queries that arrive while the first is computed wait for its answer (after each
 * change, the requests of a busy dashboard would otherwise all miss at once).
 *
 * Answers are kept as the objects that were sent (Apollo's response-cache plugin keeps JSON text for
 * shared stores, and parsing it back cost 14% of the API's CPU on a cached dashboard); nothing changes an
 * answer's data after execution. The LRU is bounded by the answers' JSON length (`megabytes` million
 * characters; as objects they take about as much). An answer found outdated is dropped.
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
      ? new LRUCache<string, Answer>({ maxSize: megabytes * 1_000_000, sizeCalculation: size })
      : null;
  // The first query of each key being computed, resolved once its answer is stored (or failed).
  const computing = new Map<string, Promise<void>>();
  const standing = (key: string): Answer | undefined => {
    const answer = answers?.get(key);
    if (answer && !version.unchangedSince(answer.version, answer.footprint)) {
      answers!.delete(key);
      return undefined;
    }
    return answer;
  };

  return {
    async requestDidStart() {
      // The key this request computes an answer for, and how it releases the queries waiting for it.
      const own: { key?: string; release?: () => void } = {};
      return {
        async responseForOperation(request) {
          if (
            !answers ||
            request.operation?.operation !== 'query' ||
            request.contextValue.dataVersion === null
          ) {
            return null;
          }
          const key = keyOf(request);
          const first = computing.get(key);
          if (first) {
            await waitFor(first, () => computing.get(key) === first && computing.delete(key));
          }
          const answer = standing(key);
          if (answer) {
            metrics.responseCache.inc({ result: 'hit' });
            return {
              http: { status: undefined, headers: new HeaderMap() },
              body: { kind: 'single', singleResult: { data: answer.data } },
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
          const ctx = request.contextValue;
          if (request.operation && request.operation.operation !== 'query') {
            // After the commit (executionDidEnd), before the answer leaves. (Writes made outside the
            // request's transaction, such as a password's, announce their changes through their triggers;
            // the writer's position is kept all the same, so that its next reads see them.)
            await version.changed(ctx.changes, writerOf(ctx.viewer));
            return;
          }
          const body = request.response.body;
          const footprint = ctx.scope.footprint();
          if (
            answers &&
            own.key &&
            version.unchangedSince(ctx.dataVersion!, footprint) &&
            body.kind === 'single' &&
            body.singleResult.data &&
            !body.singleResult.errors
          ) {
            answers.set(own.key, { data: body.singleResult.data, version: ctx.dataVersion!, footprint });
          }
          own.release?.();
        },
      };
    },
  };
}

/** The document, its variables, the viewer with its grants and the day. */
function keyOf(request: GraphQLRequestContext<Context>): string {
  const { viewer, today } = request.contextValue;
  return JSON.stringify([
    request.queryHash,
    request.operationName,
    request.request.variables ?? {},
    viewer,
    today,
  ]);
}

function size(answer: Answer, key: string): number {
  return JSON.stringify(answer.data).length + key.length + 8 * answer.footprint.reach.length;
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
