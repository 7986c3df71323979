import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { BLOCK_LINES, ImportLineEncoder, linesOfBlock, MAX_LINE_CHARS, StagedLine } from './import-lines';

const IMPORT_ID = '6a1f5c1e-0000-4000-8000-000000000001';

/** The value of a COPY text-format field, as PostgreSQL reads it. */
function unescapeCopy(field: string): string {
  return field.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

/** Encodes `chunks` as an upload would arrive, then reads the rows back as the worker does. */
async function stageAndRead(
  chunks: Buffer[],
  encoder = new ImportLineEncoder(IMPORT_ID),
): Promise<{ encoder: ImportLineEncoder; rows: string[][]; lines: StagedLine[] }> {
  const copyText = await text(Readable.from(chunks).pipe(encoder));
  const rows = copyText
    .split('\n')
    .filter((r) => r !== '')
    .map((r) => r.split('\t'));
  const lines = rows.flatMap(([, first, block]) => linesOfBlock(Number(first), unescapeCopy(block ?? '')));
  return { encoder, rows, lines };
}

/** `bytes` cut into pieces of `size`, also through multi-byte characters. */
function cut(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return chunks;
}

describe('ImportLineEncoder and linesOfBlock', () => {
  it('gives back every non-blank line with its number in the file, however the upload is cut', async () => {
    const file = 'månad;enhet\r\n2025-01;Östra\r\n\r\n2025-02;a\\b\tc\n   \n2025-03;Åre';
    for (const size of [1, 2, 3, 7, 1000]) {
      const { encoder, lines } = await stageAndRead(cut(Buffer.from(file, 'utf-8'), size));
      expect(lines).toEqual([
        { lineNo: 1, raw: 'månad;enhet' },
        { lineNo: 2, raw: '2025-01;Östra' },
        { lineNo: 4, raw: '2025-02;a\\b\tc' },
        { lineNo: 6, raw: '2025-03;Åre' },
      ]);
      expect(encoder.dataLines).toBe(3);
      expect(encoder.bytes).toBe(Buffer.byteLength(file));
    }
  });

  it(`stages at most ${BLOCK_LINES} lines a row, each row under the number of its first line`, async () => {
    const count = 2 * BLOCK_LINES + 5;
    const file = ['header', ...Array.from({ length: count }, (_, i) => `row ${i + 2}`)].join('\n');
    const { rows, lines, encoder } = await stageAndRead([Buffer.from(file)]);
    // the rows follow each other: each starts where the one before ended
    let next = 1;
    for (const [id, first, block] of rows) {
      expect([id, Number(first)]).toEqual([IMPORT_ID, next]);
      const lineCount = (block ?? '').split('\\n').length;
      expect(lineCount).toBeLessThanOrEqual(BLOCK_LINES);
      next += lineCount;
    }
    expect(next).toBe(count + 2);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    expect(lines).toHaveLength(count + 1);
    expect(lines.every((l) => l.lineNo === 1 || l.raw === `row ${l.lineNo}`)).toBe(true);
    expect(encoder.dataLines).toBe(count);
  });

  it('refuses bytes that are not UTF-8, naming the line', async () => {
    const file = Buffer.concat([Buffer.from('header\nok\n'), Buffer.from([0xff, 0xfe]), Buffer.from('\n')]);
    await expect(stageAndRead([file])).rejects.toMatchObject({
      fields: [
        {
          field: 'file',
          code: 'notUtf8',
          params: { line: 3 },
          message: expect.stringContaining('not UTF-8 text (near line 3)'),
        },
      ],
    });
  });

  it(`refuses a line over ${MAX_LINE_CHARS} characters naming it, and takes one at the limit`, async () => {
    const atLimit = 'x'.repeat(MAX_LINE_CHARS);
    for (const size of [1000, 65_536, 1_000_000]) {
      const ok = `header\r\n${atLimit}\r\nok\r\n${atLimit}\r`;
      const { lines } = await stageAndRead(cut(Buffer.from(ok), size));
      expect(lines.map((l) => l.raw.length)).toEqual([6, MAX_LINE_CHARS, 2, MAX_LINE_CHARS]);

      for (const tooLong of [
        `header\n${atLimit}\nok\n${atLimit}y\nlast`,
        `header\n${atLimit}\nok\n${atLimit}y`,
      ]) {
        await expect(stageAndRead(cut(Buffer.from(tooLong), size))).rejects.toMatchObject({
          fields: [
            {
              field: 'file',
              code: 'lineTooLong',
              params: { line: 4, maxChars: MAX_LINE_CHARS },
              message: expect.stringContaining(`line 4 is longer than ${MAX_LINE_CHARS} characters`),
            },
          ],
        });
      }
    }
  });

  it('stops at a line over the limit without reading the rest of the file', async () => {
    const encoder = new ImportLineEncoder(IMPORT_ID);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let refused: unknown;
    encoder.on('error', (error) => (refused = error));
    encoder.resume();
    for (let i = 0; i < 1000 && !refused; i++) {
      encoder.write(chunk);
      await new Promise((r) => setImmediate(r));
    }
    expect(refused).toMatchObject({ fields: [{ message: expect.stringContaining('line 1 is longer') }] });
    expect(encoder.bytes).toBeLessThanOrEqual(MAX_LINE_CHARS + 2 * chunk.length);
  });

  it('takes time linear in the length of a line, however finely it arrives', () => {
    /** Milliseconds to encode one line of `size` characters arriving in 4 KiB chunks (best of 3). */
    const timeOf = (size: number): number => {
      const chunks = cut(Buffer.alloc(size, 'a'), 4096);
      let best = Infinity;
      for (let round = 0; round < 3; round++) {
        const encoder = new ImportLineEncoder(IMPORT_ID, Infinity);
        let out = 0;
        const started = process.hrtime.bigint();
        for (const chunk of chunks) {
          encoder._transform(chunk, 'buffer' as BufferEncoding, (error, data?: string) => {
            if (error) throw error;
            out += data?.length ?? 0;
          });
        }
        encoder._flush((error, data?: string) => {
          if (error) throw error;
          out += data?.length ?? 0;
        });
        best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
        expect(out).toBeGreaterThan(size);
      }
      return best;
    };
    const size = 256 * 1024;
    timeOf(size); // warm-up
    const once = timeOf(size);
    const sixteenTimes = timeOf(16 * size);
    // linear work gives about 16, quadratic about 256; the bound is 4 times either way, so that
    // a machine busy with other work (ratios up to 4 times off have been seen) cannot fail it
    expect(sixteenTimes / Math.max(once, 0.05)).toBeLessThan(64);
  });
});
