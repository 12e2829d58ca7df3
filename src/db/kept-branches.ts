/**
 * The branches of the table macros (queries/views) that run only where a rollup is not kept: a one-shot report's
 * connections, whose derived rollups are views of its rows (ll_kept_rollups() false), and a ClickHouse source's, whose
 * value day sums are not kept (ll_value_days_kept() false). Both are constants of a connection, true unless it is one
 * of those, yet DuckDB binds and plans every branch of every call before it folds the dead ones away (a bound
 * parameter is never folded): such a branch costs each statement that reads the macro a few milliseconds of planning
 * on every connection where it can never run. A connection's views therefore leave them out while both are true, and
 * a connection that makes one false defines the macros in full again (Database.keepsLess).
 */

/**
 * A branch's condition that starts by saying it runs only where a rollup is not kept, and goes on with AND or ends
 * there: only then is the whole branch dead while the rollup is kept.
 */
const UNKEPT = /^WHERE NOT ll_(kept_rollups|value_days_kept)\(\)(?=\s+AND\b|\s*$)/gm;
const BRANCH = '\nUNION ALL\n';
/** Every statement of a view file starts a line with CREATE: a chunk is one statement and its trailing comments. */
const STATEMENT = /(?=^CREATE )/m;

/** `text` with string literals and comments blanked (same length), so parentheses and keywords are the SQL's own. */
const code = (text: string) => text.replace(/'(?:[^']|'')*'|--[^\n]*/g, (m) => ' '.repeat(m.length));

/** The parenthesis depth at each offset of `text` (code only). */
function depthAt(text: string, at: number): number {
  let depth = 0;
  for (let i = 0; i < at; i++) depth += text[i] === '(' ? 1 : text[i] === ')' ? -1 : 0;
  return depth;
}

/**
 * Whether `branch` is unkept: a top-level line (not inside a subquery, however indented) opens its condition with
 * UNKEPT. A top-level OR after it would make the branch live for other rows: such a definition is refused, as this
 * text surgery could not cut it correctly.
 */
function unkept(branch: string): boolean {
  const text = code(branch);
  const at = [...text.matchAll(UNKEPT)].find((m) => depthAt(text, m.index) === 0)?.index;
  if (at === undefined) return false;
  const rest = text.slice(at);
  if ([...rest.matchAll(/\bOR\b/gi)].some((m) => depthAt(rest, m.index) === 0))
    throw new Error(
      `a branch conditioned on a kept rollup also has a top-level OR, so it cannot be left out: ${branch}`,
    );
  return true;
}

/**
 * A statement's top-level branches (a nested UNION ALL is indented, so never split) and what follows its closing
 * semicolon (the comments before the next statement).
 */
function branches(chunk: string): { parts: string[]; tail: string } {
  const lines = chunk.split('\n');
  let last = lines.length - 1;
  while (last > 0 && (lines[last].trim() === '' || lines[last].trimStart().startsWith('--'))) last--;
  const statement = lines.slice(0, last + 1).join('\n');
  const tail = chunk.slice(statement.length);
  if (!statement.endsWith(';')) return { parts: [chunk], tail: '' };
  return { parts: statement.slice(0, -1).split(BRANCH), tail: `;${tail}` };
}

/** The statement without its unkept branches, or undefined when it has none. */
function lean(chunk: string): string | undefined {
  const { parts, tail } = branches(chunk);
  const kept = parts.filter((p) => !unkept(p));
  // The first branch holds the CREATE line and the column names: a macro whose first branch is unkept stays whole.
  if (kept.length === parts.length || kept[0] !== parts[0]) return undefined;
  return kept.join(BRANCH) + tail;
}

/** A view file's SQL as a connection that keeps every rollup defines it: the unkept branches left out. */
export function withoutUnkeptBranches(sql: string): string {
  return sql
    .split(STATEMENT)
    .map((s) => lean(s) ?? s)
    .join('');
}

/** The statements of a view file that withoutUnkeptBranches changes, in full: what a connection keeping less runs. */
export function unkeptDefinitions(sql: string): string {
  return sql
    .split(STATEMENT)
    .filter((s) => lean(s) !== undefined)
    .join('');
}
