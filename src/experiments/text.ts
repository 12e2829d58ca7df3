import type { AbResult } from './schema.ts';

const f = (v: number | null | undefined, digits = 4) =>
  v === null || v === undefined ? '—' : String(Number(v.toPrecision(digits)));
const ci = (c: [number, number] | null) => (c ? `[${f(c[0])}, ${f(c[1])}]` : '—');

/** The `ab` result for a terminal: arms and SRM, one line per metric, the guardrail and any warning. */
export function abText(r: AbResult): string {
  const lines = [
    `experiment ${r.experiment}  window ${r.window.from} … ${r.window.to} (to exclusive)  arms from ${r.arms_source}${r.rule ? `  issued of rule ${r.rule}` : ''}`,
    `arms: ${r.arms.map((a) => `${a.variant} n=${a.n}`).join(', ')}   SRM p=${f(r.srm.p)} ${r.srm.ok ? 'ok' : 'MISMATCH'}`,
    '',
    [
      'metric',
      'arms',
      'mean ctl',
      'mean trt',
      'abs lift',
      '95% CI',
      'rel lift',
      'p (Holm)',
      'MW p',
      'CUPED',
      'verdict',
    ].join('\t'),
    ...r.metrics.map((m) =>
      [
        m.metric,
        `${m.treatment} vs ${m.control}`,
        f(m.mean_control),
        f(m.mean_treatment),
        f(m.abs_lift),
        ci(m.abs_ci),
        m.rel_lift === null ? '—' : `${f(m.rel_lift * 100, 3)} %`,
        `${f(m.p, 3)} (${f(m.p_adjusted, 3)})`,
        f(m.mw_p, 3),
        m.cuped.applied ? `−${f((m.cuped.variance_reduction ?? 0) * 100, 3)} % var` : 'no',
        m.verdict,
      ].join('\t'),
    ),
    '',
    `Gini ${r.guardrails.control} ${f(r.guardrails.gini_control)}  ${r.guardrails.treatment} ${f(r.guardrails.gini_treatment)}  difference 95% CI ${ci(r.guardrails.gini_diff_ci)} (bootstrap, ${r.bootstrap.resamples} resamples, seed ${r.bootstrap.seed})`,
    `p adjusted by ${r.correction} across ${r.metrics.length} tests${r.winsorized ? '; values winsorised at the 99.9th percentile' : ''}`,
    ...r.warnings.map((w) => `warning: ${w}`),
  ];
  return `${lines.join('\n')}\n`;
}
