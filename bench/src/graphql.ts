/** One GraphQL request over HTTP, as the harness's setup and checks make it; any error throws. */
export async function ask<T>(url: string, query: string, variables: object = {}, token?: string): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (!body.data || body.errors) {
    throw new Error(`${query.replace(/\s+/g, ' ').slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

/** A session token for an account of the API. */
export async function login(url: string, email: string, password: string): Promise<string> {
  const data = await ask<{ login: { token: string } }>(
    url,
    'mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email, password },
  );
  return data.login.token;
}

/** A server's Prometheus metrics (/metrics with its token), each sample by its name and labels as written. */
export async function metricsOf(url: string, token: string): Promise<Map<string, number>> {
  const text = await (
    await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${token}` } })
  ).text();
  return new Map(
    text
      .split('\n')
      .filter((line) => line !== '' && !line.startsWith('#'))
      .map((line) => [line.slice(0, line.lastIndexOf(' ')), Number(line.slice(line.lastIndexOf(' ') + 1))]),
  );
}
