/**
 * A ledger whose names attack the viewer: markup and script in account ids and departments (must show as text),
 * spreadsheet formulas in ids and departments (CSV exports must neutralise them), and a quarantined row whose raw
 * value is a formula. 2026Q1 is complete, so every page has a default period.
 */
export const XSS_ACCOUNT = '<img src=x onerror="window.__pwned=1">';
export const XSS_DEPARTMENT = '<script>window.__pwned=2</script>';
export const MARKUP_DEPARTMENT = '<b onmouseover=window.__pwned=3>Ops</b>';
export const FORMULA_DEPARTMENT = '=HYPERLINK("http://evil.example","x")';
export const FORMULA_ACCOUNTS = ['=1+1', '+1', '-1+2', '@SUM(1)'];
export const HOSTILE_FILE_NAME = 'ledger<svg onload=window.__pwned=4>.csv';

const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export function hostileCsv(): string {
  const lines = ['event_id,occurred_at,account_id,points,event_type,rule_id,approver_id,department'];
  const accounts = [XSS_ACCOUNT, ...FORMULA_ACCOUNTS, 'plain-1', 'plain-2', 'plain-3'];
  const departments = [XSS_DEPARTMENT, MARKUP_DEPARTMENT, FORMULA_DEPARTMENT];
  let n = 0;
  for (let month = 1; month <= 3; month++) {
    for (let day = 1; day <= 28; day += 3) {
      for (const [a, account] of accounts.entries()) {
        // Every account approves its own rows once a month: the self-approval check flags the hostile ids.
        const approver = day === 1 ? account : 'M1';
        const row = [
          `H${++n}`,
          `2026-0${month}-${String(day).padStart(2, '0')} 10:00:00`,
          account,
          String(10 + a),
          'earn',
          'R1',
          approver,
          departments[a % departments.length],
        ];
        lines.push(row.map(quote).join(','));
      }
    }
  }
  lines.push(
    ['BAD1', '2026-02-02 10:00:00', 'plain-1', "=cmd|' /C calc'!A0", 'earn', 'R1', 'M1', FORMULA_DEPARTMENT]
      .map(quote)
      .join(','),
  );
  return `${lines.join('\n')}\n`;
}
