import { SHEET_LAYOUTS, type SheetKind } from '@cdvn/domain';
import { useEffect, useState } from 'react';

import { useDataChanged } from '../app/dataChanged';
import { useLocale } from '../app/i18n';
import { readToken } from '../features/session/token';
import { downloadCsv } from './exportTable';
import { formatCount } from './format';
import { sayMessage, sayRefusal } from './messages';
import { SheetPick } from './SheetPick';

interface ImportProblem {
  row: number;
  column?: string;
  reason: string;
  messageCode?: string;
  params?: Record<string, unknown>;
}

interface Progress {
  phase: 'validating' | 'writing';
  done: number;
  total: number;
}

interface ImportLine {
  progress?: Progress;
  result?: { imported: number; skipped: number; problems: ImportProblem[] };
  error?: { message: string; code: string };
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

/** A progress line, with when its phase's first line came and when this one did (ms). */
export type TimedProgress = Progress & { since: number; at: number };

/**
 * Rows a second and the seconds left, once a phase has run a second and is not finished (earlier the
 * rate says nothing); null otherwise.
 */
export function paceOf(line: TimedProgress): { rate: number; secondsLeft: number } | null {
  const seconds = (line.at - line.since) / 1000;
  if (seconds < 1 || line.done === 0 || line.done >= line.total) {
    return null;
  }
  const rate = line.done / seconds;
  return { rate: Math.round(rate), secondsLeft: Math.ceil((line.total - line.done) / rate) };
}

/** “Họ và tên”, “Giới tính”: the headers of a sheet's columns, quoted. */
function quoted(headers: readonly string[]): string {
  return headers.map((header) => `“${header}”`).join(', ');
}

/**
 * Sends a sheet to `POST /import/<kind>` and reads the answer as it streams (NDJSON): the progress lines
 * as they come (rows checked, rows written, of how many), then the result: the rows written, or every bad
 * row with its reason in the reader's language, nothing having been written. The columns the API reads
 * are listed from the sheet's layout (the one the API parses by), the required ones first.
 */
export function SheetImport({
  kind,
  hint,
}: {
  kind: SheetKind;
  /** What a row is and what the API does with a row already recorded, said to the reader. */
  hint: string;
}) {
  const { t, locale } = useLocale();
  const dataChanged = useDataChanged();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  // The progress line, with when its phase began (for the rate and the time left).
  const [progress, setProgress] = useState<TimedProgress | null>(null);
  const [answer, setAnswer] = useState<ImportLine | null>(null);
  // A clock while the import runs: a phase that reports no rows as it goes (the API writes a sheet's rows
  // in one statement) shows how long it has run.
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!busy) {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [busy]);

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
          const step = parsed.progress;
          if (step) {
            const at = Date.now();
            setProgress((before) => ({
              ...step,
              at,
              since: before?.phase === step.phase ? before.since : at,
            }));
          } else {
            last = parsed;
          }
        }
        if (done) {
          break;
        }
      }
      setAnswer(last);
      // The result says what was done: the progress line goes.
      setProgress(null);
      if (last?.result && last.result.problems.length === 0 && last.result.imported > 0) {
        // Every figure the rows count in (lists, totals, rollups up the tree) is asked again.
        dataChanged();
      }
    } catch {
      setAnswer({ error: { message: t('problem.other'), code: 'INTERNAL_SERVER_ERROR' } });
    } finally {
      setBusy(false);
    }
  };

  /** Rows a second and the time left, said. */
  const pace = (line: TimedProgress): string | null => {
    const figures = paceOf(line);
    return (
      figures &&
      t('import.pace', {
        rate: formatCount(locale, figures.rate),
        left:
          figures.secondsLeft < 60
            ? t('import.seconds', { count: figures.secondsLeft })
            : t('import.minutes', { count: Math.ceil(figures.secondsLeft / 60) }),
      })
    );
  };
  const { headers, required: needed } = SHEET_LAYOUTS[kind];
  const all: Record<string, string> = headers;
  const required = needed.map((key: string) => all[key]);
  const optional = Object.values(all).filter((header) => !required.includes(header));
  const result = answer?.result;
  const failure = answer?.error ?? answer?.errors?.[0];
  return (
    <div className="sheet-import">
      <p>{hint}</p>
      <p>
        {t('import.columns', { required: quoted(required), optional: quoted(optional) })}{' '}
        <button
          type="button"
          onClick={() => downloadCsv(t(`import.template.${kind}`), Object.values(all), [])}
        >
          {t('import.templateButton')}
        </button>
      </p>
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
      {progress && progress.phase === 'writing' && progress.done === 0 && progress.total > 0 ? (
        <p role="status">
          <progress />{' '}
          {t('import.writingAll', {
            total: formatCount(locale, progress.total),
            seconds: Math.max(0, Math.floor((now - progress.since) / 1000)),
          })}
        </p>
      ) : (
        progress && (
          <p role="status">
            <progress max={Math.max(progress.total, 1)} value={progress.done} />{' '}
            {t(`import.${progress.phase}`, {
              done: formatCount(locale, progress.done),
              total: formatCount(locale, progress.total),
            })}
            {pace(progress) && ` · ${pace(progress)}`}
          </p>
        )
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
        <p role="status">
          {t('import.done', { count: formatCount(locale, result.imported) })}
          {result.skipped > 0 && ` ${t('import.skipped', { count: formatCount(locale, result.skipped) })}`}
        </p>
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
