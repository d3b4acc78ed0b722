import type { ApolloServer, HTTPGraphQLRequest } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import type { Request, RequestHandler } from 'express';

import type { Context } from './context';

/**
 * GraphQL over HTTP (what `expressMiddleware` does), with one addition: a read that a replica failed
 * under (it stopped, or its connection broke) is asked again of the primary, so that no error reaches the
 * user. `contextOf` makes a request's context; `primaryOnly` keeps it off the replicas.
 */
export function graphqlHandler(
  apollo: ApolloServer<Context>,
  contextOf: (req: Request, primaryOnly: boolean) => Promise<Context>,
): RequestHandler {
  return async (req, res) => {
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) {
        headers.set(key, Array.isArray(value) ? value.join(', ') : value);
      }
    }
    const httpGraphQLRequest: HTTPGraphQLRequest = {
      method: req.method.toUpperCase(),
      headers,
      search: new URL(req.originalUrl, 'http://localhost').search,
      body: req.body as unknown,
    };
    const made: { context?: Context } = {};
    let response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest,
      context: async () => (made.context = await contextOf(req, false)),
    });
    if (made.context?.reads.failed) {
      response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest,
        context: () => contextOf(req, true),
      });
    }
    for (const [key, value] of response.headers) {
      res.setHeader(key, value);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.send(response.body.string);
      return;
    }
    for await (const chunk of response.body.asyncIterator) {
      res.write(chunk);
    }
    res.end();
  };
}
