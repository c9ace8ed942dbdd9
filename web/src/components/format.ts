// Display formats shared by the pages.

/** Epoch seconds as local date and time; "—" for 0 or null. */
export function formatTime(epoch: number | null | undefined, locale: string): string {
  if (!epoch) return '—';
  return new Date(epoch * 1000).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** A deadline as the API gives it (YYYY-MM-DD, or epoch seconds from older servers). */
export function formatDay(value: number | string | null | undefined, locale: string): string {
  if (value === null || value === undefined || value === '' || value === 0) return '—';
  if (typeof value === 'string') return value;
  return new Date(value * 1000).toLocaleDateString(locale);
}

/** A deadline as an <input type="date"> value. */
export function dayInputValue(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === 0) return '';
  if (typeof value === 'string') return value.slice(0, 10);
  return new Date(value * 1000).toISOString().slice(0, 10);
}

export function formatEpss(epss: number | null | undefined): string {
  return epss === null || epss === undefined ? '—' : `${(epss * 100).toFixed(2)}%`;
}

export function formatScore(score: number | undefined): string {
  return score ? score.toFixed(1) : '—';
}

/** A package version as distributions write it: [epoch:]version[-release]. */
export function versionText(s: { epoch: number; version: string; release: string }): string {
  return [s.epoch ? `${s.epoch}:` : '', s.version, s.release ? `-${s.release}` : ''].join('');
}
