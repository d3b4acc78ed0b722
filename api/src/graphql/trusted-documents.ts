import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';

import type { Context } from './context';

export type TrustedDocumentsPolicy = 'off' | 'allow' | 'require';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The web client's documents (schema/documents), by the SHA-256 of their text. */
export function loadTrustedDocuments(folder: string): Map<string, string> {
  const documents = new Map<string, string>();
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith('.graphql'))
    .sort()) {
    const text = readFileSync(join(folder, file), 'utf8');
    documents.set(sha256(text), text);
  }
  return documents;
}

/**
 * Apollo's persisted-query cache, filled with the trusted documents: a client may send
 * `extensions.persistedQuery.sha256Hash` alone instead of the document.
 */
export function trustedDocumentCache(documents: Map<string, string>): InMemoryLRUCache<string> {
  const cache = new InMemoryLRUCache<string>();
  for (const [hash, text] of documents) {
    // Apollo reads its persisted queries under the prefix "apq:".
    void cache.set(`apq:${hash}`, text);
  }
  return cache;
}

/**
 * `require`: a logged-in account (the web client's token) may run only the trusted documents, so that a
 * stolen session cannot run queries of its own; API keys, the tools' credential, may send any document.
 * `allow` serves the trusted documents by hash and accepts others from everyone; `off` does neither.
 */
export function trustedDocumentsPolicy(
  policy: TrustedDocumentsPolicy,
  documents: Map<string, string>,
): ApolloServerPlugin<Context> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, contextValue, source }) {
          if (policy !== 'require' || contextValue.viewer.kind !== 'account') {
            return;
          }
          const text = request.query ?? source;
          if (!text || !documents.has(sha256(text))) {
            throw new GraphQLError(
              'Sessions may run the web client’s documents only; tools use an API key.',
              {
                extensions: { code: 'FORBIDDEN', http: { status: 403 } },
              },
            );
          }
        },
      };
    },
  };
}
