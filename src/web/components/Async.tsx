import type { ReactNode } from 'react';
import type { Loaded } from '../app/api.ts';
import { useT } from '../app/lang.ts';

/** A loading line, the part's own error in its place (with retry), or the content: one failing chart never blanks the page. */
export function Async<T>({
  loaded,
  children,
  minHeight = 120,
}: {
  loaded: Loaded<T>;
  children: (data: T) => ReactNode;
  minHeight?: number;
}) {
  const { tr } = useT();
  if (loaded.state === 'loading')
    return (
      <div className="loading" style={{ minHeight }} role="status">
        {tr('app.loading')}
      </div>
    );
  if (loaded.state === 'error') {
    const hint = 'hint' in loaded.error && loaded.error.hint ? ` ${loaded.error.hint}` : '';
    return (
      <div className="error-box" role="alert">
        <p>{tr('app.error', { message: loaded.error.message + hint })}</p>
        <button type="button" onClick={loaded.retry}>
          {tr('app.retry')}
        </button>
      </div>
    );
  }
  return <>{children(loaded.data)}</>;
}
