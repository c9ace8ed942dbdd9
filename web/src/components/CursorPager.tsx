// Keyset paging: "first page" and "next page" (the API pages forward only).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export function CursorPager({ page, hasNext, onNext, onFirst, label }: { page: number; hasNext: boolean; onNext: () => void; onFirst: () => void; label: string }) {
  const { t } = useTranslation();
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" className="btn" disabled={page === 1} onClick={onFirst}>{t('common.firstPage')}</button>
      <span className="muted">{t('common.page', { page })}</span>
      <button type="button" className="btn" disabled={!hasNext} onClick={onNext}>{t('common.nextPage')}</button>
    </nav>
  );
}

/** Cursor state for a CursorPager: the cursor of the current page and its number. */
export function useCursor<C>() {
  const [state, setState] = useState<{ cursor?: C; page: number }>({ page: 1 });
  return {
    cursor: state.cursor,
    page: state.page,
    next: (cursor: C) => setState((s) => ({ cursor, page: s.page + 1 })),
    first: () => setState({ page: 1 }),
  };
}
