import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { DISPENSATION_STATUSES, DispensationDto } from '@hyrkoll/contracts';

import type { FinalAction } from './decision.page';

const I18N = join(__dirname, '../../../../public/i18n');

type Tree = { [key: string]: string | Tree };

/** The text of a dotted key in a scope's file, or undefined. */
function text(scope: string, language: string, key: string): string | undefined {
  let node: string | Tree | undefined = JSON.parse(
    readFileSync(join(I18N, scope, `${language}.json`), 'utf8'),
  );
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

const OUTCOMES: readonly DispensationDto['decisions'][number]['outcome'][] = [
  'APPROVED',
  'REJECTED',
  'RETURNED',
  'REVOKED',
];
const FINAL_ACTIONS: readonly FinalAction[] = ['reject', 'revoke', 'withdraw'];

/**
 * The keys the pages build at run time (`t('dispensations.status.' + status)`), which the check
 * of literal keys cannot see: each one is in the feature's scope, in Swedish and English.
 */
describe('the dispensations scope', () => {
  const built = [
    ...DISPENSATION_STATUSES.map((s) => `status.${s}`),
    ...OUTCOMES.map((o) => `outcome.${o}`),
    ...FINAL_ACTIONS.flatMap((a) => [`confirmQuestion.${a}`, `confirmYes.${a}`]),
  ];

  it.each(['sv', 'en'])('has every key the pages build (%s)', (language) => {
    expect(built.filter((key) => !text('dispensations', language, key))).toEqual([]);
  });
});
