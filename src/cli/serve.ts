import { join } from 'node:path';
import { Database } from '../db/database.ts';
import { assertRollups } from '../db/rollups.ts';
import { UserError } from '../errors.ts';
import { reportBuilder } from '../server/report-builder.ts';
import { ensureSampleDb, SAMPLE_DB, SAMPLE_DIR, sampleFiles } from '../demo/database.ts';
import { checkExposure, isLoopback } from '../server/security.ts';
import { startServer } from '../server/server.ts';
import { DEFAULT_MAX_UPLOAD_BYTES } from '../server/app.ts';
import { ensureWebBuilt } from '../server/build-web.ts';
import { DEFAULT_DB, parse } from './args.ts';
import { readCampaigns } from '../audit/campaigns.ts';
import { openSource } from './source.ts';
import { pseudonymKey } from '../privacy/key.ts';
import { loadUsers } from '../server/users.ts';

export const summary = 'start the dashboard server';

const HELP = `Usage: ledger-lens serve [--host 127.0.0.1] [--port 8080] [--db PATH | --sample | --source URL] [--token T | --users F] [--pseudonymize]

Serves the dashboard (health, fairness, audit, experiments, rankings and data pages), its JSON API and the
printable quarterly report.
Builds the web app first when it is missing or older than its sources.

Options:
  --host H      address to listen on (default 127.0.0.1). Any address other machines can reach
                requires --token: the server refuses to start without one.
  --port N      port (default 8080; 0 = any free port)
  --db PATH     database written by \`ledger-lens import\` (default ${DEFAULT_DB})
  --sample      serve the bundled sample ledger: imported into ./data/sample.duckdb on first start, reused after
  --source clickhouse://HOST:PORT/DATABASE.TABLE [--accounts-table DATABASE.TABLE] [--rules F] [--config F]
                serve a ClickHouse ledger (read at start; credentials from LEDGER_LENS_CLICKHOUSE_USER / _PASSWORD),
                with a rules catalogue and program settings from files (as \`import\` would store them)
  --max-upload-mb N  largest ledger the Data page accepts (default 256)
  --campaigns F planned campaigns, CSV from,to,rule,label[,multiplier], as for \`ledger-lens audit --campaigns\`:
                the audit and the Health daily chart report spikes inside them as expected
  --users F     people and roles (admin, auditor, manager, viewer), written by \`ledger-lens users add\`:
                each request is identified by its token (Bearer header or cookie), held to its role and
                scope on the server, and logged (\`ledger-lens access-log\`). Replaces --token.
  --pseudonymize  every answer, export and the printable report carry keyed pseudonyms P-… instead of ids
                (key: LEDGER_LENS_PSEUDONYM_KEY); people are named by pseudonym in requests too; groupings by
                a name, phone, e-mail or id card, the quarantine and uploads are refused
  --token T     access token (or set LEDGER_LENS_TOKEN), at least 16 characters, no spaces. Clients send
                "Authorization: Bearer T"; a browser opens /?token=T once: the server trades it for an
                HttpOnly, SameSite=Strict cookie and redirects to the same page without it.

Requests must name the bound address in their Host header (or localhost / 127.0.0.1 / [::1] on a loopback
bind), so a hostile web page cannot reach the server through DNS rebinding; others get 421.

Pages: /health /fairness /audit /experiments /rankings /data (state in the URL, e.g.
       /health?quarter=2026Q1&month=2026-02&filter=department=Sales&lang=en)
API (GET unless noted): /api/meta /api/report /api/program-totals (a manager: where the settings allow) /api/daily
     /api/cohorts /api/gini-trend /api/imports /api/quarantine
     /api/audit /api/audit/{flags.csv,timeline,evidence,graph,benford,sample} /api/experiments /api/ab /api/simulate
     /api/rank /api/economics /api/access-log (admin); POST /api/uploads, /api/uploads/commit, /api/uploads/discard, /api/xlsx
Printable report: /report.html?quarter=2026Q1&lang=zh-CN|en
Stop with Ctrl-C; the database is closed cleanly.
`;

function parseMegabytes(v: string): number {
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 1)
    throw new UserError('bad_usage', `--max-upload-mb ${v}: not a whole number of megabytes`, {
      hint: 'e.g. --max-upload-mb 512',
    });
  return n * 1024 * 1024;
}

