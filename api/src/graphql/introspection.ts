import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, type SelectionSetNode } from 'graphql';

import type { Context } from './context';

export type IntrospectionPolicy = 'on' | 'authenticated' | 'off';

function asksForSchema(selectionSet: SelectionSetNode): boolean {
  return selectionSet.selections.some(
    (selection) =>
      (selection.kind === 'Field' &&
        (selection.name.value === '__schema' || selection.name.value === '__type')) ||
      (selection.kind === 'InlineFragment' && asksForSchema(selection.selectionSet)),
  );
}

/**
 * Who may read the schema by introspection: everyone (`on`), callers with a token or an API key
 * (`authenticated`, the default: external tools generate their clients from it), or nobody (`off`, the
 * committed schema/schema.graphql is the contract). `__typename` is always allowed.
 */
export function introspectionPolicy(policy: IntrospectionPolicy): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, contextValue }) {
          if (policy === 'on' || !operation) {
            return;
          }
          const fragments = document.definitions.flatMap((definition) =>
            definition.kind === 'FragmentDefinition' ? [definition.selectionSet] : [],
          );
          if (![operation.selectionSet, ...fragments].some(asksForSchema)) {
            return;
          }
          if (policy === 'off') {
            throw new GraphQLError(
              'Introspection is disabled here: the schema is published as schema.graphql.',
              {
                extensions: { code: 'FORBIDDEN', http: { status: 403 } },
              },
            );
          }
          if (contextValue.viewer.kind === 'anonymous') {
            throw new GraphQLError('Log in or send an API key to read the schema.', {
              extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}
