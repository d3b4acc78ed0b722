import type { CombinedError } from 'urql';

import { useLocale } from '../app/i18n';
import { codeOf } from './problems';

/** A failed query, explained in the user's language; the API's own words are not shown to the user. */
export function Problem({ error }: { error: CombinedError }) {
  const { t } = useLocale();
  return (
    <p role="alert" className="problem">
      {t(`problem.${codeOf(error)}`)}
    </p>
  );
}
