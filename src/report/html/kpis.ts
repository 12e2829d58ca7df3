import { esc } from './escape.ts';
import type { Lang } from '../../i18n/index.ts';
import { ARROWS, kpiCards, type KpiCard } from '../../cards/kpi.ts';
import type { Report } from '../schema.ts';

function card(c: KpiCard): string {
  // A long unit ("points per participant per month") goes on its own line rather than wrapping beside the number.
  const unit = c.unit ? ` <span class="kpi-unit${c.unit.length > 12 ? ' long' : ''}">${esc(c.unit)}</span>` : '';
  const arrow = c.change.direction
    ? `<span class="arrow" aria-hidden="true">${ARROWS[c.change.direction]}</span> `
    : '';
  const prev = c.previous !== null ? ` <span class="prev">${esc(c.previous)}</span>` : '';
  const nullNote = c.nullNote !== null ? `<p class="kpi-null">${esc(c.nullNote)}</p>` : '';
  return `<div class="kpi${c.raw === null ? ' is-null' : ''}" data-kpi="${c.key}">
  <div class="kpi-label">${esc(c.label)}</div>
  <div class="kpi-value">${esc(c.value)}${unit}</div>
  <div class="kpi-change ${c.change.direction ?? 'none'} ${c.change.tone}">${arrow}${esc(c.change.text)}${prev}</div>
  ${nullNote}<p class="kpi-help">${esc(c.help)}</p>
</div>`;
}

/** The KPI card grid, each card with its change against the previous period and its one-line definition. */
export function kpiSection(lang: Lang, report: Report): string {
  return `<div class="kpis">${kpiCards(lang, report).map(card).join('\n')}</div>`;
}
