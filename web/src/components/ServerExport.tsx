import { useState } from 'react';

import { useLocale } from '../app/i18n';
import { readToken } from '../features/session/token';
import { download } from './exportTable';

/**
 * Every row, not just the page on screen: the API's `/export/members|activities` in the layout its import
 * reads back. The token goes in a header (never in the URL), so the file is fetched, then saved.
 */
export function ServerExport({
  kind,
  query,
}: {
  kind: 'members' | 'activities';
  query: Record<string, string>;
}) {
  const { t } = useLocale();
  const [failed, setFailed] = useState(false);
  const save = async (format: 'csv' | 'xlsx') => {
    setFailed(false);
    const search = new URLSearchParams({ ...query, format });
    const response = await fetch(`/export/${kind}?${search}`, {
      headers: { authorization: `Bearer ${readToken() ?? ''}` },
    });
    if (!response.ok) {
      setFailed(true);
      return;
    }
    const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    download(await response.blob(), name ?? `${kind}.${format}`);
  };
  return (
    <>
      <button type="button" onClick={() => void save('csv')}>
        {t('records.exportAllCsv')}
      </button>
      <button type="button" onClick={() => void save('xlsx')}>
        {t('records.exportAllXlsx')}
      </button>
      {failed && (
        <span role="alert" className="problem">
          {t('problem.other')}
        </span>
      )}
    </>
  );
}
