import { cacheExchange, Client, fetchExchange, mapExchange } from 'urql';

/**
 * The one urql client of a session: it sends the token with every request, and reports a refused
 * token (expired, revoked) so that the app can ask for a login again. POST keeps Apollo's CSRF
 * prevention satisfied.
 */
export function createClient(token: string | null, onUnauthenticated: () => void): Client {
  return new Client({
    url: '/graphql',
    exchanges: [
      mapExchange({
        onError(error) {
          if (token && error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
            onUnauthenticated();
          }
        },
      }),
      cacheExchange,
      fetchExchange,
    ],
    preferGetMethod: false,
    fetchOptions: () => (token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
}
