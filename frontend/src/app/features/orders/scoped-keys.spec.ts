import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { BidStatus, COMPETENCE_LEVELS, DISPENSATION_STATUSES, LOTS, ORDER_REASONS } from '@hyrkoll/contracts';

import type { FinalAction } from '../dispensations/decision.page';

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

// every member of a union, checked by the compiler
const BID_STATUSES: Record<BidStatus, true> = {
  REGISTERED: true,
  AWARDED: true,
  CONFIRMED: true,
  LAPSED: true,
  NOT_AWARDED: true,
  CANCELLED: true,
};
const FINAL_ACTIONS: Record<FinalAction, true> = { reject: true, revoke: true, withdraw: true };

/**
 * The keys the pages build at run time (`t('dispensations.status.' + status)`), which the check
 * of literal keys cannot see: each one is in its feature's scope, in Swedish and English.
 */
const BUILT: Record<string, string[]> = {
  orders: [
    ...Object.keys(BID_STATUSES).map((s) => `bidStatuses.${s}`),
    ...ORDER_REASONS.map((r) => `reason.${r}`),
    ...COMPETENCE_LEVELS.map((l) => `form.levels.${l}`),
    ...LOTS.map((l) => `procure.lot.${l}`),
  ],
  dispensations: [
    ...DISPENSATION_STATUSES.map((s) => `status.${s}`),
    ...Object.keys(FINAL_ACTIONS).flatMap((a) => [`confirmQuestion.${a}`, `confirmYes.${a}`]),
  ],
};

describe('the orders and dispensations scopes', () => {
  it.each(Object.keys(BUILT).flatMap((scope) => ['sv', 'en'].map((language) => [scope, language])))(
    'have every key the pages build (%s, %s)',
    (scope, language) => {
      expect((BUILT[scope] ?? []).filter((key) => !text(scope, language, key))).toEqual([]);
    },
  );
});
