/**
 * Where a byte next occurs in a buffer read line by line. The position found is kept, so lines without the byte
 * cost a comparison, not a search that runs on to the end of the buffer for every line (quadratic on a chunk).
 */
export class NextByte {
  private buf: Buffer | undefined;
  private from = -1;
  private at = -1;

  constructor(private readonly byte: number) {}

  /** The next position of the byte at or after `from`, or buf.length. */
  after(buf: Buffer, from: number): number {
    if (this.buf !== buf || from < this.from || this.at < from) {
      const at = buf.indexOf(this.byte, from);
      this.buf = buf;
      this.from = from;
      this.at = at < 0 ? buf.length : at;
    }
    return this.at;
  }
}
