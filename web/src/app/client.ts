import { cacheExchange, Client, fetchExchange } from 'urql';

/** The one urql client of the app. POST keeps Apollo's CSRF prevention satisfied. */
export const client = new Client({
  url: '/graphql',
  exchanges: [cacheExchange, fetchExchange],
  preferGetMethod: false,
});
