import type { Lang } from '../i18n/index.ts';
import type { RankResult } from '../rank/schema.ts';
import { columns, header } from './headers.ts';
import { toXlsx, type XlsxSheet } from './xlsx.ts';

/** The rankings as sheets: the ranked rows, and one row of concentration figures with the periods. */
export function rankSheets(result: RankResult, lang: Lang): XlsxSheet[] {
  return [
    {
      name: header('sheet.rankings', lang),
      columns: columns(lang, [
        ['rank', 'integer'],
        ['account_id', 'string'],
        ['group', 'string'],
        ['issued', 'number'],
        ['share', 'percent'],
        ['group_share', 'percent'],
        ['previous_issued', 'number'],
        ['previous_rank', 'integer'],
        ['movement', 'integer'],
      ]),
      rows: result.rows,
    },
    {
      name: header('sheet.concentration', lang),
      columns: columns(lang, [
        ['period_from', 'date'],
        ['period_to', 'date'],
        ['population', 'integer'],
        ['earners', 'integer'],
        ['issued', 'number'],
        ['top10_share', 'percent'],
        ['top1pct_n', 'integer'],
        ['top1pct_share', 'percent'],
        ['top10_accounts', 'integer'],
        ['top10_overlap_previous', 'integer'],
      ]),
      rows: [{ period_from: result.period.from, period_to: result.period.to, ...result.concentration }],
    },
  ];
}

export const rankXlsx = (result: RankResult, lang: Lang): Promise<Buffer> => toXlsx(rankSheets(result, lang));
