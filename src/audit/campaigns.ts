import { readFileSync } from 'node:fs';
import { UserError } from '../errors.ts';
import { Campaign, type AuditSettings } from './settings.ts';

const COLUMNS = ['from', 'to', 'rule', 'label', 'multiplier'] as const;
const REQUIRED = ['from', 'to', 'label'];

/** One CSV line split into cells, "quoted" cells may hold commas and "" for a quote; with each cell's 1-based column. */
function cells(line: string): { value: string; column: number }[] {
  const out: { value: string; column: number }[] = [];
  let i = 0;
  while (i <= line.length) {
    const column = i + 1;
    let value = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length && !(line[i] === '"' && line[i + 1] !== '"')) {
        value += line[i];
        i += line[i] === '"' ? 2 : 1;
      }
      i++;
    }
    const end = line.indexOf(',', i);
    value += line.slice(i, end < 0 ? line.length : end);
    out.push({ value: value.trim(), column });
    if (end < 0) break;
    i = end + 1;
  }
  return out;
}

/**
 * Reads a campaign calendar (`--campaigns F`): UTF-8 CSV with a header row `from,to,rule,label` and an optional
 * `multiplier` column; rule empty = every rule, multiplier empty = 2. Both days are included. A bad cell stops the
 * run with the file, line, column and what to write instead: a calendar half read would report real spikes as
 * expected.
 */
export function readCampaigns(file: string): Campaign[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UserError(
      'campaigns_unreadable',
      `${file}: cannot read the campaign file (${(e as Error).message.split('\n')[0]})`,
      {
        hint: 'Give a CSV file with a header row from,to,rule,label (and optionally multiplier).',
      },
    );
  }
  return parseCampaigns(text, file);
}

/** A campaign calendar's text (a file, or one uploaded on the Data page), checked as readCampaigns says; `name` in messages. */
export function parseCampaigns(csv: string, name: string): Campaign[] {
  const file = name;
  const text = csv.replace(/^\uFEFF/, '');
  const lines = text.split(/\r?\n/);
  const header = cells(lines[0] ?? '').map((c) => c.value.toLowerCase());
  const missing = REQUIRED.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    const what = [
      missing.length ? `missing ${missing.join(', ')}` : '',
      unknown.length ? `unknown ${unknown.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    throw new UserError(
      'campaigns_invalid',
      `${file}:1: the header row must name the columns from,to,rule,label (${what})`,
      {
        hint: 'First line: from,to,rule,label,multiplier (rule and multiplier may be left out).',
      },
    );
  }
  const out: Campaign[] = [];
  for (const [i, line] of lines.entries()) {
    if (i === 0 || line.trim() === '') continue;
    const row = cells(line);
    const raw: Record<string, unknown> = {};
    for (const [k, name] of header.entries()) {
      const v = row[k]?.value ?? '';
      if (v === '') continue;
      raw[name] = name === 'multiplier' ? Number(v) : v;
    }
    const parsed = Campaign.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = String(issue.path[0] ?? 'label');
      const column = row[header.indexOf(name)]?.column ?? 1;
      throw new UserError('campaigns_invalid', `${file}:${i + 1}:${column}: ${name} ${issue.message}`, {
        hint: 'Each line: from,to (YYYY-MM-DD, both included),rule (empty = all rules),label,multiplier (a number ≥ 1, empty = 2).',
      });
    }
    out.push(parsed.data);
  }
  return out;
}

/** The settings with the campaigns of a file added to those of the program config. */
export const withCampaigns = (settings: AuditSettings, campaigns: Campaign[]): AuditSettings => ({
  ...settings,
  campaigns: [...settings.campaigns, ...campaigns],
});
