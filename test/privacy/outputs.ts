import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { PROJECT_ROOT } from '../../src/db/database.ts';
import { cli } from '../cli-run.ts';

/** The CLI as a real process with the pseudonym key in its environment; never throws. */
export const cliWithKey = (args: string[], key: string) => cli(args, 180_000, { LEDGER_LENS_PSEUDONYM_KEY: key });

/** Every cell of every sheet of a workbook, as text, so it can be searched like the other formats. */
export async function workbookText(file: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(file) as unknown as ArrayBuffer);
  const out: string[] = [];
  wb.eachSheet((ws) => {
    out.push(ws.name);
    ws.eachRow((row) => row.eachCell((c) => out.push(String(c.text ?? c.value ?? ''))));
  });
  return out.join('\n');
}

/** The sample roster's account ids and names: what must never appear in a pseudonymised output. */
export function sampleIdentities(): { ids: string[]; names: string[] } {
  const [header, ...lines] = readFileSync(join(PROJECT_ROOT, 'sample-data', 'accounts.csv'), 'utf8')
    .trim()
    .split('\n');
  const cols = header.split(',');
  const rows = lines.map((l) => l.split(','));
  return { ids: rows.map((r) => r[cols.indexOf('account_id')]), names: rows.map((r) => r[cols.indexOf('name')]) };
}

/** Which of `needles` occur in `text` (ids matched whole, so U0001 does not hit U00011); one pass over the text. */
export function leaks(text: string, needles: string[]): string[] {
  if (needles.length === 0) return [];
  const alternatives = [...needles]
    .sort((a, b) => b.length - a.length)
    .map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'gu');
  return [...new Set([...text.matchAll(pattern)].map((m) => m[0]))];
}

/** Which of `needles` occur anywhere in `text`: names, which Chinese text runs into its neighbours without a space. */
export function substrings(text: string, needles: string[]): string[] {
  return needles.filter((n) => text.includes(n));
}
