import { type ApolloServerPlugin, HeaderMap } from '@apollo/server';
import { Kind, type OperationDefinitionNode } from 'graphql';

import { changesOf } from '../auth/auth.queries';
import { beginRequest } from '../auth/request-scope';
import { EVERYTHING } from '../db/data-version';
import { databaseRefusal, isUnavailable } from '../shared/db-errors';
import { hasWriteFailed, markSoleWrite } from '../shared/request-writes';
import type { Context } from './context';

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
 * Each operation runs in one transaction on one connection, opened with the viewer's scope as
 * transaction-local settings: row-level security reads them, and they vanish with the transaction, so
 * a pooled connection never carries one request's scope into the next.
 */
export const requestTransaction: ApolloServerPlugin<Context> = {
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
          ctx.scope = await beginRequest(ctx.em, ctx.viewer, describe(operation), ctx.today);
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
      async executionDidStart({ contextValue: ctx, operation }) {
        return {
          async executionDidEnd(error) {
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
