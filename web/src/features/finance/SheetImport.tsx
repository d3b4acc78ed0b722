import { useState } from 'react';

import { useLocale } from '../../app/i18n';
import { formatCount } from '../../components/format';
import { sayMessage, sayRefusal } from '../../components/messages';
import { SheetPick } from '../../components/SheetPick';
import { readToken } from '../session/token';

interface ImportProblem {
  row: number;
  column?: string;
  reason: string;
  messageCode?: string;
  params?: Record<string, unknown>;
}

interface ImportLine {
  progress?: { phase: 'validating' | 'writing'; done: number; total: number };
  result?: { imported: number; skipped: number; problems: ImportProblem[] };
  error?: { message: string; code: string };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/**
 * Sends a sheet to `POST /import/<kind>` and reads the answer as it streams (NDJSON): the progress lines
 * as they come (rows checked, rows written, of how many), then the result: the rows written, or every bad
 * row with its reason in the reader's language, nothing having been written.
 */
export function SheetImport({
  kind,
  columns,
  onImported,
}: {
  kind: 'collections';
  /** The columns the sheet needs, said to the reader. */
  columns: string;
  onImported: () => void;
}) {
  const { t, locale } = useLocale();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ImportLine['progress'] | null>(null);
  const [answer, setAnswer] = useState<ImportLine | null>(null);

  const send = async () => {
    if (!file) {
      return;
    }
    setBusy(true);
    setAnswer(null);
    setProgress(null);
    try {
      const xlsx = file.name.toLowerCase().endsWith('.xlsx');
      const response = await fetch(`/import/${kind}?format=${xlsx ? 'xlsx' : 'csv'}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${readToken() ?? ''}` },
        body: file,
      });
      if (!response.body) {
        throw new Error('no body');
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffered = '';
      let last: ImportLine | null = null;
      for (;;) {
        const { value, done } = await reader.read();
        buffered += value ?? '';
        const lines = buffered.split('\n');
        buffered = done ? '' : lines.pop()!;
        for (const line of lines.filter((l) => l.trim() !== '')) {
          const parsed = JSON.parse(line) as ImportLine;
          if (parsed.progress) {
            setProgress(parsed.progress);
          } else {
            last = parsed;
          }
        }
        if (done) {
          break;
        }
      }
      setAnswer(last);
      if (last?.result && last.result.problems.length === 0) {
        onImported();
      }
    } catch {
      setAnswer({ error: { message: t('problem.other'), code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      setBusy(false);
    }
  };

  const result = answer?.result;
  const failure = answer?.error ?? answer?.errors?.[0];
  return (
    <div className="sheet-import">
      <p>{columns}</p>
      <SheetPick
        label={t('import.file')}
        file={file}
        onPick={(picked) => {
          setFile(picked);
          setAnswer(null);
          setProgress(null);
        }}
      />{' '}
      <button type="button" disabled={!file || busy} onClick={() => void send()}>
        {t('import.send')}
      </button>
      {progress && (
        <p role="status">
          <progress max={Math.max(progress.total, 1)} value={progress.done} />{' '}
          {t(`import.${progress.phase}`, {
            done: formatCount(locale, progress.done),
            total: formatCount(locale, progress.total),
          })}
        </p>
      )}
      {failure && (
        <p role="alert" className="problem">
          {'extensions' in failure
            ? sayRefusal(
                t,
                failure.extensions?.code,
                failure.extensions?.messageCode,
                failure.extensions?.params,
              )
            : failure.message}
        </p>
      )}
      {result && result.problems.length === 0 && (
        <p role="status">{t('import.done', { count: formatCount(locale, result.imported) })}</p>
      )}
      {result && result.problems.length > 0 && (
        <ul role="alert" aria-label={t('import.rowErrors')} className="problem">
          {result.problems.map((p) => (
            <li key={`${p.row} ${p.column ?? ''} ${p.reason}`}>
              {p.row > 0 ? t('import.row', { row: p.row }) : ''}
              {p.column ? ` (${p.column})` : ''}: {sayMessage(t, p.messageCode, p.params) ?? p.reason}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
