import { existsSync } from 'node:fs';
import { z } from 'zod';
import { readCsvAsText } from '../db/csv-files.ts';
import type { Database } from '../db/database.ts';
import { UserError } from '../errors.ts';

/** One reward of the mall's catalogue (`--items F`: item_id,name,category,points,cash_value). */
export const CatalogueItem = z.object({
  item_id: z.string().min(1),
  name: z.string().nullable(),
  category: z.string().nullable(),
  points: z.number().nonnegative().nullable(),
  cash_value: z.number().nonnegative().nullable(),
});
export type CatalogueItem = z.infer<typeof CatalogueItem>;

/**
 * One line of the budget file (`--budget F`: line,category,rule,from,to,amount). The line's spend is the cash cost
 * of the redemptions in [from, to) whose category and rule (the redeem row's rule_id, i.e. the item) match; an
 * empty filter matches everything.
 */
export const BudgetLine = z.object({
  line: z.string().min(1),
  category: z.string().nullable(),
  rule: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  amount: z.number().nonnegative(),
});
export type BudgetLine = z.infer<typeof BudgetLine>;

export const ITEM_COLUMNS = ['item_id', 'name', 'category', 'points', 'cash_value'] as const;
export const BUDGET_COLUMNS = ['line', 'category', 'rule', 'from', 'to', 'amount'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Reads the item catalogue CSV; every problem names the file, the line and the column. */
export async function readItemsFile(db: Database, file: string): Promise<CatalogueItem[]> {
  const rows = await readCsv(db, file, '--items', ['item_id'], ITEM_COLUMNS);
  const seen = new Set<string>();
  return rows.map(({ line, get }) => {
    const item_id = get('item_id');
    if (!item_id)
      throw bad(file, line, 'item_id', 'is empty', 'Every item needs an item_id (the rule_id its redeem rows carry).');
    if (seen.has(item_id)) throw bad(file, line, 'item_id', `"${item_id}" is listed twice`, 'List each item once.');
    seen.add(item_id);
    return {
      item_id,
      name: get('name'),
      category: get('category'),
      points: number(file, line, 'points', get('points')),
      cash_value: number(file, line, 'cash_value', get('cash_value')),
    };
  });
}

/** Reads the budget CSV (README, "Budget file"). */
export async function readBudgetFile(db: Database, file: string): Promise<BudgetLine[]> {
  const rows = await readCsv(db, file, '--budget', ['line', 'from', 'to', 'amount'], BUDGET_COLUMNS);
  const seen = new Set<string>();
  return rows.map(({ line, get }) => {
    const name = get('line');
    if (!name) throw bad(file, line, 'line', 'is empty', 'Name every budget line, e.g. 2026 H1 生活用品.');
    if (seen.has(name))
      throw bad(file, line, 'line', `"${name}" is listed twice`, 'Give each budget line its own name.');
    seen.add(name);
    const from = date(file, line, 'from', get('from'));
    const to = date(file, line, 'to', get('to'));
    if (to <= from)
      throw bad(
        file,
        line,
        'to',
        `${to} is not after from ${from}`,
        '`to` is exclusive: from 2026-01-01 to 2026-07-01 is the first half of 2026.',
      );
    const amount = number(file, line, 'amount', get('amount'));
    if (amount === null)
      throw bad(file, line, 'amount', 'is empty', 'Give the budget in the program currency, e.g. 5000.');
    return { line: name, category: get('category'), rule: get('rule'), from, to, amount };
  });
}

interface CsvRow {
  line: number;
  get(column: string): string | null;
}

/** The file's rows as text through DuckDB's CSV reader (quotes, BOM, CRLF); line = the row's line in the file. */
async function readCsv(
  db: Database,
  file: string,
  flag: string,
  required: string[],
  known: readonly string[],
): Promise<CsvRow[]> {
  if (!existsSync(file))
    throw new UserError('file_missing', `${flag} ${file}: no such file`, { hint: 'Check the path.' });
  let records: Record<string, string | null>[];
  try {
    records = await readCsvAsText(db, file);
  } catch (e) {
    throw new UserError(
      'file_unreadable',
      `${flag} ${file}: cannot read it as CSV (${(e as Error).message.split('\n')[0]})`,
      {
        hint: `Give a UTF-8 CSV file with a header row: ${known.join(',')}.`,
      },
    );
  }
  const columns = Object.keys(records[0] ?? {}).map((c) => c.trim().toLowerCase());
  const missing = required.filter((c) => !columns.includes(c));
  if (records.length > 0 && missing.length) {
    throw new UserError('missing_columns', `${flag} ${file}: the header has no ${missing.join(', ')} column`, {
      hint: `The header row must name the columns ${known.join(',')} (found: ${columns.join(',')}).`,
    });
  }
  return records.map((r, i) => {
    const byName = new Map(Object.entries(r).map(([k, v]) => [k.trim().toLowerCase(), v]));
    return {
      line: i + 2,
      get: (column: string) => {
        const v = byName.get(column)?.trim();
        return v === undefined || v === '' ? null : v;
      },
    };
  });
}

function bad(file: string, line: number, column: string, what: string, hint: string): UserError {
  return new UserError('bad_value', `${file}, line ${line}, column ${column}: ${what}`, {
    hint,
    details: { file, line, column },
  });
}

function number(file: string, line: number, column: string, text: string | null): number | null {
  if (text === null) return null;
  const n = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(n) || n < 0)
    throw bad(file, line, column, `"${text}" is not a number ≥ 0`, 'Write plain numbers such as 1200 or 7.20.');
  return n;
}

function date(file: string, line: number, column: string, text: string | null): string {
  const d = text && DATE.test(text) ? new Date(`${text}T00:00:00Z`) : null;
  if (!text || !d || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== text) {
    throw bad(file, line, column, `"${text ?? ''}" is not a date`, 'Write dates as YYYY-MM-DD; `to` is exclusive.');
  }
  return text;
}
