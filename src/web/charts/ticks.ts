import { formatDate } from '../../i18n/format.ts';
import type { Lang } from '../../i18n/index.ts';

/** A day tick without its year, in the page's language ("Mar 5" / "3月5日"); Plot's own ticks are English only. */
export function dayTick(lang: Lang): (d: Date) => string {
  return (d: Date) => formatDate(lang, d).replace(/,? \d{4}$|^\d{4}年/, '');
}
