import { Transform, TransformCallback } from 'node:stream';
import { DomainError } from '../../common/errors/domain-error';

/** Most lines of the file in one staged row; the worker reads a batch as a few such blocks. */
export const BLOCK_LINES = 1000;

/** Characters COPY text format needs escaped in a line (most lines have none). */
const NEEDS_ESCAPE = /[\\\t\r]/;

/** A line of a staged block, with its number in the file. */
export interface StagedLine {
  lineNo: number;
  raw: string;
}

/**
 * Turns the bytes of an uploaded file into rows for `COPY import_lines FROM STDIN` (text
 * format): a row holds up to BLOCK_LINES consecutive lines of the file, joined by line breaks,
 * under the number of its first line. Staging blocks instead of lines spares the database a
 * row and an index entry for every line. The file must be UTF-8 (a byte-order mark is dropped);
 * anything else stops the upload with a 400.
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
      const lossy = new TextDecoder('utf-8').decode(chunk);
      return done(this.notUtf8(lossy, lossy.indexOf('\uFFFD')));
    }
    // NUL characters (UTF-16 read as UTF-8 has them) cannot be stored in PostgreSQL text
    if (text.includes('\u0000')) return done(this.notUtf8(text, text.indexOf('\u0000')));
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
    for (let start = 0; start < lines.length; start += BLOCK_LINES) {
      const first = this.lineNo + 1;
      const block: string[] = [];
      for (const raw of lines.slice(start, start + BLOCK_LINES)) {
        this.lineNo++;
        const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
        if (this.lineNo > 1 && line.trim() !== '') this.dataLines++;
        block.push(
          NEEDS_ESCAPE.test(line)
            ? line.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r/g, '\\r')
            : line,
        );
      }
      // the lines' breaks are escaped: the block is one COPY field
      out += `${this.importId}\t${first}\t${block.join('\\n')}\n`;
    }
    return out;
  }

  /** The refusal of a file that is not UTF-8; `text` from the chunk being read, bad at `index`. */
  private notUtf8(text = '', index = 0): DomainError {
    const breaks = text.slice(0, Math.max(0, index)).split('\n').length - 1;
    return DomainError.validation([
      {
        field: 'file',
        message: `the file is not UTF-8 text (near line ${this.lineNo + 1 + breaks}); save it as UTF-8 CSV`,
      },
    ]);
  }
}

/** The non-blank lines of a staged block, numbered from the block's first line. */
export function linesOfBlock(firstLine: number, block: string): StagedLine[] {
  const lines: StagedLine[] = [];
  block.split('\n').forEach((raw, i) => {
    if (raw.trim() !== '') lines.push({ lineNo: firstLine + i, raw });
  });
  return lines;
}
