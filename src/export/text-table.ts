/** A plain aligned table for a terminal (commands without --json/--csv/--xlsx); null shows as —. */
export function textTable(header: string[], rows: unknown[][]): string {
  const cells = [header, ...rows.map((r) => r.map(show))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => displayWidth(r[i]))));
  // A column of numbers is right-aligned, its header too, so digits line up under it.
  const numeric = header.map((_, i) => rows.length > 0 && cells.slice(1).every((r) => /^[-\d.,% —]+$/.test(r[i])));
  const pad = (s: string, i: number) => {
    const fill = ' '.repeat(widths[i] - displayWidth(s));
    return numeric[i] ? fill + s : s + fill;
  };
  return `${cells.map((r) => r.map(pad).join('  ').trimEnd()).join('\n')}\n`;
}

function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(6)));
  return String(v);
}

/** CJK characters take two terminal columns. */
function displayWidth(s: string): number {
  return [...s].reduce((n, ch) => n + (/[\u2e80-\uffff]/.test(ch) ? 2 : 1), 0);
}
