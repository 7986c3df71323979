import type { Server } from 'node:http';

import { IMPORT_KINDS, ImportDto, ImportKind } from '@hyrkoll/contracts';
import { setImportMonthWindow } from '@hyrkoll/domain';
import type { INestApplicationContext } from '@nestjs/common';
import fc from 'fast-check';
import request from 'supertest';

import { RollupsService } from '../src/modules/rollups/rollups.service';
import { eventually } from './support/eventually';
import { csvCase, renderCsv, uploadAnswer } from './support/fuzz/csv';
import { OpenApiDocument } from './support/fuzz/openapi';
import { FUZZ_REGION, FuzzRegion, withFuzzRegion } from './support/fuzz/region';
import { answerProblem, multipart, Part, sendRaw } from './support/fuzz/requests';
import { check, FUZZ_TIMEOUT, pct, RUNS, sessionFor, sessionHeaders } from './support/fuzz/run';
import { oddString, PATH_TRICKS } from './support/fuzz/values';
import { startApi, startWorker, TestApp } from './support/test-app';

/** Control characters, which a file name must not keep. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

// a property runs many requests; FUZZ_RUNS_SCALE gives it more time
jest.setTimeout(FUZZ_TIMEOUT);

/**
 * Property-based fuzzing of the uploads and of the CSV imports through the real worker (the
 * routes themselves are fuzzed in fuzz.int-spec.ts): every answer is below 500, every import
 * ends DONE or REFUSED, a refused one writes no fact rows, and the rollups stay equal to a
 * recompute. FUZZ_SEED replays a run; FUZZ_RUNS_SCALE runs longer.
 */
