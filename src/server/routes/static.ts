import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';
import type { Handler } from '../context.ts';
import { sendError } from '../respond.ts';
import { isReshapeWorker, WORKER_CSP } from '../security.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** An account's page, /account/ID: one path segment after it (the id, percent-encoded). */
export const isAccountPage = (path: string) => /^\/account\/[^/]{1,200}$/.test(path);

/** The pages of the app; each answers with index.html and the app routes on the client. */
const PAGE_PATHS = ['/', '/health', '/fairness', '/audit', '/experiments', '/rankings', '/data'];

/**
 * Serves the built web app (vite build → dist/web). Hashed files under /assets/ may be cached forever; index.html
 * never, so a rebuilt app is picked up at once. Paths are resolved inside the root only.
 */
export function staticHandler(root: string): Handler {
  return async (_req, res, url) => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) return notBuilt(res, root);
    if (PAGE_PATHS.includes(url.pathname) || isAccountPage(url.pathname)) return sendFile(res, index, false);
    const path = normalize(join(root, decodeURIComponent(url.pathname)));
    if (!path.startsWith(root + sep) || !existsSync(path) || !statSync(path).isFile()) {
      return sendError(
        res,
        404,
        'not_found',
        `No route ${url.pathname}.`,
        `Pages: ${PAGE_PATHS.join(' ')}; the API is under /api/.`,
      );
    }
    if (isReshapeWorker(url.pathname)) res.setHeader('Content-Security-Policy', WORKER_CSP);
    sendFile(res, path, url.pathname.startsWith('/assets/'));
  };
}

function sendFile(res: ServerResponse, path: string, immutable: boolean) {
  const body = readFileSync(path);
  res.setHeader('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-store');
  res.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Length': body.length,
  });
  res.end(body);
}

function notBuilt(res: ServerResponse, root: string) {
  sendError(
    res,
    503,
    'app_not_built',
    `The web app is not built (${root} has no index.html).`,
    'Run `npm run build`, or start with `npm start`, which builds it when needed.',
  );
}
