import type { ApolloServerPlugin } from '@apollo/server';

import type { Context } from './context';

/** The errors of a request that never ran: the document, or the variables, are not valid. */
const REQUEST_ERRORS = new Set(['GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT']);

/**
 * GraphQL over HTTP: a client that accepts only `application/json` SHOULD get status 200 for a document
 * that does not parse or validate, or variables that do not coerce (the errors are in the body); with
 * `application/graphql-response+json` the 4xx status stays. Apollo answers 400 in both cases.
 */
export const jsonErrorStatus: ApolloServerPlugin<Context> = {
  async requestDidStart({ request }) {
    return {
      async willSendResponse({ response }) {
        const accept = request.http?.headers.get('accept') ?? '';
        if (
          response.http.status === 400 &&
          !accept.includes('application/graphql-response+json') &&
          response.body.kind === 'single' &&
          !response.body.singleResult.data &&
          (response.body.singleResult.errors ?? []).every((error) =>
            REQUEST_ERRORS.has(String(error.extensions?.code)),
          )
        ) {
          response.http.status = 200;
        }
      },
    };
  },
};
