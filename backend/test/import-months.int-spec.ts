import type { ImportDto } from '@hyrkoll/contracts';
import { addMonths, importMonthWindow } from '@hyrkoll/domain';
import type { INestApplicationContext } from '@nestjs/common';

import { importFinished, uploadImport } from './support/imports';
import { newRegion } from './support/new-region';
import type { TestSession } from './support/sessions';
import { startApi, startWorker, TestApp } from './support/test-app';
import { WORKFLOW_REGION } from './support/workflow-world';

/**
 * The plausibility of an import's months through the worker (issue 17, point 3): a month more
 * than one month after today, or before 2000, is a row error naming the line and the column, in
 * Swedish and English, and the file is refused whole.
 */
describe('imports: plausible months', () => {
  let api: TestApp;
  let worker: INestApplicationContext;
  let lars: TestSession;

  beforeAll(async () => {
    api = await startApi();
    worker = await startWorker({ QUEUE_PREFIX: api.config.redis.queuePrefix });
    lars = (await newRegion(api.app, api.dataSource, WORKFLOW_REGION)).sessions['Lars'] as TestSession;
  });

  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('refuses a file with a month two months ahead or before 2000, naming each line, and writes nothing', async () => {
    const { latest } = importMonthWindow(); // next month, by today's clock in Sweden
    const tooLate = addMonths(latest, 1);
    const reason = {
      sv: `månaden ska ligga mellan 2000-01 och ${latest} (högst en månad framåt)`,
      en: `the month must be from 2000-01 to ${latest} (at most one month ahead)`,
    };
    const file = [
      'month;unit_code;profession_group;supplier;hours;cost_sek;order_ref',
      `${latest};120101;LAKARE;Okänd Bemanning AB;8;9000;`,
      `${tooLate};120101;LAKARE;Okänd Bemanning AB;8;9000;`,
      `1999-12;120101;LAKARE;Okänd Bemanning AB;8;9000;`,
      `2000-01;120101;LAKARE;Okänd Bemanning AB;8;9000;`,
    ].join('\n');
    const res = await uploadImport(api.app, lars, 'purchased-hours', file).expect(202);
    const imp = await importFinished(api.app, lars, (res.body as ImportDto).id);
    expect(imp.status).toBe('REFUSED');
    expect(imp.errors).toEqual([
      { line: 3, column: 'month', value: tooLate, reason },
      { line: 4, column: 'month', value: '1999-12', reason },
    ]);
    expect(
      await api.dataSource.query('SELECT 1 FROM purchased_hours WHERE import_id = $1', [imp.id]),
    ).toEqual([]);

    const own = await uploadImport(
      api.app,
      lars,
      'own-staff-cost',
      `month;area_code;care_setting;profession_group;cost_sek;budget_sek\n${tooLate};NSO-SKE;PRIMARVARD;LAKARE;100;\n`,
    ).expect(202);
    const ownImport = await importFinished(api.app, lars, (own.body as ImportDto).id);
    expect(ownImport).toMatchObject({ status: 'REFUSED', errors: [{ line: 2, column: 'month', reason }] });
  });
});
