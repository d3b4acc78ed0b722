import type { ApolloServerPlugin } from '@apollo/server';
import type { OperationDefinitionNode } from 'graphql';

import { Scope } from '../auth/scope';
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
      async executionDidStart({ contextValue: ctx, operation }) {
        await ctx.em.begin();
        try {
          ctx.scope = await Scope.begin(ctx.em, ctx.viewer, describe(operation));
        } catch (error) {
          await ctx.em.rollback();
          throw error;
        }
        return {
          async executionDidEnd(error) {
            if (error) {
              await ctx.em.rollback();
              return;
            }
            try {
              await ctx.em.commit();
            } catch (commitError) {
              console.error(commitError);
              await ctx.em.rollback().catch(() => undefined);
            }
          },
        };
      },
    };
  },
};
