import { useLocale } from '../app/i18n';
import { formatCount } from './format';

/** "Trang 2 · 5.202 bản ghi", with the previous and next pages; the count may come after the page. */
export function Pager({
  page,
  total,
  hasNext,
  onPrevious,
  onNext,
}: {
  page: number;
  /** Unknown while it is being counted. */
  total: number | undefined;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
}) {
  const { t, locale } = useLocale();
  return (
    <nav className="pager" aria-label={t('records.pages')}>
      <button type="button" onClick={onPrevious} disabled={page === 1}>
        {t('records.previous')}
      </button>
      <span role="status">
        {t('records.page', { page })} ·{' '}
        {total === undefined ? t('records.counting') : t('records.count', { n: formatCount(locale, total) })}
      </span>
      <button type="button" onClick={onNext} disabled={!hasNext}>
        {t('records.next')}
      </button>
    </nav>
  );
}
