import type { IncomingMessage } from 'node:http';
import { UserError } from '../errors.ts';

/** A request body as JSON, refused with 413 as soon as it passes `maxBytes`; `what` and `hint` word the refusals. */
export async function readJson(
  req: IncomingMessage,
  maxBytes: number,
  words: { what: string; tooLargeHint: string; notJsonHint: string },
): Promise<unknown> {
  const tooBig = () =>
    new UserError('body_too_large', `${words.what} is larger than ${maxBytes / 1048576} MB`, {
      hint: words.tooLargeHint,
      details: { status: 413 },
    });
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) throw tooBig();
  const chunks: Buffer[] = [];
  let seen = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > maxBytes) throw tooBig();
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new UserError('bad_parameter', 'body: is not JSON', { hint: words.notJsonHint });
  }
}
