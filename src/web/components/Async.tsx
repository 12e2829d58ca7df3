import { type ReactNode, useContext } from 'react';
import { AnswerMismatch, type Loaded } from '../app/api.ts';
import { useT } from '../app/lang.ts';
import { MetaContext } from '../app/meta.ts';

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
  const meta = useContext(MetaContext);
  if (loaded.state === 'loading')
    return (
      <div className="loading" style={{ minHeight }} role="status">
        {tr('app.loading')}
      </div>
    );
  if (loaded.state === 'error') {
    const hint = 'hint' in loaded.error && loaded.error.hint ? ` ${loaded.error.hint}` : '';
    // A group too small to show (a manager's filter): said in the page's language, with the program's minimum.
    const tooSmall = 'code' in loaded.error && loaded.error.code === 'group_too_small' && meta;
    const message = tooSmall
      ? tr('app.too_small', { n: meta.settings.fairness.min_group_size })
      : loaded.error instanceof AnswerMismatch
        ? tr('app.bad_answer', { route: loaded.error.route, fields: loaded.error.fields })
        : loaded.error.message + hint;
    return (
      <div className="error-box" role="alert">
        <p>{tr('app.error', { message })}</p>
        <button type="button" onClick={loaded.retry}>
          {tr('app.retry')}
        </button>
      </div>
    );
  }
  return <>{children(loaded.data)}</>;
}
