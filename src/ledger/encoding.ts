import { isUtf8 } from 'node:buffer';
import { UserError } from '../errors.ts';

export type Encoding = 'utf-8' | 'gb18030';

const ALIASES: Record<string, Encoding> = {
  'utf-8': 'utf-8', utf8: 'utf-8', 'utf-8-sig': 'utf-8', 'utf8-bom': 'utf-8',
  // GB18030 is a superset of GBK and GB2312, so one decoder reads all three exactly.
  gbk: 'gb18030', gb2312: 'gb18030', gb18030: 'gb18030', cp936: 'gb18030',
};

export function parseEncodingName(name: string): Encoding {
  const e = ALIASES[name.toLowerCase()];
  if (!e) throw new UserError('bad_encoding', `--encoding ${name}: unknown encoding`, { hint: 'Use utf-8 or gbk (gb18030 and gb2312 are read as gbk).' });
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

function decodesAsGb18030(sample: Buffer): boolean {
  try {
    // Cutting at the last newline avoids a split double-byte character at the end of the sample.
    const cut = sample.lastIndexOf(0x0a);
    new TextDecoder('gb18030', { fatal: true }).decode(cut > 0 ? sample.subarray(0, cut) : sample);
    return true;
  } catch {
    return false;
  }
}

/**
 * Detects the encoding from the first bytes (BOM, then UTF-8 validity, then GB18030), or checks a forced one.
 * A file read later with the wrong encoding would fail deep inside DuckDB; saying it here names the fix.
 */
export function detectEncoding(file: string, sample: Buffer, forced?: string): { encoding: Encoding; bom: boolean; detected: boolean } {
  const bom = sample.length >= 3 && sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf;
  const utf8 = bom || isUtf8(trimPartial(sample));
  if (forced) {
    const encoding = parseEncodingName(forced);
    if (encoding === 'utf-8' && !utf8) {
      const gb = decodesAsGb18030(sample);
      throw new UserError('wrong_encoding', `${file}: the file is not valid UTF-8${gb ? ' — this looks like GBK (as Excel saves CSV in China)' : ''}`, {
        hint: gb ? 'Use --encoding gbk, or leave --encoding out to detect it.' : 'Save the file as UTF-8, or give its encoding with --encoding.',
      });
    }
    // Every GBK text with Chinese in it is invalid UTF-8; valid UTF-8 with non-ASCII bytes is not GBK.
    if (encoding === 'gb18030' && utf8 && sample.some((b) => b >= 0x80)) {
      throw new UserError('wrong_encoding', `${file}: --encoding gbk was given, but the file is valid UTF-8${bom ? ' (it even starts with a UTF-8 byte-order mark)' : ''}`, {
        hint: 'Leave --encoding out (UTF-8 is detected), or use --encoding utf-8.',
      });
    }
    return { encoding, bom, detected: false };
  }
  if (utf8) return { encoding: 'utf-8', bom, detected: true };
  if (decodesAsGb18030(sample)) return { encoding: 'gb18030', bom: false, detected: true };
  throw new UserError('unknown_encoding', `${file}: cannot tell the file's encoding (it is neither UTF-8 nor GBK)`, {
    hint: 'Save the file as UTF-8 CSV, or name its encoding with --encoding.',
  });
}
