import { useEffect } from 'react';
import { LANGS, t } from '../../i18n/index.ts';
import { Async } from '../components/Async.tsx';
import { HealthPage } from '../pages/Health.tsx';
import { useApi } from './api.ts';
import { LangContext, langOf, useT } from './lang.ts';
import {
  AccountPageChunk,
  AuditPageChunk,
  DataPageChunk,
  ExperimentsPageChunk,
  FairnessPageChunk,
  PageChunk,
  RankingsPageChunk,
} from './lazy-pages.tsx';
import { MetaContext } from './meta.ts';
import { accountIdOf, PAGES, type PageId } from './pages.ts';
import { useUrl } from './url.ts';

/** The shell: navigation of the implemented pages, the language switch, and the page the URL names. */
export function App() {
  const url = useUrl();
  const lang = langOf(url.params);
  const meta = useApi('/api/meta');
  // /account/ID is reached from the account ids on the pages, not from the navigation.
  const accountId = accountIdOf(url.path);
  const page: PageId | 'account' =
    accountId !== null ? 'account' : ((PAGES.find((p) => `/${p}` === url.path) ?? 'health') as PageId);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = `${t(lang, `nav.${page}`)} · Ledger Lens`;
  }, [lang, page]);

  return (
    <LangContext.Provider value={lang}>
      <header className="top">
        <div className="brand">
          <strong>{t(lang, 'app.name')}</strong>
          <span>{t(lang, 'app.tagline')}</span>
        </div>
        <nav aria-label={t(lang, 'nav.label')}>
          {PAGES.map((p) => (
            <a
              key={p}
              href={`/${p}${location.search}`}
              aria-current={p === page ? 'page' : undefined}
              onClick={(e) => {
                e.preventDefault();
                url.navigate(`/${p}`, {}, true);
              }}
            >
              {t(lang, `nav.${p}`)}
            </a>
          ))}
        </nav>
        {/* biome-ignore lint/a11y/useSemanticElements: a labelled group of toggle buttons; a fieldset would add a legend and border the header has no room for */}
        <div className="lang" role="group" aria-label={t(lang, 'app.language')}>
          {LANGS.map((l) => (
            <button key={l} type="button" aria-pressed={l === lang} onClick={() => url.set({ lang: l })} lang={l}>
              {t(l, 'lang.name')}
            </button>
          ))}
        </div>
      </header>
      <main>
        <Async loaded={meta}>
          {(m) => (
            <MetaContext.Provider value={m}>
              {m.access?.scope_too_small ? (
                <ScopeTooSmall n={m.access.scope_too_small} scope={m.access.scope ?? ''} />
              ) : (
                <>
                  {page === 'health' ? <HealthPage url={url} /> : null}
                  {page !== 'health' ? (
                    <PageChunk key={page}>
                      {page === 'fairness' ? <FairnessPageChunk url={url} /> : null}
                      {page === 'audit' ? <AuditPageChunk url={url} /> : null}
                      {page === 'experiments' ? <ExperimentsPageChunk url={url} /> : null}
                      {page === 'rankings' ? <RankingsPageChunk url={url} /> : null}
                      {page === 'data' ? <DataPageChunk /> : null}
                      {accountId !== null ? <AccountPageChunk id={accountId} url={url} /> : null}
                    </PageChunk>
                  ) : null}
                </>
              )}
            </MetaContext.Provider>
          )}
        </Async>
      </main>
    </LangContext.Provider>
  );
}

/** A manager whose scope is smaller than min_group_size: every page would be this one refusal, so it stands alone. */
function ScopeTooSmall({ n, scope }: { n: number; scope: string }) {
  const { tr } = useT();
  return (
    <p className="banner bad" role="alert" data-testid="scope-too-small">
      {tr('app.scope_too_small', { n, scope })}
    </p>
  );
}
