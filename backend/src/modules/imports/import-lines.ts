import { Transform, TransformCallback } from 'node:stream';
import { DomainError } from '../../common/errors/domain-error';

/** Characters COPY text format needs escaped (most lines have none, and are copied as they are). */
const NEEDS_ESCAPE = /[\\\t\r]/;

/**
 * Turns the bytes of an uploaded file into rows for `COPY import_lines FROM STDIN` (text
 * format): one row per non-blank line, with its line number in the file. The file must be
 * UTF-8 (a byte-order mark is dropped); anything else stops the upload with a 400.
 */
export class ImportLineEncoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  private pending = '';
  private lineNo = 0;
  bytes = 0;
  /** Non-blank lines after the header. */
  dataLines = 0;

  constructor(private readonly importId: string) {
    super({ readableObjectMode: false });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    this.bytes += chunk.length;
    let text: string;
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch {
      return done(this.notUtf8());
    }
    // NUL characters (UTF-16 read as UTF-8 has them) cannot be stored in PostgreSQL text
    if (text.includes('\u0000')) return done(this.notUtf8());
    this.pending += text;
    const lines = this.pending.split('\n');
    this.pending = lines.pop() ?? '';
    done(null, this.encode(lines));
  }

  override _flush(done: TransformCallback): void {
    try {
      this.pending += this.decoder.decode();
    } catch {
      return done(this.notUtf8());
    }
    if (this.pending.includes('\u0000')) return done(this.notUtf8());
    done(null, this.encode(this.pending ? [this.pending] : []));
  }

  private encode(lines: string[]): string {
    let out = '';
    for (const raw of lines) {
      this.lineNo++;
      const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      if (line.trim() === '') continue;
      if (this.lineNo > 1) this.dataLines++;
      const escaped = NEEDS_ESCAPE.test(line)
        ? line.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r')
        : line;
      out += `${this.importId}\t${this.lineNo}\t${escaped}\n`;
    }
    return out;
  }

  private notUtf8(): DomainError {
    return DomainError.validation([
      {
        field: 'file',
        message: `the file is not UTF-8 text (near line ${this.lineNo + 1}); save it as UTF-8 CSV`,
      },
    ]);
  }
}
