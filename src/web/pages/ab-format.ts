import { formatFixed } from '../../i18n/format.ts';

/** A p-value as the A/B page prints it: four decimals, "< 0.0001" below that, "—" when there is none. */
export const pValue = (v: number | null) => (v === null ? '—' : v < 0.0001 ? '< 0.0001' : formatFixed('en', v, 4));
