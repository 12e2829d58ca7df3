// --source clickhouse://HOST:PORT/DATABASE.TABLE: where the ledger lives. Credentials never travel in the URL (it
// ends up in shell history and logs): they come from LEDGER_LENS_CLICKHOUSE_USER / _PASSWORD only.
import { UserError } from '../../errors.ts';
import { chTable } from './literal.ts';

export interface ClickhouseSource {
  /** http://HOST:PORT, the server's HTTP interface. */
  url: string;
  database: string;
  table: string;
  /** `database`.`table`, ready for SQL. */
  tableSql: string;
  /** The URL as given, for messages (it holds no secret: see parseClickhouseUrl). */
  display: string;
}

const HINT =
  'Give --source clickhouse://HOST:PORT/DATABASE.TABLE (the HTTP port, e.g. 8123), and the credentials in LEDGER_LENS_CLICKHOUSE_USER and LEDGER_LENS_CLICKHOUSE_PASSWORD.';

export function parseClickhouseUrl(text: string): ClickhouseSource {
  let u: URL;
  try {
    u = new URL(text);
  } catch {
    throw new UserError('bad_usage', `--source "${redact(text)}" is not a URL`, { hint: HINT });
  }
  if (u.protocol !== 'clickhouse:')
    throw new UserError('bad_usage', `--source must start with clickhouse:// (got ${u.protocol}//)`, { hint: HINT });
  if (u.username || u.password) {
    throw new UserError('bad_usage', '--source must not contain credentials', {
      hint: `Remove user:password@ from the URL. ${HINT}`,
    });
  }
  if (!u.hostname || !u.port)
    throw new UserError('bad_usage', `--source "${text}" needs a host and a port`, { hint: HINT });
  if (u.search || u.hash) throw new UserError('bad_usage', `--source "${text}" takes no query string`, { hint: HINT });
  const t = chTable(decodeURIComponent(u.pathname.replace(/^\//, '')), '--source table');
  return { url: `http://${u.host}`, database: t.database, table: t.table, tableSql: t.sql, display: text };
}

/** The text with any user:password@ removed, so an error message never repeats a secret. */
function redact(text: string): string {
  return text.replace(/\/\/[^/@]*@/, '//');
}
