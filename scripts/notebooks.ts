import { parseArgs } from 'node:util';
import { createServer } from 'vite';
import { UserError } from '../src/errors.ts';
import { buildNotebooks, DEFAULT_OUT, NOTEBOOKS_DIR, notebookFiles, prepareData } from '../src/notebooks/build.ts';
import { serveStatic } from '../src/notebooks/static-server.ts';
import { notebookViteConfig } from '../src/notebooks/vite.ts';

const HELP = `usage: npm run notebooks -- [--db PATH] [--quarter 2026Q3] [--out DIR] [--serve [--port N]]
       npm run notebooks:dev -- [--db PATH] [--quarter 2026Q3] [--port N]

Builds notebooks/*.html (Observable Notebook Kit) into static pages, reading the database through queries/*.sql.
  --db PATH       a Ledger Lens database (read-only); default the sample, data/sample.duckdb, imported when missing
  --quarter Q     the quarter the notebooks describe; default the latest complete quarter, as \`ledger-lens report\`
  --out DIR       where the pages go; default dist/notebooks
  --serve         after building, serve the pages on 127.0.0.1 (browsers do not run them from file://)
  --port N        port for --serve or dev; default 5174
  --dev           (npm run notebooks:dev) preview notebooks/ with reload; data is written to notebooks/data/`;

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      quarter: { type: 'string' },
      out: { type: 'string' },
      serve: { type: 'boolean' },
      dev: { type: 'boolean' },
      port: { type: 'string', default: '5174' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new UserError('bad_port', `--port ${values.port} is not a port number`, {
      hint: 'Give a number from 0 to 65535.',
    });
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const opts = { db: values.db, quarter: values.quarter, log };
  if (values.dev) {
    await prepareData(NOTEBOOKS_DIR, opts);
    const server = await createServer({
      ...notebookViteConfig(NOTEBOOKS_DIR),
      logLevel: 'info',
      server: { host: '127.0.0.1', port, strictPort: true },
    });
    await server.listen();
    for (const f of notebookFiles()) console.log(`  http://127.0.0.1:${port}/${f}`);
    console.log('Editing a notebook reloads its page; run again to re-read the database.');
    return new Promise(() => {});
  }
  const { out, pages } = await buildNotebooks(values.out ?? DEFAULT_OUT, opts);
  console.log(`built ${pages.length} notebooks into ${out}: ${pages.join(', ')}`);
  if (!values.serve) {
    console.log(`view them with: npm run notebooks -- --serve   (or any static server over ${out})`);
    return 0;
  }
  const { url } = await serveStatic(out, port);
  for (const f of pages) console.log(`  ${url}${f}`);
  return new Promise(() => {});
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (e: unknown) => {
    if (e instanceof UserError) {
      process.stderr.write(`error: ${e.message}\n${e.hint ? `hint: ${e.hint}\n` : ''}`);
      process.exit(e.exitCode);
    }
    if (e instanceof TypeError && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`error: ${e.message}\n${HELP}\n`);
      process.exit(2);
    }
    throw e;
  },
);
