import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import type { Encoding } from './encoding.ts';

export interface ScanResult {
  sha256: string;
  /** Physical line numbers (1-based) of empty lines, which DuckDB's readers skip: needed to give each row its real line. */
  blankLines: number[];
  lines: number;
}

/**
 * One streaming pass over the file: its sha256 (for idempotency), where its blank lines are, and — for GBK —
 * a UTF-8 copy for DuckDB, whose CSV reader cannot decode GBK. Memory stays at one chunk whatever the file size.
 */
export async function scanFile(file: string, encoding: Encoding, transcodeTo?: string): Promise<ScanResult> {
  const hash = createHash('sha256');
  const blankLines: number[] = [];
  const decoder = encoding === 'gb18030' ? new TextDecoder('gb18030', { stream: true } as TextDecoderOptions) : undefined;
  const out: WriteStream | undefined = transcodeTo ? createWriteStream(transcodeTo) : undefined;
  let line = 1;
  // Bytes since the last newline, carried across chunks, and whether they were a lone CR.
  let carry = 0;
  let carryIsCR = false;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (out && decoder) {
      const text = decoder.decode(chunk, { stream: true });
      if (!out.write(text)) await new Promise<void>((r) => out.once('drain', () => r()));
    }
    // GBK's trail bytes are >= 0x40, so 0x0a and 0x0d are real line ends in either encoding.
    let from = 0;
    for (let nl = chunk.indexOf(0x0a); nl >= 0; nl = chunk.indexOf(0x0a, from)) {
      const len = carry + nl - from;
      const lone = len === 1 && (nl > from ? chunk[from] === 0x0d : carryIsCR);
      if (len === 0 || lone) blankLines.push(line);
      line++;
      from = nl + 1;
      carry = 0;
      carryIsCR = false;
    }
    if (from < chunk.length) {
      carryIsCR = carry === 0 && chunk.length - from === 1 && chunk[from] === 0x0d;
      carry += chunk.length - from;
    }
  }
  if (out && decoder) {
    out.write(decoder.decode());
    await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
  return { sha256: hash.digest('hex'), blankLines, lines: line };
}
