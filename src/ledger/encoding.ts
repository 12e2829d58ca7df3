import { isUtf8 } from 'node:buffer';
import { UserError } from '../errors.ts';

export type Encoding = 'utf-8' | 'gb18030' | 'utf-16le' | 'utf-16be';

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-8-sig': 'utf-8',
  'utf8-bom': 'utf-8',
  // GB18030 is a superset of GBK and GB2312, so one decoder reads all three exactly.
  gbk: 'gb18030',
  gb2312: 'gb18030',
  gb18030: 'gb18030',
  cp936: 'gb18030',
  // Excel's "Unicode text" export is UTF-16LE with a byte-order mark.
  'utf-16le': 'utf-16le',
  utf16le: 'utf-16le',
  'utf-16be': 'utf-16be',
  utf16be: 'utf-16be',
  'utf-16': 'utf-16le',
  utf16: 'utf-16le',
  unicode: 'utf-16le',
};

/** The encoding a byte-order mark names, if the file starts with one. */
export function bomEncoding(sample: Buffer): Encoding | undefined {
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  return undefined;
}

/**
 * The byte order of UTF-16 text saved without a byte-order mark, if the sample is such text. A CSV's commas, digits
 * and line ends are ASCII, which UTF-16 writes with a zero byte on one side; UTF-8 and GBK text never holds zero
 * bytes, so a quarter of the characters with a zero on the same side (and almost none on the other) is unambiguous.
 */
export function unmarkedUtf16(sample: Buffer): 'utf-16le' | 'utf-16be' | undefined {
  const pairs = Math.floor(sample.length / 2);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < pairs * 2; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const clear = (many: number, few: number) => pairs > 0 && many >= pairs / 4 && few * 20 <= many;
  const order = clear(oddZeros, evenZeros) ? 'utf-16le' : clear(evenZeros, oddZeros) ? 'utf-16be' : undefined;
  // Binary data (e.g. 16-bit integers) can share the zero pattern; decoded, it is mostly control characters.
  return order && mostlyPrintable(new TextDecoder(order).decode(sample.subarray(0, pairs * 2))) ? order : undefined;
}

function mostlyPrintable(text: string): boolean {
  let control = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x09 || (c > 0x0d && c < 0x20)) control++;
  }
  return control <= text.length * 0.05;
}

/** Names that say "UTF-16" without a byte order: the file's own bytes decide it. */
const UNORDERED_UTF16 = new Set(['utf-16', 'utf16', 'unicode']);

/** The sample as text, read with the file's encoding (leniently: the full read checks every line). */
export function decodeSample(sample: Buffer, encoding: Encoding): string {
  const name = encoding === 'utf-8' ? 'utf-8' : encoding;
  return new TextDecoder(name).decode(sample);
}

export function parseEncodingName(name: string): Encoding {
  const e = ALIASES[name.toLowerCase()];
  if (!e)
    throw new UserError('bad_encoding', `--encoding ${name}: unknown encoding`, {
      hint: 'Use utf-8 or gbk (gb18030 and gb2312 are read as gbk).',
    });
  return e;
}

/** Drops a UTF-8 sequence cut off by the sample boundary so that it does not look like an encoding error. */
function trimPartial(sample: Buffer): Buffer {
  let end = sample.length;
  for (let i = 1; i <= 3 && i <= sample.length; i++) {
    const b = sample[sample.length - i];
    if ((b & 0xc0) === 0x80) continue;
    if (b >= 0xc0) end = sample.length - i;
    break;
  }
  return sample.subarray(0, end);
}

/**
 * Whether the sample reads as GBK: more of its lines with non-ASCII bytes decode as GB18030 than as UTF-8. Lines,
 * not the whole sample, so one damaged line does not make a GBK file "neither" (it is quarantined on reading).
 */
function decodesAsGb18030(sample: Buffer): boolean {
  const v = lineVotes(sample);
  return v.gbk > v.utf8;
}

