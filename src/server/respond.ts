import type { ServerResponse } from 'node:http';
import { type Answer, type ApiRoute, checkAnswer } from '../api/schema.ts';
import { QueryError } from '../db/run.ts';
import { isUserError } from '../errors.ts';
import { privacyOf } from './privacy.ts';
import { noteExport } from './access-log.ts';

export interface ErrorBody {
  error: { code: string; message: string; hint?: string };
}

export function sendJson(res: ServerResponse, status: number, body: unknown) {
  writeJson(res, status, JSON.stringify(status === 200 ? privacyOf(res)(body) : body));
}

function writeJson(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/**
 * A route's answer, typed by the schema the browser checks it against (src/api/schema.ts) and checked against it as
 * sent (after the privacy pass): an answer that drifted from its schema is the server's fault, a 500 that names the
 * route and the field in the server log, never a page that draws a half-understood answer.
 */
export function sendAnswer<R extends ApiRoute>(res: ServerResponse, route: R, body: Answer<R>) {
  const sent = privacyOf(res)(body);
  if (!checkedAnswers.has(sent as object)) {
    const checked = checkAnswer(route, sent);
    if (!checked.ok) throw new Error(checked.message);
    checkedAnswers.add(sent as object);
  }
  writeJson(res, 200, JSON.stringify(sent));
}

/**
 * Answers already checked, by identity: a cached answer sent again as it is (no privacy pass rewrote it) is not
 * checked again, so the check costs once per computed answer (about twice its JSON.stringify), not per request.
 */
const checkedAnswers = new WeakSet<object>();

export function sendText(res: ServerResponse, status: number, type: string, text: string) {
  // A CSV with a file name is an export: the access log records which, and how many rows (lines after the header).
  const file = /filename="([^"]+)"/.exec(String(res.getHeader('Content-Disposition') ?? ''))?.[1];
  if (type === 'text/csv' && file)
    noteExport(res, file, Math.max(0, text.replace(/\r?\n$/, '').split('\n').length - 1));
  res.writeHead(status, { 'Content-Type': `${type}; charset=utf-8`, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export function sendError(res: ServerResponse, status: number, code: string, message: string, hint?: string) {
  sendJson(res, status, { error: { code, message, hint } } satisfies ErrorBody);
}

/**
 * Bad input (a UserError) is the client's to fix: 400 with the message and hint. Anything else is ours: 500 with
 * the query id when SQL failed, the detail on stderr, never a stack trace to the client.
 */
export function sendFailure(res: ServerResponse, e: unknown, log: (line: string) => void) {
  if (isUserError(e)) {
    const status = typeof e.details?.status === 'number' ? e.details.status : e.exitCode === 2 ? 400 : 500;
    return sendError(res, status, e.code, e.message, e.hint);
  }
  if (e instanceof QueryError) {
    log(`error: query ${e.queryId} failed: ${e.message}`);
    return sendError(res, 500, 'query_failed', `The query ${e.queryId} failed; the server log has the details.`);
  }
  log(`error: ${(e as Error)?.stack ?? String(e)}`);
  return sendError(res, 500, 'internal', 'The server could not answer this request; the server log has the details.');
}
