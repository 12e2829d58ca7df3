import { appEn } from './app-en.ts';
import { appZhCN } from './app-zh-CN.ts';
import { auditEn } from './audit-en.ts';
import { auditZhCN } from './audit-zh-CN.ts';
import { casesEn } from './cases-en.ts';
import { casesZhCN } from './cases-zh-CN.ts';
import { en } from './en.ts';
import { expEn } from './exp-en.ts';
import { expZhCN } from './exp-zh-CN.ts';
import { pagesEn } from './pages-en.ts';
import { pagesZhCN } from './pages-zh-CN.ts';
import { zhCN } from './zh-CN.ts';

const enAll = { ...en, ...appEn, ...expEn, ...auditEn, ...pagesEn, ...casesEn };

/** Every message key: the report's (en.ts) and the dashboard's (app-en.ts). */
export type MessageKey = keyof typeof enAll;

export const LANGS = ['zh-CN', 'en'] as const;
export type Lang = (typeof LANGS)[number];

const catalogues: Record<Lang, Record<MessageKey, string>> = {
  'zh-CN': { ...zhCN, ...appZhCN, ...expZhCN, ...auditZhCN, ...pagesZhCN, ...casesZhCN },
  en: enAll,
};

export function isLang(v: unknown): v is Lang {
  return typeof v === 'string' && (LANGS as readonly string[]).includes(v);
}

/** True for a key the catalogues have (names built at run time, e.g. a check's name from the data). */
export function hasKey(key: string): key is MessageKey {
  return key in enAll;
}

/** Every key of a catalogue; tests compare the two so a missing translation fails. */
export function messageKeys(lang: Lang): string[] {
  return Object.keys(catalogues[lang]);
}

/**
 * The message for `key` in `lang`, with `{name}` replaced by `vars.name`. Values are inserted as given:
 * format numbers with ./format.ts first, and escape the result when it goes into HTML.
 */
export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = catalogues[lang][key] ?? enAll[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

/**
 * The best of our languages for an HTTP Accept-Language header ("zh-TW;q=0.8, en;q=0.5"): any Chinese
 * variant maps to zh-CN, any English to en; by quality, then order. Unknown or empty → `fallback`.
 */
export function pickLang(acceptLanguage: string | undefined, fallback: Lang = 'en'): Lang {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(quality) ? quality : 0, i };
    })
    .filter((x) => x.tag !== '' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return fallback;
}

const ATTRIBUTES = ['department', 'region', 'role', 'gender', 'tenure_band', 'level'] as const;

/** A grouping attribute's display name: translated when it is one we know, else as it appears in the data. */
export function attributeName(lang: Lang, attribute: string): string {
  return (ATTRIBUTES as readonly string[]).includes(attribute)
    ? t(lang, `attr.${attribute as (typeof ATTRIBUTES)[number]}`)
    : attribute;
}

/** An attribute's name standing alone (a picker option, a chip, a column title): capitalised in English. */
export function attributeLabel(lang: Lang, attribute: string): string {
  const name = attributeName(lang, attribute);
  return lang === 'en' ? name.charAt(0).toUpperCase() + name.slice(1) : name;
}

/** A ledger event type (earn, redeem …) in `lang`; a type we do not know is shown as stored. */
export function eventTypeName(lang: Lang, type: string): string {
  const key = `event.${type}`;
  return hasKey(key) ? t(lang, key) : type;
}

/** A ledger column's display name (event_id → "Event id" / "记录编号"); other names are shown as they are. */
export function fieldName(lang: Lang, field: string): string {
  const key = `field.${field}`;
  return hasKey(key) ? t(lang, key) : field;
}