/** Lines with non-ASCII bytes in the sample that are valid UTF-8, and those that are valid GB18030 only. */
function lineVotes(sample: Buffer): { gbk: number; utf8: number } {
  // Cutting at the last newline avoids a split double-byte character at the end of the sample.
  const cut = sample.lastIndexOf(0x0a);
  const body = cut > 0 ? sample.subarray(0, cut) : sample;
  let gbk = 0;
  let utf8 = 0;
  for (let from = 0; from <= body.length; ) {
    const nl = body.indexOf(0x0a, from);
    const line = body.subarray(from, nl < 0 ? body.length : nl);
    from = nl < 0 ? body.length + 1 : nl + 1;
    if (!line.some((b) => b >= 0x80)) continue;
    if (isUtf8(line)) utf8++;
    else if (decodes(line)) gbk++;
  }
  return { gbk, utf8 };
}

function decodes(line: Buffer): boolean {
  try {
    new TextDecoder('gb18030', { fatal: true }).decode(line);
    return true;
  } catch {
    return false;
  }
}

/**
 * Detects the encoding from the first bytes (BOM, then UTF-8 validity, then GB18030), or checks a forced one.
 * A file read later with the wrong encoding would fail deep inside DuckDB; saying it here names the fix.
 */
export function detectEncoding(
  file: string,
  sample: Buffer,
  forced?: string,
): { encoding: Encoding; bom: boolean; detected: boolean } {
  const named = bomEncoding(sample);
  if (named === 'utf-16le' || named === 'utf-16be') {
    if (forced && parseEncodingName(forced) !== named) {
      throw new UserError(
        'wrong_encoding',
        `${file}: --encoding ${forced} was given, but the file starts with the byte-order mark of ${named.toUpperCase()}`,
        { hint: 'Leave --encoding out: the mark names the encoding.' },
      );
    }
    return { encoding: named, bom: true, detected: !forced };
  }
  const bom = named === 'utf-8';
  const unmarked = bom ? undefined : unmarkedUtf16(sample);
  if (forced) {
    const encoding = parseEncodingName(forced);
    if (encoding === 'utf-16le' || encoding === 'utf-16be') {
      if (unmarked && (unmarked === encoding || UNORDERED_UTF16.has(forced.toLowerCase())))
        return { encoding: unmarked, bom: false, detected: false };
      throw new UserError(
        'wrong_encoding',
        unmarked
          ? `${file}: --encoding ${forced} was given, but the file is ${unmarked.toUpperCase()} (the other byte order)`
          : `${file}: --encoding ${forced} was given, but the file is not UTF-16 (no byte-order mark, and its bytes are not UTF-16 text)`,
        {
          hint: unmarked
            ? `Use --encoding ${unmarked}, or leave --encoding out.`
            : 'Leave --encoding out to detect the encoding.',
        },
      );
    }
    const utf8 = bom || isUtf8(trimPartial(sample));
    if (encoding === 'utf-8' && !utf8) {
      const gb = decodesAsGb18030(sample);
      throw new UserError(
        'wrong_encoding',
        `${file}: the file is not valid UTF-8${gb ? ' — this looks like GBK (as Excel saves CSV in China)' : ''}`,
        {
          hint: gb
            ? 'Use --encoding gbk, or leave --encoding out to detect it.'
            : 'Save the file as UTF-8, or give its encoding with --encoding.',
        },
      );
    }
    // Every GBK text with Chinese in it is invalid UTF-8; valid UTF-8 with non-ASCII bytes is not GBK.
    if (encoding === 'gb18030' && utf8 && sample.some((b) => b >= 0x80)) {
      throw new UserError(
        'wrong_encoding',
        `${file}: --encoding gbk was given, but the file is valid UTF-8${bom ? ' (it even starts with a UTF-8 byte-order mark)' : ''}`,
        {
          hint: 'Leave --encoding out (UTF-8 is detected), or use --encoding utf-8.',
        },
      );
    }
    return { encoding, bom, detected: false };
  }
  if (unmarked) return { encoding: unmarked, bom: false, detected: true };
  if (bom || isUtf8(trimPartial(sample))) return { encoding: 'utf-8', bom, detected: true };
  const votes = lineVotes(sample);
  if (votes.gbk > votes.utf8) return { encoding: 'gb18030', bom: false, detected: true };
  // Mostly UTF-8 with a few damaged lines: read as UTF-8, and the reader quarantines those lines.
  if (votes.utf8 > 0) return { encoding: 'utf-8', bom: false, detected: true };
  throw new UserError('unknown_encoding', `${file}: cannot tell the file's encoding (it is neither UTF-8 nor GBK)`, {
    hint: 'Save the file as UTF-8 CSV, or name its encoding with --encoding.',
  });
}
