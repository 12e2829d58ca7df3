import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync, existsSync, readdirSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { z } from 'zod';
import { isUserError, UserError } from '../../errors.ts';
import { importLedger, type ImportSummary } from '../../ledger/import.ts';
import type { Progress } from '../../db/ingest/progress.ts';
import type { Context, Routes } from '../context.ts';
import { parseQuery } from '../params.ts';
import { sendAnswer } from '../respond.ts';

export interface UploadOptions {
  /** Where uploaded files wait between the check and the import (a folder beside the database). */
  dir: string;
  /** Largest accepted upload in bytes. */
  maxBytes: number;
}

// File systems cap one name at 255 bytes, and a Chinese character takes three.
const UploadQuery = z.object({
  name: z
    .string()
    .min(1, 'must name the file')
    .refine((n) => Buffer.byteLength(n, 'utf8') <= 255, 'must be at most 255 bytes (about 85 Chinese characters)'),
});
const UPLOAD_ID = /^[0-9a-f]{16}$/;
const IdQuery = z.object({ upload_id: z.string().regex(UPLOAD_ID, 'must be the upload_id the upload returned') });

/**
 * Uploading is two steps, so nobody imports blind: POST /api/uploads stores the file and runs the import as a dry
 * run (mapping, counts, first quarantined rows); POST /api/uploads/commit imports it for real. Progress of a running
 * import is polled at GET /api/uploads/progress. Every write needs the X-Ledger-Lens header: a browser sends it only
 * from our own page (another site would need a CORS preflight this server never grants), so no other page can post.
 */
export function uploadRoutes(ctx: Context, opts: UploadOptions): Routes {
  const { db, exclusive } = ctx;
  const progress = new Map<string, Progress & { done?: boolean }>();
  const fileOf = (id: string) => {
    const folder = join(opts.dir, id);
    const [name] = existsSync(folder) ? readdirSync(folder) : [];
    if (!name)
      throw new UserError(
        'unknown_upload',
        `upload ${id} does not exist (it was imported, discarded, or the server restarted)`,
        { hint: 'Upload the file again.' },
      );
    return join(folder, name);
  };
  return {
    'POST /api/uploads': async (req, res, url) => {
      requireHeader(req);
      const { name } = parseQuery(UploadQuery, url.searchParams);
      const id = randomBytes(8).toString('hex');
      const folder = join(opts.dir, id);
      mkdirSync(folder, { recursive: true });
      const file = join(folder, safeName(name));
      try {
        await receive(req, file, opts.maxBytes);
        const summary = await exclusive(() => importLedger(db, { file, dryRun: true }));
        sendAnswer(res, 'POST /api/uploads', { upload_id: id, name: basename(file), check: summary });
      } catch (e) {
        rmSync(folder, { recursive: true, force: true });
        throw withoutPath(e, file);
      }
    },
    'POST /api/uploads/commit': async (req, res, url) => {
      requireHeader(req);
      const { upload_id } = parseQuery(IdQuery, url.searchParams);
      const file = fileOf(upload_id);
      let summary: ImportSummary;
      try {
        summary = await exclusive(() => importLedger(db, { file, onProgress: (p) => progress.set(upload_id, p) }));
      } catch (e) {
        throw withoutPath(e, file);
      } finally {
        progress.set(upload_id, {
          ...(progress.get(upload_id) ?? { stage: 'importing', percent: 100, seconds: 0 }),
          done: true,
        });
      }
      ctx.clear();
      rmSync(join(opts.dir, upload_id), { recursive: true, force: true });
      sendAnswer(res, 'POST /api/uploads/commit', { upload_id, import: summary });
    },
    'POST /api/uploads/discard': async (req, res, url) => {
      requireHeader(req);
      const { upload_id } = parseQuery(IdQuery, url.searchParams);
      rmSync(join(opts.dir, upload_id), { recursive: true, force: true });
      sendAnswer(res, 'POST /api/uploads/discard', { upload_id, discarded: true });
    },
    'GET /api/uploads/progress': async (_req, res, url) => {
      const { upload_id } = parseQuery(IdQuery, url.searchParams);
      sendAnswer(res, '/api/uploads/progress', { upload_id, progress: progress.get(upload_id) ?? null });
    },
  };
}

/** Removes every upload folder under `dir` (at start: left by an earlier run; at shutdown: never committed nor discarded). */
export function removeUploads(dir: string) {
  if (!existsSync(dir)) return;
  for (const name of readdirSync(dir))
    if (UPLOAD_ID.test(name)) rmSync(join(dir, name), { recursive: true, force: true });
}

/** The user knows the file by the name they uploaded; the server's folders are none of their business. */
function withoutPath(e: unknown, file: string): unknown {
  if (!isUserError(e)) return e;
  const hide = (s: string | undefined) => s?.split(file).join(basename(file)).split(dirname(file)).join('(upload)');
  return new UserError(e.code, hide(e.message)!, { hint: hide(e.hint), details: e.details, exitCode: e.exitCode });
}

/** Every POST needs the X-Ledger-Lens header (see uploadRoutes): `what` names the request in the message. */
export function requireHeader(req: IncomingMessage, what = 'uploads') {
  if (req.headers['x-ledger-lens'] === undefined) {
    throw new UserError('missing_header', `${what} must carry the X-Ledger-Lens header`, {
      hint: 'Use the Data page, or send -H "X-Ledger-Lens: 1" with curl.',
    });
  }
}

/** Keeps the name's extension (format detection uses it) and nothing that could leave the upload folder. */
function safeName(name: string): string {
  const clean = basename(name.replace(/\\/g, '/'))
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^\.+/, '');
  return clean === '' ? 'upload.csv' : clean;
}

/** Streams the request body to `file`, stopping with 413 as soon as it passes `maxBytes`. */
async function receive(req: IncomingMessage, file: string, maxBytes: number) {
  const declared = Number(req.headers['content-length'] ?? NaN);
  const tooBig = () =>
    new UserError('upload_too_large', `the upload is larger than the limit of ${Math.round(maxBytes / 1048576)} MB`, {
      hint: 'Import large files with `ledger-lens import <file> --db <path>`, or start the server with a larger --max-upload-mb.',
      exitCode: 2,
      details: { status: 413 },
    });
  if (declared > maxBytes) throw tooBig();
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > maxBytes ? tooBig() : null, chunk);
    },
  });
  await pipeline(req, limit, createWriteStream(file));
  if (seen === 0)
    throw new UserError('empty_upload', 'the upload is empty', {
      hint: 'Choose a ledger file (CSV, TSV, Parquet or NDJSON).',
    });
}
