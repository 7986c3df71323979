import { Transform, TransformCallback } from 'node:stream';

import { FieldError, FieldErrorCode } from '@hyrkoll/contracts';

import { DomainError } from '../../common/errors/domain-error';

/** Most lines of the file in one staged row; the worker reads a batch as a few such blocks. */
export const BLOCK_LINES = 1000;

/** Characters COPY text format needs escaped in a line (most lines have none). */
const NEEDS_ESCAPE = /[\\\t\r]/;

/** Why an uploaded file was refused before it was staged: a field code of the catalogue. */
export type UploadProblemCode =
  typeof FieldErrorCode.LINE_TOO_LONG | typeof FieldErrorCode.NOT_UTF8 | typeof FieldErrorCode.NO_DATA_LINES;

/** A detail of an upload's 400: the field `file`, the code, and the line (and limit) in its params. */
export interface UploadProblem extends FieldError {
  field: 'file';
  code: UploadProblemCode;
  params?: { line?: number; maxChars?: number };
}

/** The 400 of an upload refused for one problem of its file. */
export function uploadRefused(problem: UploadProblem): DomainError {
  return DomainError.validation([problem]);
}

/** A line of a staged block, with its number in the file. */
export interface StagedLine {
  lineNo: number;
  raw: string;
}

/**
 * Longest line accepted, in characters (UTF-16 code units; a line of ASCII is as many bytes). A
 * real CSV line of hours or costs is well under 200 characters, so 64 Ki leaves room for long
 * names and free-text columns, while a file that is not line-based CSV (one endless line) is
 * refused as soon as its first line passes the limit, before the rest is read or anything kept.
 */
export const MAX_LINE_CHARS = 64 * 1024;

/**
 * Turns the bytes of an uploaded file into rows for `COPY import_lines FROM STDIN` (text
 * format): a row holds up to BLOCK_LINES consecutive lines of the file, joined by line breaks,
 * under the number of its first line. Staging blocks instead of lines spares the database a
 * row and an index entry for every line. The file must be UTF-8 (a byte-order mark is dropped);
 * anything else, or a line over MAX_LINE_CHARS, stops the upload with a 400 naming the line.
 *
 * Each chunk is looked at once: the unfinished line at its end is kept as pieces and joined only
 * when its line break arrives, so the work is linear in the file's size and a chunk's work is
 * bounded by the chunk and the line limit (the event loop is never held for long).
 */
export class ImportLineEncoder extends Transform {
  private readonly decoder = new TextDecoder('utf-8', { fatal: true });
  /** The pieces of the line not yet ended, and their length. */
  private pending: string[] = [];
  private pendingLength = 0;
  private lineNo = 0;
  bytes = 0;
  /** Non-blank lines after the header. */
  dataLines = 0;

  constructor(
    private readonly importId: string,
    private readonly maxLineChars = MAX_LINE_CHARS,
  ) {
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
    const lines: string[] = [];
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      const piece = text.slice(start, end);
      const line = this.pending.length === 0 ? piece : this.pending.join('') + piece;
      if (line.length - (line.endsWith('\r') ? 1 : 0) > this.maxLineChars) {
        return done(this.tooLong(lines.length));
      }
      lines.push(line);
      this.pending = [];
      this.pendingLength = 0;
      start = end + 1;
    }
    if (start < text.length) {
      this.pendingLength += text.length - start;
      // one more character may be the \r of a line at the limit
      if (this.pendingLength > this.maxLineChars + 1) return done(this.tooLong(lines.length));
      this.pending.push(text.slice(start));
    }
    done(null, this.encode(lines));
  }

  override _flush(done: TransformCallback): void {
    let rest: string;
    try {
      rest = this.decoder.decode();
    } catch {
      return done(this.notUtf8());
    }
    if (rest.includes('\u0000')) return done(this.notUtf8());
    const last = this.pending.join('') + rest;
    if (last.length > this.maxLineChars + (last.endsWith('\r') ? 1 : 0)) return done(this.tooLong(0));
    done(null, this.encode(last ? [last] : []));
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

  /** The refusal of a line over the limit: the `ended`-th line after those already encoded. */
  private tooLong(ended: number): DomainError {
    const lineNo = this.lineNo + ended + 1;
    return uploadRefused({
      field: 'file',
      code: FieldErrorCode.LINE_TOO_LONG,
      params: { line: lineNo, maxChars: this.maxLineChars },
      message: `line ${lineNo} is longer than ${this.maxLineChars} characters; is the file a CSV file with one row a line?`,
    });
  }

  /** The refusal of a file that is not UTF-8; `text` from the chunk being read, bad at `index`. */
  private notUtf8(text = '', index = 0): DomainError {
    const breaks = text.slice(0, Math.max(0, index)).split('\n').length - 1;
    const line = this.lineNo + 1 + breaks;
    return uploadRefused({
      field: 'file',
      code: FieldErrorCode.NOT_UTF8,
      params: { line },
      message: `the file is not UTF-8 text (near line ${line}); save it as UTF-8 CSV`,
    });
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
