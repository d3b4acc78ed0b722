import { createServer } from 'node:http';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';

import type * as Pg from 'pg';
import type * as PostGraphile from 'postgraphile';
import type * as GraphileUtils from 'postgraphile/node_modules/graphile-utils';

/**
 * The peer: PostGraphile v4 serving the same database, its GraphQL generated from the tables (rollup
 * store included), started by the harness in a process of its own. It connects as the database's owner:
 * no row-level security and no tenancy checks, which favours it.
 *   DATABASE_URL=... PORT=... node -r ts-node/register/transpile-only src/peer.ts
 */

// PostGraphile 4 needs graphql 15, our API graphql 16. npm nests a copy of 15 under each PostGraphile
// package it hoists beside our 16, and graphql refuses types from another copy ("from another module or
// realm"). In this process only, every import of graphql resolves to PostGraphile's own copy.
const fromPostGraphile = createRequire(require.resolve('postgraphile/package.json'));
const graphql15 = dirname(fromPostGraphile.resolve('graphql/package.json'));
const resolver = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };
const resolve = resolver._resolveFilename;
resolver._resolveFilename = (request, ...rest) =>
  request === 'graphql' || request.startsWith('graphql/')
    ? resolve(request.replace(/^graphql/, graphql15), ...rest)
    : resolve(request, ...rest);

// Loaded after the resolver above, on purpose (an import statement would be hoisted before it).
/* eslint-disable @typescript-eslint/no-require-imports */
const { postgraphile } = require('postgraphile') as typeof PostGraphile;
const { makeJSONPgSmartTagsPlugin } = fromPostGraphile('graphile-utils') as typeof GraphileUtils;
const { Pool } = require('pg') as typeof Pg;
/* eslint-enable @typescript-eslint/no-require-imports */

const url = process.env.DATABASE_URL;
if (!url) {
  throw new Error('DATABASE_URL is required.');
}
// The rollup store has no foreign key to its units (it is kept by triggers): a smart tag gives PostGraphile
// the relation, PostGraphile's documented way, so that a unit's rollups are one field away as in our API.
const rollupRelation = makeJSONPgSmartTagsPlugin({
  version: 1,
  config: { class: { stat_rollup: { tags: { foreignKey: '(unit_id) references org_unit (id)' } } } },
});
// A pool the size of the API's, so that neither side has more connections.
const middleware = postgraphile(new Pool({ connectionString: url, max: 10 }), 'public', {
  appendPlugins: [rollupRelation],
  disableQueryLog: true,
  retryOnInitFail: false,
  ignoreRBAC: true,
  enableQueryBatching: false,
  graphiql: false,
});
const server = createServer(middleware);
server.listen(Number(process.env.PORT ?? 5000), '127.0.0.1', () => {
  console.log(`PostGraphile ready on ${process.env.PORT}`);
});
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
