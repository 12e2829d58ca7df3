import { Component, lazy, type ReactNode, Suspense } from 'react';
import { t } from '../../i18n/index.ts';
import { useT } from './lang.ts';

// Health is where most visits start (and the page `/` shows): it comes with the app itself. Every other page is a
// chunk of its own, fetched when first shown, so the first paint parses and runs only what Health needs.
export const FairnessPageChunk = lazy(() => import('../pages/Fairness.tsx').then((m) => ({ default: m.FairnessPage })));
export const AuditPageChunk = lazy(() => import('../pages/Audit.tsx').then((m) => ({ default: m.AuditPage })));
export const ExperimentsPageChunk = lazy(() =>
  import('../pages/Experiments.tsx').then((m) => ({ default: m.ExperimentsPage })),
);
export const RankingsPageChunk = lazy(() => import('../pages/Rankings.tsx').then((m) => ({ default: m.RankingsPage })));
export const DataPageChunk = lazy(() => import('../pages/Data.tsx').then((m) => ({ default: m.DataPage })));
export const AccountPageChunk = lazy(() => import('../pages/Account.tsx').then((m) => ({ default: m.AccountPage })));

/** A lazily loaded page: the loading line while its chunk arrives, its own error (with a reload) if it cannot. */
export function PageChunk({ children }: { children: ReactNode }) {
  const { lang, tr } = useT();
  return (
    <ChunkBoundary lang={lang}>
      <Suspense
        fallback={
          <div className="loading" style={{ minHeight: 300 }} role="status">
            {tr('app.loading')}
          </div>
        }
      >
        {children}
      </Suspense>
    </ChunkBoundary>
  );
}

/**
 * A page's chunk that fails to load (the server went away, or the app was rebuilt and its old chunks removed while
 * this tab was open) shows the part's error instead of blanking the app; trying again reloads the app.
 */
class ChunkBoundary extends Component<{ lang: Parameters<typeof t>[0]; children: ReactNode }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="error-box" role="alert">
        <p>{t(this.props.lang, 'app.error', { message: error.message })}</p>
        <button type="button" onClick={() => location.reload()}>
          {t(this.props.lang, 'app.retry')}
        </button>
      </div>
    );
  }
}
