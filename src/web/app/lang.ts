import { createContext, useCallback, useContext } from 'react';
import { isLang, pickLang, t, type Lang, type MessageKey } from '../../i18n/index.ts';

/** ?lang= when given (a link reproduces the language), else the browser's languages. */
export function langOf(params: URLSearchParams): Lang {
  const asked = params.get('lang');
  if (isLang(asked)) return asked;
  return pickLang(navigator.languages.join(','), 'en');
}

export const LangContext = createContext<Lang>('en');

/** The page language and a translator bound to it. */
export function useT(): { lang: Lang; tr: (key: MessageKey, vars?: Record<string, string | number>) => string } {
  const lang = useContext(LangContext);
  // Stable per language, so charts memoised on `tr` redraw only when the language changes.
  const tr = useCallback((key: MessageKey, vars?: Record<string, string | number>) => t(lang, key, vars), [lang]);
  return { lang, tr };
}
