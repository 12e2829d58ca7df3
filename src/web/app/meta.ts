import { createContext, useContext } from 'react';
import type { Meta } from '../../api/schema.ts';

/** What /api/meta answers (src/api/schema.ts): the periods and attributes the pickers offer, and the settings. */
export type { Meta };

export const MetaContext = createContext<Meta | null>(null);

export function useMeta(): Meta {
  const m = useContext(MetaContext);
  if (!m) throw new Error('useMeta outside MetaContext');
  return m;
}
