import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';

import type { MikroORM } from '@mikro-orm/postgresql';

import { changesOf } from '../auth/auth.queries';
import { beginRequest } from '../auth/request-scope';
import { writerOf } from '../auth/viewer';
import { EVERYTHING } from '../db/data-version';
import type { Replicas } from '../db/replicas';
import { databaseRefusal, isUnavailable } from '../shared/db-errors';
import { hasWriteFailed, markSoleWrite } from '../shared/request-writes';
import { type Context, moveTo } from './context';

/** Where read-only operations may go: the replicas, and the primary when none will do. */
export interface ReadRouting {
  replicas: Replicas;
  primary: MikroORM;
}

/** "mutation recordActivity", for the audit log. */
function describe(operation: OperationDefinitionNode | undefined): string | null {
  if (!operation) {
    return null;
  }
  const fields = operation.selectionSet.selections
    .map((selection) => (selection.kind === 'Field' ? selection.name.value : null))
    .filter((name) => name !== null);
  return `${operation.operation} ${operation.name?.value ?? fields.join(',')}`;
}

/**
 * A query goes to a read replica when one will do (see Replicas.pick), and to the primary when the
 * replica cannot begin it. An answer read there is kept by the response cache only at the data version
 * the replica had caught up with.
 */
async function begin(
  ctx: Context,
  operation: OperationDefinitionNode | undefined,
  reads: ReadRouting | null,
) {
  const replica =
    reads && operation?.operation === 'query' && !ctx.reads.primaryOnly
      ? reads.replicas.pick(writerOf(ctx.viewer))
      : null;
  if (replica && reads) {
    moveTo(ctx, replica.orm);
    try {
      ctx.scope = await beginRequest(ctx.em, ctx.viewer, describe(operation), ctx.today);
      ctx.reads.replica = replica;
      if (ctx.dataVersion !== null) {
        ctx.dataVersion = Math.min(ctx.dataVersion, replica.caughtUpVersion);
      }
      return;
    } catch (error) {
      reads.replicas.failed(replica, error);
      moveTo(ctx, reads.primary);
    }
  }
  ctx.scope = await beginRequest(ctx.em, ctx.viewer, describe(operation), ctx.today);
}

/** The replica a read runs on went away under it: out of the rotation, and the read asked again. */
function replicaLost(ctx: Context, reads: ReadRouting | null, error: unknown): void {
  if (ctx.reads.replica && reads) {
    ctx.reads.failed = true;
    reads.replicas.failed(ctx.reads.replica, error);
  }
}

/**
 * Each operation runs in one transaction on one connection, opened with the viewer's scope as
 * transaction-local settings: row-level security reads them, and they vanish with the transaction, so
 * a pooled connection never carries one request's scope into the next.
 */
export function requestTransaction(reads: ReadRouting | null): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        // Opened before execution, so that a database that cannot be reached is one clear answer (503,
        // UNAVAILABLE) instead of an error in every field.
        async responseForOperation({ contextValue: ctx, operation }) {
          // One mutation field, written as a field (a fragment may hold several).
          const fields = operation?.selectionSet.selections ?? [];
          if (operation?.operation === 'mutation' && fields.length === 1 && fields[0].kind === Kind.FIELD) {
            markSoleWrite(ctx.em);
          }
          try {
            await begin(ctx, operation ?? undefined, reads);
            return null;
          } catch (error) {
            const refusal = databaseRefusal(error);
            if (!refusal) {
              throw error;
            }
            return {
              http: { status: 503, headers: new HeaderMap() },
              body: {
                kind: 'single',
                singleResult: { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] },
              },
            };
          }
        },
        // A field that failed because the replica went away (its statement cut, its connection lost): the
        // request is asked again of the primary (graphql/http.ts).
        async didEncounterErrors({ contextValue: ctx, errors }) {
          const lost = errors.find(
            (e) => e.extensions?.code === 'UNAVAILABLE' || isUnavailable(e.originalError),
          );
          if (lost) {
            replicaLost(ctx, reads, lost.originalError ?? lost);
          }
        },
        async executionDidStart({ contextValue: ctx, operation }) {
          return {
            async executionDidEnd(error) {
              if (ctx.reads.replica) {
                // A read: nothing to keep. A replica that failed under it has the request asked again of
                // the primary (graphql/http.ts).
                const failure =
                  error ??
                  (await ctx.em.commit().then(
                    () => null,
                    (e: unknown) => e,
                  ));
                if (error) {
                  await ctx.em.rollback().catch(() => undefined);
                }
                if (failure && isUnavailable(failure)) {
                  replicaLost(ctx, reads, failure);
                }
                return;
              }
              if (error || hasWriteFailed(ctx.em)) {
                await ctx.em.rollback().catch(() => undefined);
                return;
              }
              try {
                // What a write changed is read inside its transaction (the triggers noted it there).
                const changes = operation?.operation === 'query' ? null : await changesOf(ctx.em);
                await ctx.em.commit();
                ctx.changes = changes;
              } catch (commitError) {
                // Whether it committed is not known: anything may have changed.
                ctx.changes = EVERYTHING;
                await ctx.em.rollback().catch(() => undefined);
                if (!isUnavailable(commitError)) {
                  throw commitError;
                }
              }
            },
          };
        },
      };
    },
  };
}
