import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { useState } from 'react';
import { type AnyVariables, useMutation } from 'urql';

import { useLocale } from '../app/i18n';
import { sayMessage } from './messages';
import { fieldProblems } from './problems';

/**
 * Figures every write can change. urql's document cache drops cached answers holding these types after a
 * successful write, so that the dashboard's figures show the write at once.
 */
const REFRESHED = [
  'OrgUnit',
  'UnitStats',
  'MemberConnection',
  'ActivityConnection',
  'AwardConnection',
  'Collection',
  'FinanceMonth',
];

export interface WriteState {
  fields: Record<string, string>;
  form: string[];
  fetching: boolean;
}

/** A mutation for a form: its refusals split per field, the rest above the form. */
export function useWrite<Data, Variables extends AnyVariables>(
  document: TypedDocumentNode<Data, Variables>,
): [WriteState, (variables: Variables) => Promise<Data | null>] {
  const { t } = useLocale();
  const [{ fetching }, run] = useMutation(document);
  // A locked period says, in the reader's language, which report locks it and who can reopen it.
  const explain = (code: string, extensions: Record<string, unknown>) =>
    sayMessage(t, extensions.messageCode, extensions.params) ??
    (code === 'PERIOD_LOCKED'
      ? t('problem.PERIOD_LOCKED', {
          ...extensions,
          stateLabel: t(`reports.state.${String(extensions.state)}`),
          reopen: extensions.reopenBy
            ? t('problem.reopenBy', { unit: extensions.reopenBy })
            : t('problem.reopenNobody'),
        })
      : null);
  const [problems, setProblems] = useState<{ fields: Record<string, string>; form: string[] }>({
    fields: {},
    form: [],
  });
  const write = async (variables: Variables) => {
    const result = await run(variables, { additionalTypenames: REFRESHED });
    if (result.error) {
      setProblems(fieldProblems(result.error, explain));
      return null;
    }
    setProblems({ fields: {}, form: [] });
    return result.data ?? null;
  };
  return [{ ...problems, fetching }, write];
}
