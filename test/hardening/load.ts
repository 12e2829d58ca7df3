import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import type { ImportSummary } from '../../src/ledger/import.ts';

/** The dashboard's main routes, as its pages call them (the sample's last quarter, and the defaults). */
export const LOAD_PATHS = [
  '/api/report?quarter=2026Q3',
  '/api/daily?quarter=2026Q3',
  '/api/audit?quarter=2026Q3',
  '/api/rank?period=month',
  '/api/report?quarter=2026Q3&by=department',
  '/api/meta',
];

export interface LoadOptions {
  /** The server's base URL (loopback). */
  url: string;
  seconds: number;
  connections: number;
  /** GET paths the readers cycle through. */
  paths: string[];
  /** A ledger file uploaded and imported (POST /api/uploads, then /commit) while the readers run. */
  upload: string;
}

export interface LoadResult {
  requests: number;
  /** Answers other than 2xx, connection errors and timeouts: each must be 0. */
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
  seconds: number;
  import: ImportSummary;
  importSeconds: number;
}

/** The q-quantile of sorted values by the nearest-rank rule (the k-th smallest, k = ⌈q·n⌉). */
export function nearestRank(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length))) - 1];
}

/**
 * Readers hammer the dashboard's routes for `seconds` while one upload is checked and imported through the API.
 * autocannon reports no p95, so every response time is kept and the quantiles computed here.
 */
export async function loadWhileImporting(o: LoadOptions): Promise<LoadResult> {
  const times: number[] = [];
  const t0 = performance.now();
  const instance = autocannon({
    url: o.url,
    connections: o.connections,
    duration: o.seconds,
    timeout: 60,
    requests: o.paths.map((path) => ({ method: 'GET', path })),
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, ms: number) => times.push(ms));
  const importing = (async () => {
    await new Promise((r) => setTimeout(r, 300)); // the readers are under way first
    const i0 = performance.now();
    const body = readFileSync(o.upload);
    const name = o.upload.split(/[\\/]/).pop()!;
    const checked = await post(new URL(`/api/uploads?name=${encodeURIComponent(name)}`, o.url), body);
    const { upload_id } = checked as { upload_id: string };
    const committed = (await post(new URL(`/api/uploads/commit?upload_id=${upload_id}`, o.url))) as {
      import: ImportSummary;
    };
    return { summary: committed.import, seconds: (performance.now() - i0) / 1000 };
  })();
  const [result, imported] = await Promise.all([instance, importing]);
  times.sort((a, b) => a - b);
  return {
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: {
      p50: nearestRank(times, 0.5),
      p95: nearestRank(times, 0.95),
      p99: nearestRank(times, 0.99),
      max: times[times.length - 1] ?? NaN,
    },
    seconds: (performance.now() - t0) / 1000,
    import: imported.summary,
    importSeconds: imported.seconds,
  };
}

async function post(url: URL, body?: Buffer): Promise<unknown> {
  const r = await fetch(url, {
    method: 'POST',
    headers: { 'X-Ledger-Lens': '1' },
    body: body ? new Uint8Array(body) : undefined,
  });
  const json = await r.json();
  if (r.status !== 200) throw new Error(`${url.pathname}: ${r.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * New earn rows in the sample's last quarter for existing accounts, spread over days, hours, rules and accounts so
 * the import changes the report's numbers without planting an anomaly on every account for the audit to chase.
 */
export function extraLedgerCsv(rows: number, prefix = 'LOAD'): string {
  const lines = ['event_id,occurred_at,account_id,points,event_type,rule_id,department'];
  const two = (n: number) => String(n).padStart(2, '0');
  for (let i = 0; i < rows; i++) {
    const day = 1 + ((i * 17) % 28);
    const month = 7 + ((i * 5) % 3);
    const hour = 8 + ((i * 13) % 11);
    const account = `U${String(1 + ((i * 7919) % 1500)).padStart(4, '0')}`;
    lines.push(
      `${prefix}${i},2026-${two(month)}-${two(day)} ${two(hour)}:${two((i * 7) % 60)}:00,${account},${1 + (i % 50)},earn,R0${1 + (i % 9)},生产部`,
    );
  }
  return `${lines.join('\n')}\n`;
}
