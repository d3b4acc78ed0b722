import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { ApolloServerPlugin } from '@apollo/server';
import { InMemoryLRUCache } from '@apollo/utils.keyvaluecache';
import { type DocumentNode, GraphQLError, parse, print, visit } from 'graphql';

import type { Context } from './context';

export type TrustedDocumentsPolicy = 'off' | 'allow' | 'require';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A document as the policy compares it: printed by graphql's rules (no comments, canonical spacing) and
 * without `__typename` selections, which the web client's cache adds to every selection set. Naming an
 * object's type reveals nothing its other fields do not.
 */
export function canonicalDocument(document: DocumentNode): string {
  return print(
    visit(document, {
      Field: (field) => (field.name.value === '__typename' && !field.alias ? null : undefined),
    }),
  );
}

/** The web client's documents (schema/documents), by the SHA-256 of their text as written and canonical. */
export function loadTrustedDocuments(folder: string): Map<string, string> {
  const documents = new Map<string, string>();
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith('.graphql'))
    .sort()) {
    const text = readFileSync(join(folder, file), 'utf8');
    const canonical = canonicalDocument(parse(text));
    documents.set(sha256(text), text);
    documents.set(sha256(canonical), canonical);
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
        async didResolveOperation({ request, contextValue, source, document }) {
          if (policy !== 'require' || contextValue.viewer.kind !== 'account') {
            return;
          }
          const text = request.query ?? source;
          const trusted =
            text && (documents.has(sha256(text)) || documents.has(sha256(canonicalDocument(document))));
          if (!trusted) {
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
