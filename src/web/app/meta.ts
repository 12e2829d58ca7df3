import { createContext, useContext } from 'react';

/** What /api/meta answers: the periods and attributes the pickers offer, and the program's settings. */
export interface Meta {
  totals: { rows: number; accounts: number; first: string | null; last: string | null; issued: number; outstanding: number; rejects: number };
  range: { first: string | null; last: string | null };
  quarters: string[];
  default_quarter: string | null;
  months: string[];
  attributes: { attribute: string; values: { value: string; accounts: number }[] }[];
  settings: {
    timezone: string;
    currency: string;
    point_value: number;
    fairness: { gini_warning: number; disparity_low: number; disparity_high: number; min_group_size: number };
    tier_target: { base: number; challenge: number; reward: number };
  };
}

export const MetaContext = createContext<Meta | null>(null);

export function useMeta(): Meta {
  const m = useContext(MetaContext);
  if (!m) throw new Error('useMeta outside MetaContext');
  return m;
}
