import type { ApolloServerPlugin } from '@apollo/server';
import { type GraphQLError, Kind, visit } from 'graphql';

import { refusal } from '../shared/errors';
import type { Context } from './context';

/** The longest text any argument takes (names, notes, provenance quotes are far shorter). */
export const MAX_INPUT_TEXT = 2000;

/** C0 control characters and DEL; tab, line feed and carriage return are text. */
function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      return true;
    }
  }
  return false;
}

function refusalOf(text: string): GraphQLError | null {
  if (text.length > MAX_INPUT_TEXT) {
    return refusal('TEXT_TOO_LONG', { max: MAX_INPUT_TEXT, length: text.length });
  }
  if (hasControlCharacter(text)) {
    return refusal('TEXT_CONTROL_CHARACTER');
  }
  return null;
}

function* textsOf(value: unknown): Generator<string> {
  if (typeof value === 'string') {
    yield value;
  } else if (Array.isArray(value)) {
    for (const item of value) {
      yield* textsOf(item);
    }
  } else if (value && typeof value === 'object') {
    for (const item of Object.values(value)) {
      yield* textsOf(item);
    }
  }
}

/**
 * Every text a client sends as an argument, in the document or its variables, is refused with
 * BAD_USER_INPUT before anything runs when it is too long or holds a control character (a NUL byte
 * reached PostgreSQL and came back as an internal error; a 200,000-character name was stored).
 */
export const inputTextLimits: ApolloServerPlugin<Context> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ request, document }) {
        const texts = [...textsOf(request.variables ?? {})];
        visit(document, {
          [Kind.STRING]: (node) => {
            texts.push(node.value);
          },
        });
        for (const text of texts) {
          const refused = refusalOf(text);
          if (refused) {
            refused.extensions.http = { status: 400 };
            throw refused;
          }
        }
      },
    };
  },
};
