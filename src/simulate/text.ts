import type { SimulationResult } from './schema.ts';

const f = (v: number | null, digits = 6) => (v === null ? '—' : String(Number(v.toPrecision(digits))));

/** The simulation for a terminal: actual beside simulated, the most affected accounts, and the caveat. */
export function simulationText(r: SimulationResult): string {
  const row = (name: string, a: number | null, s: number | null, d: number | null) =>
    [name.padEnd(12), f(a).padStart(14), f(s).padStart(14), f(d).padStart(14)].join('  ');
  const lines = [
    `what-if: ${r.scenario_text}, ${r.period.from} … ${r.period.to} (to exclusive)`,
    [''.padEnd(12), 'actual'.padStart(14), 'simulated'.padStart(14), 'difference'.padStart(14)].join('  '),
    row('issued', r.actual.issued, r.simulated.issued, r.difference.issued),
    row(`cost ${r.currency}`, r.actual.cost, r.simulated.cost, r.difference.cost),
    row('gini', r.actual.gini, r.simulated.gini, r.difference.gini),
    row('top10_share', r.actual.top10_share, r.simulated.top10_share, r.difference.top10_share),
    '',
    `accounts affected: ${r.accounts_affected} (rows changed: ${r.rows_changed}; population n = ${r.population.n})`,
    ...r.most_affected.map((a) => `  ${a.account_id.padEnd(14)} ${f(a.actual).padStart(12)} → ${f(a.simulated)}`),
    '',
    `note: ${r.note}`,
  ];
  return `${lines.join('\n')}\n`;
}
