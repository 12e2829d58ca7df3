/** The implemented pages, in navigation order; only these appear in the navigation. */
export const PAGES = ['health', 'fairness', 'audit', 'experiments', 'rankings', 'data'] as const;
export type PageId = (typeof PAGES)[number];
