import { useCallback, useEffect, useState } from 'react';

/** The page state that a link must reproduce: the page (path) and its query parameters. */
export interface UrlState {
  path: string;
  params: URLSearchParams;
}

const read = (): UrlState => ({ path: location.pathname, params: new URLSearchParams(location.search) });

/**
 * The URL is the page's state: every picker and filter writes it (pushState, so Back undoes a filter) and every
 * view reads it, so copying the address reproduces what is on screen.
 */
export function useUrl() {
  const [state, setState] = useState(read);
  useEffect(() => {
    const on = () => setState(read());
    addEventListener('popstate', on);
    return () => removeEventListener('popstate', on);
  }, []);
  const navigate = useCallback((path: string, changes: Record<string, string | null> = {}, keep = true) => {
    const next = new URLSearchParams(keep ? location.search : '');
    if (!keep)
      for (const k of ['lang', 'token']) {
        const v = new URLSearchParams(location.search).get(k);
        if (v) next.set(k, v);
      }
    for (const [k, v] of Object.entries(changes)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    const search = next.toString();
    history.pushState(null, '', `${path}${search ? `?${search}` : ''}`);
    setState(read());
  }, []);
  const set = useCallback((changes: Record<string, string | null>) => navigate(location.pathname, changes), [navigate]);
  return { ...state, navigate, set };
}
