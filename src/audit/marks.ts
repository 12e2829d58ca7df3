import type { Database } from '../db/database.ts';
import { run } from '../db/run.ts';
import type { CaseMark, Flag } from './schema.ts';

/** A flag's current mark, with what the flag was (a mark outlives the audit run that showed it). */
export type StoredMark = CaseMark & {
  flag_id: string;
  check: string;
  account_id: string | null;
  from: string;
  to: string;
};

/** Every flag's current mark by flag id; none when the database predates the case list (opened read-only). */
export async function readMarks(db: Database): Promise<Map<string, StoredMark>> {
  const [{ n }] = await run(db, 'case_marks_present', {});
  if (n === 0) return new Map();
  const rows = await run(db, 'case_marks', {});
  return new Map(
    rows.map((r) => [
      r.flag_id,
      {
        flag_id: r.flag_id,
        check: r.check_name,
        account_id: r.account_id,
        from: r.flag_from,
        to: r.flag_to,
        status: r.status as CaseMark['status'],
        note: r.note,
        by: r.user_name,
        at: r.marked_at,
      },
    ]),
  );
}

/** Appends a mark on `flag`; the latest mark of a flag is its status. */
export async function markFlag(db: Database, flag: Flag, mark: CaseMark): Promise<void> {
  await run(db, 'case_mark_add', {
    flag_id: flag.flag_id,
    check_name: flag.check,
    account_id: flag.account_id,
    flag_from: flag.from,
    flag_to: flag.to,
    status: mark.status,
    note: mark.note,
    user_name: mark.by,
    marked_at: mark.at.replace('T', ' '),
  });
}

/** The flags with their current mark (null when never marked). */
export function withMarks<F extends Flag>(
  flags: F[],
  marks: ReadonlyMap<string, StoredMark>,
): (F & { mark: CaseMark | null })[] {
  return flags.map((f) => {
    const m = marks.get(f.flag_id);
    return { ...f, mark: m ? { status: m.status, note: m.note, by: m.by, at: m.at } : null };
  });
}