describe('fuzzing the uploads and the CSV imports (fast-check)', () => {
  let api: TestApp;
  let server: Server;
  let region: FuzzRegion;
  /** Who may upload, from the OpenAPI document's access rule of the upload route. */
  let uploadAccess: { kind: string; permission?: string };

  beforeAll(async () => {
    api = await startApi(process.env['FUZZ_LOG'] ? { LOG_LEVEL: 'error' } : {});
    server = api.app.getHttpServer() as Server;
    region = await withFuzzRegion(api.app, api.dataSource);
    const doc = (await request(server).get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const upload = Object.values(doc.paths)
      .flatMap((ops) => Object.values(ops))
      .find((op) => op.requestBody?.content['multipart/form-data']);
    uploadAccess = upload?.['x-access'] ?? { kind: 'public' };
  });

  afterAll(() => api.close());

  describe('uploads and CSV imports, through the worker', () => {
    let worker: INestApplicationContext;
    /** Every file writes months of a year of its own, so that files never replace each other's rows. */
    let year = 1900;
    const received: { id: string; label: string }[] = [];

    beforeAll(async () => {
      // the files write a year of their own each, from 1901 on: past the plausible months of an
      // import (2000 to next month), which the worker in this process is told to accept
      setImportMonthWindow({ earliest: '1900-01', latest: '9999-12' });
      worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    });

    afterAll(async () => {
      setImportMonthWindow(null);
      await worker?.close();
    });

    const purchaser = (csrf = true) => sessionHeaders(region.sessions, 'purchaser', csrf);

    async function finished(id: string): Promise<ImportDto> {
      let imp: ImportDto | undefined;
      await eventually(`import ${id} to finish`, async () => {
        imp = (await request(server).get(`/api/imports/${id}`).set(purchaser(false))).body as ImportDto;
        if (imp.status === 'AWAITING_CONFIRMATION') {
          // the purchaser's second step (confirming twice is refused, so only once)
          await request(server).post(`/api/imports/${id}/confirm`).set(purchaser()).expect(202);
          return false;
        }
        return ['DONE', 'REFUSED', 'FAILED'].includes(imp.status);
      });
      return imp as ImportDto;
    }

    async function factRows(kind: ImportKind, months: string[]): Promise<number> {
      const table = {
        'purchased-hours': 'purchased_hours',
        'own-staff-cost': 'own_staff_costs',
        'national-comparison': 'national_comparison',
      }[kind];
      const regionFilter = kind === 'national-comparison' ? '' : 'AND region_id = $2';
      const [{ n }] = await api.dataSource.query(
        `SELECT count(*)::int AS n FROM ${table} WHERE to_char(month, 'YYYY-MM') = ANY($1) ${regionFilter}`,
        kind === 'national-comparison' ? [months] : [months, region.regionId],
      );
      return n as number;
    }

    it('refuses every broken upload request with a 4xx, and keeps no path in a file name', async () => {
      const names = fc.oneof(
        fc.constantFrom(
          ...PATH_TRICKS,
          '../../etc/passwd',
          '..\\..\\x.csv',
          'a\u0000b.csv',
          '\u0000',
          '',
          ' ',
          '.csv',
          `${'x'.repeat(5000)}.csv`,
          'timmar\u202evsc.exe',
          'C:\\fakepath\\timmar.csv',
          'a"b.csv',
          'a\r\nContent-Type: text/html\r\n.csv',
          '😀.csv',
          '\ud800.csv',
        ),
        oddString(),
      );
      // how the name goes into the part's header: quoted, RFC 5987, unquoted
      const filename = fc.tuple(names, fc.constantFrom('quoted', 'rfc5987', 'bare')).map(([name, style]) => ({
        name,
        style,
        header:
          style === 'quoted'
            ? `filename="${name}"`
            : style === 'bare'
              ? `filename=${name}`
              : `filename*=UTF-8''${pct(name)}`,
      }));
      const csv = () =>
        Buffer.from(
          `month;unit_code;profession_group;supplier;hours;cost_sek;order_ref\n${++year}-01;${FUZZ_REGION.unitCostCentre};LAKARE;Fuzzbemanning AB;1;100;\n`,
        );
      type Shape = { parts: (f: { header: string }) => Part[]; label: string; valid: boolean };
      const shapes: Shape[] = [
        {
          label: 'one file',
          valid: true,
          parts: (f) => [{ name: 'file', filenameHeader: f.header, contentType: 'text/csv', content: csv() }],
        },
        {
          label: 'wrong field name',
          valid: false,
          parts: (f) => [{ name: 'files', filenameHeader: f.header, content: csv() }],
        },
        {
          label: 'field name File',
          valid: false,
          parts: (f) => [{ name: 'File', filenameHeader: f.header, content: csv() }],
        },
        {
          label: 'empty field name',
          valid: false,
          parts: (f) => [{ name: '', filenameHeader: f.header, content: csv() }],
        },
        { label: 'no file, a text field', valid: false, parts: () => [{ name: 'file', content: csv() }] },
        { label: 'no parts', valid: false, parts: () => [] },
        {
          label: 'two files',
          valid: false,
          parts: (f) => [
            { name: 'file', filenameHeader: f.header, content: csv() },
            { name: 'file', filenameHeader: 'filename="b.csv"', content: csv() },
          ],
        },
        {
          label: 'a field, then the file',
          valid: false,
          parts: (f) => [
            { name: 'note', content: Buffer.from('x') },
            { name: 'file', filenameHeader: f.header, content: csv() },
          ],
        },
        {
          label: 'many fields',
          valid: false,
          parts: (f) => [
            ...Array.from({ length: 8 }, (_, i) => ({ name: `f${i}`, content: Buffer.from('x') })),
            { name: 'file', filenameHeader: f.header, content: csv() },
          ],
        },
        {
          label: 'an empty file',
          valid: false,
          parts: (f) => [{ name: 'file', filenameHeader: f.header, content: Buffer.alloc(0) }],
        },
        {
          label: 'a binary file',
          valid: false,
          parts: (f) => [
            {
              name: 'file',
              filenameHeader: f.header,
              contentType: 'image/png',
              content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0xff, 0xfe]),
            },
          ],
        },
      ];
      const breakages = fc.constantFrom(
        ...Array<string>(8).fill('none'),
        'truncated',
        'no closing boundary',
        'boundary mismatch',
        'no boundary parameter',
        'multipart/mixed',
        'lf line ends',
      );
      const statuses: Record<number, number> = {};
      const kinds = fc.oneof(
        { arbitrary: fc.constantFrom(...IMPORT_KINDS), weight: 4 },
        { arbitrary: fc.constantFrom('timesheets', '..%2F..', '%00', 'PURCHASED-HOURS'), weight: 1 },
      );
      const failure = await check(
        'upload requests',
        fc.tuple(
          // half of them the one well-formed shape, so that the odd file names are received
          fc.oneof(fc.constant(shapes[0] as Shape), fc.constantFrom(...shapes)),
          filename,
          breakages,
          kinds,
          sessionFor(uploadAccess, region.sessions),
        ),
        async ([shape, f, breakage, kind, s]) => {
          const form = multipart(shape.parts(f));
          let body = form.body;
          let contentType = form.contentType;
          if (breakage === 'truncated') body = body.subarray(0, Math.floor(body.length / 2));
          if (breakage === 'no closing boundary') body = body.subarray(0, body.lastIndexOf('--') - 2);
          if (breakage === 'boundary mismatch') contentType = 'multipart/form-data; boundary=something-else';
          if (breakage === 'no boundary parameter') contentType = 'multipart/form-data';
          if (breakage === 'multipart/mixed') contentType = contentType.replace('form-data', 'mixed');
          if (breakage === 'lf line ends')
            body = Buffer.from(body.toString('latin1').replace(/\r\n/g, '\n'), 'latin1');
          const res = await sendRaw(server, {
            method: 'post',
            path: `/api/imports/${kind}?source=fuzz`,
            headers: { ...sessionHeaders(region.sessions, s), 'content-type': contentType },
            body,
            label: shape.label,
          });
          statuses[res.status] = (statuses[res.status] ?? 0) + 1;
          const problem = answerProblem(res);
          if (problem) throw new Error(`${shape.label}, ${breakage}: ${problem}`);
          // a well-formed request with a well-formed name must be received
          const plain =
            shape.valid &&
            breakage === 'none' &&
            (IMPORT_KINDS as readonly string[]).includes(kind) &&
            /\S/.test(f.name) &&
            !CONTROL.test(f.name) &&
            (f.style === 'rfc5987' || (f.style === 'quoted' && !/["\\\r\n]/.test(f.name)));
          if (res.status === 202) {
            const imp = JSON.parse(res.text) as ImportDto;
            received.push({ id: imp.id, label: `${shape.label} ${JSON.stringify(f.name).slice(0, 60)}` });
            if (
              /[/\\]/.test(imp.fileName) ||
              CONTROL.test(imp.fileName) ||
              imp.fileName.length === 0 ||
              imp.fileName.length > 255
            )
              throw new Error(
                `${shape.label}: file name kept as ${JSON.stringify(imp.fileName.slice(0, 100))}`,
              );
          } else if (plain) {
            throw new Error(
              `${shape.label}: a plain upload was answered ${res.status}: ${res.text.slice(0, 200)}`,
            );
          }
        },
        RUNS.uploads,
      );
      if (process.env['FUZZ_LOG']) console.warn('upload requests', statuses);
      expect(failure).toBeNull();
      // whatever was received is validated and ends DONE or REFUSED, never FAILED or stuck
      for (const { id, label } of received.splice(0)) {
        const imp = await finished(id);
        expect({ label, status: imp.status }).toEqual({
          label,
          status: expect.stringMatching(/^(DONE|REFUSED)$/),
        });
      }
    });

    it('answers every CSV file with 202 or 4xx, ends each import DONE or REFUSED, and a refused one writes nothing', async () => {
      const tally: Record<string, number> = {};
      const failure = await check(
        'CSV files',
        csvCase(),
        async (c) => {
          const file = renderCsv(c, ++year);
          const before = await factRows(c.kind, file.months);
          const form = multipart([
            {
              name: 'file',
              filenameHeader: 'filename="fuzz.csv"',
              contentType: 'text/csv',
              content: file.bytes,
            },
          ]);
          const res = await sendRaw(server, {
            method: 'post',
            path: `/api/imports/${c.kind}?source=fuzz`,
            headers: { ...purchaser(), 'content-type': form.contentType },
            body: form.body,
            label: 'CSV file',
          });
          const problem = answerProblem(res);
          if (problem) throw new Error(`upload: ${problem}`);
          const expected = uploadAnswer(file.bytes);
          if (res.status !== expected.status)
            throw new Error(
              `upload answered ${res.status}, expected ${expected.status} (${expected.why}): ${res.text.slice(0, 300)}`,
            );
          if (res.status !== 202) {
            tally[`upload ${res.status}`] = (tally[`upload ${res.status}`] ?? 0) + 1;
            return;
          }
          const imp = await finished((JSON.parse(res.text) as ImportDto).id);
          tally[imp.status] = (tally[imp.status] ?? 0) + 1;
          const after = await factRows(c.kind, file.months);
          // the staged lines go with a refusal, and right after the commit of a DONE import
          let staged = -1;
          // on a time-out the check below names what was left
          await eventually(
            `the staged lines of import ${imp.id} to go`,
            async () => {
              [{ staged }] = await api.dataSource.query<{ staged: number }[]>(
                'SELECT count(*)::int AS staged FROM import_lines WHERE import_id = $1',
                [imp.id],
              );
              return staged === 0;
            },
            5_000,
          ).catch(() => undefined);
          const summary = `${imp.status} (${imp.errorCount} errors, first ${JSON.stringify(imp.errors[0] ?? null).slice(0, 200)}; message ${imp.message}); file ${file.why.join(', ') || 'clean'}`;
          if (imp.status !== 'DONE' && imp.status !== 'REFUSED') throw new Error(`import ended ${summary}`);
          if (staged !== 0) throw new Error(`${staged} staged lines left behind: ${summary}`);
          if (file.mark === 'refuse' && imp.status !== 'REFUSED')
            throw new Error(`a bad file was imported: ${summary}`);
          if (file.mark === undefined && imp.status !== 'DONE')
            throw new Error(`a good file was refused: ${summary}`);
          if (imp.status === 'REFUSED') {
            if (after !== before)
              throw new Error(`refused, yet ${after - before} fact rows were written: ${summary}`);
            if (imp.errorCount < 1 || imp.errors.length < 1 || imp.rowsWritten !== 0)
              throw new Error(`refused without errors, or with rows written: ${summary}`);
          } else if (imp.rowsWritten !== file.rows || after !== file.rows) {
            throw new Error(
              `DONE with ${imp.rowsWritten} rows written and ${after} in the table, ${file.rows} in the file`,
            );
          }
        },
        RUNS.csv,
      );
      if (process.env['FUZZ_LOG']) console.warn('CSV files', tally);
      expect(failure).toBeNull();
      // the files were spread over the outcomes, not all refused at the door
      expect(Object.keys(tally).sort()).toEqual(expect.arrayContaining(['DONE', 'REFUSED', 'upload 400']));
    });

    it('leaves the rollups of the fuzz region equal to a recompute once the imports are through', async () => {
      const rollups = worker.get(RollupsService);
      let differences: unknown[] = [];
      // on a time-out the expectation below shows the differences
      await eventually("the fuzz region's rollups to equal a recompute", async () => {
        // the register also counts decisions, which suites without a worker leave to be rolled up later
        differences = (await rollups.check({ regionId: region.regionId })).filter(
          (d) => d.table !== 'dispensation_monthly',
        );
        return differences.length === 0;
      }).catch(() => undefined);
      expect(differences).toEqual([]);
    });
  });
});
