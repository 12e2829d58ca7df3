import { storedConfig } from '../../config.ts';
import { listQuarantine, quarantineCsv } from '../../ledger/quarantine.ts';
import { attributeValues } from '../../queries/attributes.ts';
import { dataRange } from '../../queries/data-range.ts';
import { z } from 'zod';
import { monthsBetween } from '../../dates.ts';
import type { Context, Routes } from '../context.ts';
import { databaseTotals, importHistory, quartersOf, reconciles } from '../history.ts';
import { parseQuery } from '../params.ts';
import { readAccessLog } from '../access-log.ts';
import { identifyingSet, isIdentifying } from '../../privacy/identifying.ts';
import { sendAnswer, sendText } from '../respond.ts';

/** Most values listed for one attribute; attributes with more (names, ids) are not offered as filters. */
const MAX_FILTER_VALUES = 60;

/** Latest access log entries the page shows; the CLI lists them all. */
const ACCESS_LOG_PAGE = 500;

const QuarantineQuery = z.object({
  import_id: z.coerce.number().int().positive('must be an import number such as 3').optional(),
  format: z.enum(['json', 'csv'], { error: 'must be json or csv' }).optional(),
});

/** What the database holds: periods, attributes, settings, imports and their quarantine. */
export function dataRoutes(ctx: Context): Routes {
  const { read, cached } = ctx;
  return {
    'GET /api/health': async (_req, res) => sendAnswer(res, '/api/health', { ok: true }),
    'GET /api/meta': async (_req, res) =>
      sendAnswer(res, '/api/meta', await cached('meta', () => read((db) => meta({ ...ctx, db })))),
    'GET /api/imports': async (_req, res) =>
      sendAnswer(
        res,
        '/api/imports',
        await read(async (db) => {
          const imports = await importHistory(db);
          return {
            imports: imports.map((r) => ({ ...r, reconciles: reconciles(r) })),
            totals: await databaseTotals(db),
          };
        }),
      ),
    // Who looked at what (serve --users); an administrator's, like uploads (src/server/access.ts).
    'GET /api/access-log': async (_req, res) =>
      sendAnswer(res, '/api/access-log', { entries: await read((db) => readAccessLog(db, ACCESS_LOG_PAGE)) }),
    'GET /api/quarantine': async (_req, res, url) => {
      const q = parseQuery(QuarantineQuery, url.searchParams);
      if (q.format === 'csv') {
        const all = await read((db) => listQuarantine(db, { importId: q.import_id }));
        res.setHeader('Content-Disposition', `attachment; filename="quarantine-${all.import_id ?? 'none'}.csv"`);
        return sendText(res, 200, 'text/csv', quarantineCsv(all.rows));
      }
      sendAnswer(res, '/api/quarantine', await read((db) => listQuarantine(db, { importId: q.import_id, limit: 200 })));
    },
  };
}

async function meta({ db }: Context) {
  const [totals, range, values, config] = [
    await databaseTotals(db),
    await dataRange(db),
    await attributeValues(db, { max_values: MAX_FILTER_VALUES }),
    await storedConfig(db),
  ];
  const { quarters, latestComplete } = quartersOf(totals);
  const identifying = identifyingSet(config.privacy?.identifying_attributes);
  const attributes = new Map<string, { value: string; accounts: number }[]>();
  for (const v of values)
    attributes.set(v.attribute, [...(attributes.get(v.attribute) ?? []), { value: v.value, accounts: v.accounts }]);
  return {
    totals,
    range: { first: range.first_at, last: range.last_at },
    quarters,
    default_quarter: latestComplete,
    months: range.first_at && range.last_at ? monthsBetween(range.first_at, range.last_at) : [],
    // Names, phones and the like are no filter: listing them would print the roster (src/privacy/identifying.ts).
    attributes: [...attributes]
      .filter(([name]) => name !== 'joined_at' && name !== 'left_at' && !isIdentifying(name, identifying))
      .map(([attribute, vals]) => ({ attribute, values: vals })),
    settings: {
      timezone: config.timezone,
      currency: config.currency,
      point_value: config.point_value,
      fairness: config.fairness,
      tier_target: config.tier_target,
    },
  };
}
