// The common table expressions of a query file, located by name, so that a remote source can run a query's own
// candidate-selecting CTEs locally (over the rollups) or swap one reducing CTE for a table the cluster filled. The
// query files stay the single statement of each metric; nothing is rewritten by hand.

export interface Cte {
  name: string;
  /** Offsets of the body between the parentheses after `name AS`. */
  bodyStart: number;
  bodyEnd: number;
  /** Offset just after the closing parenthesis. */
  end: number;
}

/** Skips a '…' string ('' escapes a quote) or a -- comment at `i`; returns the offset after it, or `i`. */
function skipLiteral(sql: string, i: number): number {
  if (sql[i] === "'") {
    let j = i + 1;
    while (j < sql.length) {
      if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
      else if (sql[j] === "'") return j + 1;
      else j++;
    }
    return j;
  }
  if (sql.startsWith('--', i)) {
    const nl = sql.indexOf('\n', i);
    return nl < 0 ? sql.length : nl + 1;
  }
  return i;
}

/** The offset of the parenthesis closing the one at `open`. */
function closing(sql: string, open: number): number {
  let depth = 0;
  let i = open;
  while (i < sql.length) {
    const next = skipLiteral(sql, i);
    if (next !== i) {
      i = next;
      continue;
    }
    if (sql[i] === '(') depth++;
    else if (sql[i] === ')' && --depth === 0) return i;
    i++;
  }
  throw new Error('unbalanced parentheses');
}

/** The offset of the leading WITH (after the header comments), or -1. */
function withAt(sql: string): number {
  let i = 0;
  // Leading comments and blank space, then WITH.
  for (;;) {
    const next = skipLiteral(sql, i);
    if (next !== i && sql[i] !== "'") i = next;
    else if (/\s/.test(sql[i] ?? '')) i++;
    else break;
  }
  return /^WITH\s/i.test(sql.slice(i, i + 5)) ? i : -1;
}

/** The top-level CTEs of `WITH a AS (…), b AS (…) SELECT …`, in order; [] when the query has none. */
export function ctes(sql: string): Cte[] {
  let i = withAt(sql);
  if (i < 0) return [];
  i += 4;
  const out: Cte[] = [];
  // A materialization hint (AS NOT MATERIALIZED, AS MATERIALIZED) may stand between AS and the body.
  const head = /^\s*(?:--[^\n]*\n\s*)*([A-Za-z_][A-Za-z0-9_]*)\s+AS\s*(?:(?:NOT\s+)?MATERIALIZED\s*)?\(/i;
  for (;;) {
    const m = head.exec(sql.slice(i));
    if (!m) break;
    const open = i + m[0].length - 1;
    const close = closing(sql, open);
    out.push({ name: m[1], bodyStart: open + 1, bodyEnd: close, end: close + 1 });
    const comma = /^\s*(?:--[^\n]*\n\s*)*,/.exec(sql.slice(close + 1));
    if (!comma) break;
    i = close + 1 + comma[0].length;
  }
  return out;
}

function find(sql: string, name: string): Cte {
  const c = ctes(sql).find((x) => x.name === name);
  if (!c) throw new Error(`the query has no CTE named ${name}`);
  return c;
}

/** `WITH …` up to and including the CTE `name`, followed by `select` (which reads those CTEs). */
export function throughCte(sql: string, name: string, select: string): string {
  const c = find(sql, name);
  return `${sql.slice(withAt(sql), c.end)}\n${select}`;
}

/** The query with the body of CTE `name` replaced by `body`. */
export function replaceCte(sql: string, name: string, body: string): string {
  const c = find(sql, name);
  return `${sql.slice(0, c.bodyStart)}${body}${sql.slice(c.bodyEnd)}`;
}
