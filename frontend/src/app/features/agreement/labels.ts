import type { CompetenceLevel, Lot, Profession, SupplierStatus } from '@hyrkoll/contracts';

import type { Translate } from '../../shared/translate';

/*
 * Names of the agreement's codes, each key written out so that the translation test can see
 * that it exists in both languages.
 */

export function professionName(profession: Profession, t: Translate): string {
  switch (profession) {
    case 'LAKARE':
      return t('profession.LAKARE');
    case 'SJUKSKOTERSKA':
      return t('profession.SJUKSKOTERSKA');
    case 'SPECIALISTSJUKSKOTERSKA':
      return t('profession.SPECIALISTSJUKSKOTERSKA');
    case 'BARNMORSKA':
      return t('profession.BARNMORSKA');
  }
}

export function levelName(level: CompetenceLevel | string, t: Translate): string {
  switch (level) {
    case 'LEGITIMERAD':
      return t('agreement.level.LEGITIMERAD');
    case 'SPECIALIST':
      return t('agreement.level.SPECIALIST');
    case 'OVERLAKARE':
      return t('agreement.level.OVERLAKARE');
    default:
      return level;
  }
}

export function lotName(lot: Lot, t: Translate): string {
  return lot === 'LAKARE' ? t('agreement.lot.LAKARE') : t('agreement.lot.SJUKSKOTERSKA');
}

export function lotNames(lots: readonly Lot[], t: Translate): string {
  return lots.map((lot) => lotName(lot, t)).join(', ');
}

export function supplierStatusName(status: SupplierStatus, t: Translate): string {
  return status === 'QUARANTINED' ? t('agreement.suppliers.quarantined') : t('agreement.suppliers.active');
}
