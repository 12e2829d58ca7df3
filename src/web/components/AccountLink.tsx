import type { MouseEvent } from 'react';
import { useT } from '../app/lang.ts';

/** What the server writes for people a manager may not see: no page to open. */
const NOT_A_PERSON = /^\(.*\)$/;

/** The account page's address, keeping the page's language and quarter (a deep link: /account/ID?lang=…). */
export function accountHref(id: string): string {
  const now = new URLSearchParams(location.search);
  const keep = new URLSearchParams();
  for (const k of ['lang', 'quarter', 'month']) {
    const v = now.get(k);
    if (v) keep.set(k, v);
  }
  const q = keep.toString();
  return `/account/${encodeURIComponent(id)}${q ? `?${q}` : ''}`;
}

/** An account id that opens its page; the app follows it without reloading (useUrl listens to popstate). */
export function AccountLink({ id }: { id: string }) {
  const { tr } = useT();
  if (id === '' || NOT_A_PERSON.test(id)) return <>{id}</>;
  const href = accountHref(id);
  const follow = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    history.pushState(null, '', href);
    dispatchEvent(new PopStateEvent('popstate'));
  };
  return (
    <a className="account-link" href={href} onClick={follow} title={tr('account.open', { id })} data-account={id}>
      {id}
    </a>
  );
}

/** A list of accounts, each a link, comma-separated. */
export function AccountLinks({ ids }: { ids: string[] }) {
  return (
    <>
      {ids.map((id, i) => (
        <span key={id}>
          {i > 0 ? ', ' : ''}
          <AccountLink id={id} />
        </span>
      ))}
    </>
  );
}
