import { hasKey, type MessageKey } from '../../i18n/index.ts';

/** An audit check's name in the page's language (its code where the catalogue has none, e.g. a future check). */
export const checkName = (tr: (k: MessageKey) => string, check: string) => {
  const key = `audit.check.${check}`;
  return hasKey(key) ? tr(key) : check;
};
