import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { parse, print } from 'graphql';

import { sha256 } from '../src/graphql/trusted-documents';
import { openTestDatabase, type TestDatabase } from './support/database';
import { graphqlRunner, type GraphQLRunner } from './support/graphql';

const TREE = readFileSync(
  resolve(__dirname, '..', '..', 'schema', 'documents', 'org-unit-tree.graphql'),
  'utf8',
);

describe('trusted documents (the web client’s persisted queries)', () => {
  let db: TestDatabase;
  let api: GraphQLRunner;
  let token = '';
  let key = '';

  beforeAll(async () => {
    db = await openTestDatabase('demo');
    api = await graphqlRunner(db, { env: { TRUSTED_DOCUMENTS: 'require' } });
    const login = await api.http({
      query: 'mutation { login(email: "qn@demo.example", password: "demo-password") { token } }',
    });
    token = (login.json.data as { login: { token: string } }).login.token;
    const created = await api.run<{ createApiKey: { key: string } }>(
      'mutation { createApiKey(input: { unitCode: "QN", role: VIEWER, name: "tool" }) { key } }',
    );
    key = created.data!.createApiKey.key;
  });
  afterAll(async () => {
    await api.stop();
    await db.close();
  });

  const post = (body: object, credential: string) =>
    api.http(body as { query: string }, { authorization: `Bearer ${credential}` });

  it('runs a trusted document sent by its hash alone', async () => {
    const answer = await post(
      {
        extensions: { persistedQuery: { version: 1, sha256Hash: sha256(TREE) } },
        variables: { code: 'QN', asOf: '2022-12-31' },
      },
      token,
    );
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data).toMatchObject({ orgUnit: { code: 'QN' } });
  });

  it('refuses other documents from a session, and accepts them from an API key', async () => {
    const other = { query: '{ orgUnit(code: "QN") { code } }' };
    const fromSession = await post(other, token);
    expect(fromSession.status).toBe(403);
    expect(fromSession.json.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const fromTool = await post(other, key);
    expect(fromTool.json).toEqual({ data: { orgUnit: { code: 'QN' } } });
    const trustedText = await post({ query: TREE, variables: { code: 'QN', asOf: '2022-12-31' } }, token);
    expect(trustedText.json.errors).toBeUndefined();
  });

  it('accepts a trusted document as the web client sends it (printed, with __typename added)', async () => {
    const printed = print(parse(TREE)).replace('code\n    name', 'code\n    __typename\n    name');
    expect(printed).toContain('__typename');
    const answer = await post({ query: printed, variables: { code: 'QN', asOf: '2022-12-31' } }, token);
    expect(answer.json.errors).toBeUndefined();
    expect(answer.json.data).toMatchObject({ orgUnit: { code: 'QN' } });
    // One changed field is another document, refused.
    const altered = await post({ query: printed.replace('validTo', 'validFrom') }, token);
    expect(altered.status).toBe(403);
  });
});