function parsePort(v: string | undefined): number {
  if (v === undefined) return 8080;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n > 65535)
    throw new UserError('bad_usage', `--port ${v}: not a port number`, {
      hint: 'Use a number from 1 to 65535, or 0 for any free port.',
    });
  return n;
}

/** Resolves once SIGINT or SIGTERM arrives, so `run` can close the server and the database in order. */
function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const on = (s: NodeJS.Signals) => {
      process.off('SIGINT', on);
      process.off('SIGTERM', on);
      resolve(s);
    };
    process.on('SIGINT', on);
    process.on('SIGTERM', on);
  });
}

export async function run(argv: string[]): Promise<number> {
  const { values } = parse('serve', argv, {
    host: { type: 'string' },
    port: { type: 'string' },
    db: { type: 'string' },
    sample: { type: 'boolean' },
    source: { type: 'string' },
    'accounts-table': { type: 'string' },
    rules: { type: 'string' },
    config: { type: 'string' },
    token: { type: 'string' },
    'max-upload-mb': { type: 'string' },
    campaigns: { type: 'string' },
    pseudonymize: { type: 'boolean' },
    users: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const host = values.host ?? '127.0.0.1';
  const port = parsePort(values.port);
  const token = values.token ?? (process.env.LEDGER_LENS_TOKEN || undefined);
  if ([values.db, values.sample, values.source].filter(Boolean).length > 1)
    throw new UserError('bad_usage', 'ledger-lens serve: give one of --db, --sample or --source', {
      hint: 'Run `ledger-lens serve --help`.',
    });
  for (const flag of ['rules', 'config'] as const) {
    if (values[flag] && !values.source)
      throw new UserError('bad_usage', `ledger-lens serve: --${flag} goes with --source`, {
        hint: 'A database keeps the rules and settings of its import: run ledger-lens import with them.',
      });
  }
  if (values.users && (token || values.pseudonymize)) {
    throw new UserError('bad_usage', `ledger-lens serve: --users replaces ${token ? '--token' : '--pseudonymize'}`, {
      hint: 'Each user of the file has a token; mark an auditor `pseudonymize: true` (users add --pseudonymize).',
    });
  }
  const users = values.users ? loadUsers(values.users) : undefined;
  // Refuse an exposed host before any slow work, so the message comes at once; a users file is a set of tokens.
  if (!users) checkExposure(host, token);
  const needsKey = values.pseudonymize || (users?.entries.some((u) => u.pseudonymize) ?? false);
  const pseudonymKeyValue = needsKey ? pseudonymKey(undefined) : undefined;

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const campaigns = values.campaigns ? readCampaigns(values.campaigns) : undefined;
  const maxUploadBytes =
    values['max-upload-mb'] === undefined ? DEFAULT_MAX_UPLOAD_BYTES : parseMegabytes(values['max-upload-mb']);
  await ensureWebBuilt(log);
  let path = values.db ?? DEFAULT_DB;
  if (values.sample) {
    path = SAMPLE_DB;
    await ensureSampleDb(path, sampleFiles(SAMPLE_DIR), { log });
  }
  const db = values.source
    ? (
        await openSource({
          db: '',
          source: values.source,
          'accounts-table': values['accounts-table'],
          rules: values.rules,
          config: values.config,
        })
      ).db
    : await Database.open(path);
  try {
    await assertRollups(db);
    // Listen for the signals before the URL is printed: a supervisor may send SIGTERM the instant it reads that line,
    // and a signal that comes before the handler kills the process with the database open and the prewarm running.
    const stopped = untilSignal();
    const running = await startServer({
      db,
      host,
      port,
      token,
      buildReport: reportBuilder(),
      log,
      maxUploadBytes,
      campaigns,
      prewarm: true,
      pseudonymKey: pseudonymKeyValue,
      users,
      assignmentsFile: values.sample ? join(SAMPLE_DIR, 'assignments.csv') : undefined,
      itemsFile: values.sample ? join(SAMPLE_DIR, 'items.csv') : undefined,
    });
    process.stdout.write(`Ledger Lens is running at ${running.url}\n`);
    if (token || users)
      log(
        `Access token required: send "Authorization: Bearer <token>", or open ${running.url}?token=<token> in a browser once (it becomes a cookie).`,
      );
    if (!isLoopback(host)) log(`Listening on ${host}: reachable from other machines that can reach this one.`);
    const signal = await stopped;
    log(`${signal}: stopping …`);
    await running.close();
    return 0;
  } finally {
    db.close();
  }
}
