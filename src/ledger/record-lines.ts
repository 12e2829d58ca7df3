import { createReadStream } from 'node:fs';

/**
 * Where each CSV record starts, walking the file once with the quote rule DuckDB uses (a doubled quote inside
 * quotes is a literal). Returns, per record after the header, its physical start line and its "reader line":
 * the numbering DuckDB's rejects use, where a record counts as one line however many newlines it quotes and a
 * blank line counts as one. Only run for files whose records span lines, where arithmetic on row numbers fails.
 */
export async function recordLines(path: string, quote: string): Promise<{ physical: number[]; reader: number[] }> {
  const q = quote.charCodeAt(0);
  const physical: number[] = [];
  const reader: number[] = [];
  let line = 1;
  let readerLine = 1;
  let inQuote = false;
  let pendingQuote = false; // saw a quote inside quotes: either the closing one or the first of a doubled pair
  let recordStart = 1;
  let lineBytes = 0; // bytes on the current physical line outside quotes, ignoring a CR
  let records = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (pendingQuote) {
        pendingQuote = false;
        if (b === q) continue; // doubled quote: still inside
        inQuote = false;
      }
      if (inQuote) {
        if (b === q) pendingQuote = true;
        else if (b === 0x0a) line++;
        continue;
      }
      if (b === q) {
        inQuote = true;
        lineBytes++;
      } else if (b === 0x0a) {
        if (lineBytes > 0 || line !== recordStart) {
          if (records > 0) {
            physical.push(recordStart);
            reader.push(readerLine);
          }
          records++;
        }
        readerLine++;
        line++;
        recordStart = line;
        lineBytes = 0;
      } else if (b !== 0x0d) lineBytes++;
    }
  }
  if (lineBytes > 0 || line !== recordStart) {
    if (records > 0) {
      physical.push(recordStart);
      reader.push(readerLine);
    }
  }
  return { physical, reader };
}
