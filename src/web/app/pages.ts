/** The implemented pages, in navigation order; only these appear in the navigation. */
export const PAGES = ['health', 'fairness', 'audit', 'experiments', 'rankings', 'data'] as const;
export type PageId = (typeof PAGES)[number];

/** The id in /account/ID, or null on any other page. */
export function accountIdOf(path: string): string | null {
  const m = /^\/account\/([^/]+)$/.exec(path);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null;
  }
}
