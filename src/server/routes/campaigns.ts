import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { parseCampaigns } from '../../audit/campaigns.ts';
import type { Campaign } from '../../audit/settings.ts';
import { storeCampaigns, storedCampaigns } from '../../audit/stored-campaigns.ts';
import { UserError } from '../../errors.ts';
import type { Context, Routes } from '../context.ts';
import { parseQuery } from '../params.ts';
import { sendAnswer } from '../respond.ts';
import { requireHeader } from './upload.ts';

/** A calendar is a few lines a year; a megabyte is thousands of campaigns. */
const MAX_CALENDAR_BYTES = 1024 * 1024;

const NameQuery = z.object({
  name: z.string().min(1, 'must name the file').max(200, 'must be at most 200 characters'),
});
const DeleteQuery = z.object({
  index: z.coerce.number().int('must be a whole number').min(0, 'must be 0 or more'),
  label: z.string().min(1, 'must be the label of the campaign to delete'),
});

/**
 * The program's campaign calendar (`audit.campaigns`), kept on the Data page by administrators: a CSV upload read
 * by the same parser as `--campaigns F` (adding its campaigns to the stored ones), the list, and deleting one.
 * Every answer is the list as stored. The audit's cached results are dropped after each change.
 */
export function campaignRoutes(ctx: Context): Routes {
  const list = async () => ({ campaigns: await ctx.read((db) => storedCampaigns(db)) });
  const change = async (edit: (stored: Awaited<ReturnType<typeof storedCampaigns>>) => typeof stored) => {
    await ctx.exclusive(async () => storeCampaigns(ctx.db, edit(await storedCampaigns(ctx.db))));
    ctx.clear();
    return list();
  };
  return {
    'GET /api/campaigns': async (_req, res) => sendAnswer(res, '/api/campaigns', await list()),
    'POST /api/campaigns': async (req, res, url) => {
      requireHeader(req, 'campaign uploads');
      const { name } = parseQuery(NameQuery, url.searchParams);
      const added = parseCampaigns(await readText(req), name);
      if (added.length === 0)
        throw new UserError('campaigns_empty', `${name}: the file has a header but no campaigns`, {
          hint: 'Add one line per campaign: from,to,rule,label (rule empty = every rule).',
        });
      // A campaign listed twice (a calendar uploaded again) is kept once: the list is the calendar, not its history.
      const key = (c: Campaign) => JSON.stringify([c.from, c.to, c.rule, c.label, c.multiplier]);
      sendAnswer(
        res,
        'POST /api/campaigns',
        await change((stored) => [...new Map([...stored, ...added].map((c) => [key(c), c])).values()]),
      );
    },
    'POST /api/campaigns/delete': async (req, res, url) => {
      requireHeader(req, 'campaign changes');
      const q = parseQuery(DeleteQuery, url.searchParams);
      sendAnswer(
        res,
        'POST /api/campaigns/delete',
        await change((stored) => {
          // The label guards against deleting another campaign than the one shown, if the list changed meanwhile.
          if (stored[q.index]?.label !== q.label)
            throw new UserError('campaign_changed', `campaign ${q.index + 1} is not "${q.label}" any more`, {
              details: { status: 409 },
              hint: 'Reload the page and delete it again.',
            });
          return stored.filter((_, i) => i !== q.index);
        }),
      );
    },
  };
}

/** The request body as UTF-8 text, refused with 413 past MAX_CALENDAR_BYTES. */
async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > MAX_CALENDAR_BYTES)
      throw new UserError('body_too_large', 'a campaign calendar is at most 1 MB', {
        hint: 'Split the calendar, or give it to `ledger-lens serve --campaigns F`.',
        details: { status: 413 },
      });
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
