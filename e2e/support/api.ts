import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A trusted document, as the server knows it (schema/documents). */
export function trustedDocument(file: string): string {
  return readFileSync(join(__dirname, '..', '..', 'schema', 'documents', file), 'utf8');
}

/** A GraphQL caller of the server at `url`, logged in as a demo account. */
export async function graphqlAs(url: string, email: string) {
  const call = async (query: string, variables: object, token?: string) => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (body.errors) {
      throw new Error(JSON.stringify(body.errors));
    }
    return body.data;
  };
  const login = await call(trustedDocument('session-login.graphql'), { email, password: 'demo-password' });
  const token = (login?.login as { token: string }).token;
  return (query: string, variables: object) => call(query, variables, token);
}
