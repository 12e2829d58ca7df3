/**
 * An independent count of a delimited file's data records, written apart from the importer's reader (no shared
 * code) so reconciliation against it is a real check. It decodes the whole text, then walks fields with a regular
 * expression: a quoted field that closes before a delimiter or line end may hold newlines; a quote that never closes
 * that way is taken as a literal character of its line, so the lines after it remain records of their own.
 * Blank lines are not records; the first non-blank line is the header.
 */
export function independentRecordCount(bytes: Buffer, delimiter = ','): number {
  const text = decode(bytes).replace(/\uFEFF/g, '');
  const quoted = new RegExp(`"(?:[^"]|"")*"(?=${escapeRe(delimiter)}|\\r?\\n|\\r?$)`, 'y');
  let records = 0;
  let pos = 0;
  while (pos < text.length) {
    const start = pos;
    let lineEnd = endOfLine(text, pos);
    let from = pos;
    for (;;) {
      const open = nextFieldQuote(text, from, lineEnd, delimiter);
      if (open < 0) break;
      quoted.lastIndex = open;
      const m = quoted.exec(text);
      if (!m) break; // never closed as a value: the quote is a literal character of its line
      from = open + m[0].length;
      lineEnd = endOfLine(text, from);
    }
    if (!/^\r?$/.test(text.slice(start, lineEnd))) records++;
    pos = lineEnd + 1;
  }
  return Math.max(0, records - 1); // the header
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  return nl < 0 ? text.length : nl;
}

/** A quote opens a field only at the start of a field. */
function nextFieldQuote(text: string, from: number, end: number, d: string): number {
  for (let i = text.indexOf('"', from); i >= 0 && i < end; i = text.indexOf('"', i + 1)) {
    if (i === 0 || text[i - 1] === d || text[i - 1] === '\n') return i;
  }
  return -1;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decode(b: Buffer): string {
  const even = (x: Buffer) => x.subarray(0, x.length - (x.length % 2));
  if (b[0] === 0xff && b[1] === 0xfe) return new TextDecoder('utf-16le').decode(b.subarray(2));
  if (b[0] === 0xfe && b[1] === 0xff)
    return (
      new TextDecoder('utf-16le').decode(Buffer.from(even(b.subarray(2))).swap16()) + (b.length % 2 ? '\uFFFD' : '')
    );
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(b);
  if (!utf8.includes('\uFFFD')) return utf8;
  return new TextDecoder('gb18030').decode(b);
}
