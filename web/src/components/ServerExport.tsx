import { useState } from 'react';

import { useLocale } from '../app/i18n';
import { readToken } from '../features/session/token';
import { download } from './exportTable';
import { sayRefusal } from './messages';

/** The API's refusal of a download in GraphQL's shape, or nothing when the answer is not one. */
async function refusalOf(
  response: Response,
): Promise<{ code?: string; messageCode?: string; params?: unknown } | undefined> {
  const body = (await response.json().catch(() => null)) as {
    errors?: Array<{ extensions?: { code?: string; messageCode?: string; params?: unknown } }>;
  } | null;
  return body?.errors?.[0]?.extensions;
}

/**
 * A file the API makes (an export, a report): the token goes in a header (never in the URL), so the file
 * is fetched, then saved under the name the API gives it.
 */
export function ServerDownload({
  path,
  query,
  formats,
}: {
  path: string;
  query: Record<string, string>;
  formats: Array<{ format: string; label: string }>;
}) {
  const { t } = useLocale();
  const [failed, setFailed] = useState<string | null>(null);
  const save = async (format: string) => {
    setFailed(null);
    const search = new URLSearchParams({ ...query, format });
    const response = await fetch(`${path}?${search}`, {
      headers: { authorization: `Bearer ${readToken() ?? ''}` },
    });
    if (!response.ok) {
      // Said in the reader's words: a sheet too large for XLSX says to take CSV.
      const refusal = await refusalOf(response);
      setFailed(sayRefusal(t, refusal?.code, refusal?.messageCode, refusal?.params));
      return;
    }
    const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    download(await response.blob(), name ?? `download.${format}`);
  };
  return (
    <>
      {formats.map(({ format, label }) => (
        <button key={format} type="button" onClick={() => void save(format)}>
          {label}
        </button>
      ))}
      {failed && (
        <span role="alert" className="problem">
          {failed}
        </span>
      )}
    </>
  );
}

/** Every row, not just the page on screen: the API's `/export/members|activities` in the layout its import reads back. */
export function ServerExport({
  kind,
  query,
}: {
  kind: 'members' | 'activities';
  query: Record<string, string>;
}) {
  const { t } = useLocale();
  return (
    <ServerDownload
      path={`/export/${kind}`}
      query={query}
      formats={[
        { format: 'csv', label: t('records.exportAllCsv') },
        { format: 'xlsx', label: t('records.exportAllXlsx') },
      ]}
    />
  );
}
