import type { FormerEmployeeDto, PriceDto, SupplierDto, TravelAllowanceDto } from '@hyrkoll/contracts';

import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import type { Translate } from '../../shared/translate';
import { inKarensOn } from './agreement-data';
import { levelName, lotNames, professionName, supplierStatusName } from './labels';

/** A municipality's row on the zones page. */
export interface ZoneRow {
  code: string;
  name: string;
  priceZone: 1 | 2 | 3;
  illustrative: boolean;
  units: number;
}

export function supplierColumns(t: Translate): ExportColumn<SupplierDto>[] {
  return [
    { header: t('agreement.suppliers.name'), value: (s) => s.name },
    { header: t('agreement.suppliers.organisationNumber'), value: (s) => s.organisationNumber },
    { header: t('agreement.suppliers.lots'), value: (s) => lotNames(s.lots, t) },
    { header: t('agreement.suppliers.status'), value: (s) => supplierStatusName(s.status, t) },
    { header: t('agreement.suppliers.quarantineReason'), value: (s) => s.quarantineReason },
  ];
}

export function priceColumns(t: Translate): ExportColumn<PriceDto>[] {
  return [
    { header: t('agreement.prices.profession'), value: (p) => professionName(p.profession, t) },
    { header: t('agreement.prices.level'), value: (p) => levelName(p.competenceLevel, t) },
    { header: t('agreement.prices.zone'), value: (p) => p.priceZone, kind: 'number' },
    { header: t('agreement.prices.hourlyRate'), value: (p) => p.hourlyRate, kind: 'money' },
    { header: t('agreement.period.validFrom'), value: (p) => p.validFrom, kind: 'date' },
    { header: t('agreement.period.validTo'), value: (p) => p.validTo, kind: 'date' },
    {
      header: t('agreement.prices.source'),
      value: (p) => (p.illustrative ? t('agreement.prices.illustrative') : t('agreement.prices.agreed')),
    },
  ];
}

export function travelAllowanceColumns(t: Translate): ExportColumn<TravelAllowanceDto>[] {
  return [
    { header: t('agreement.travel.amountPerWeek'), value: (a) => a.amountPerWeek, kind: 'money' },
    { header: t('agreement.period.validFrom'), value: (a) => a.validFrom, kind: 'date' },
    { header: t('agreement.period.validTo'), value: (a) => a.validTo, kind: 'date' },
  ];
}

export function zoneColumns(t: Translate): ExportColumn<ZoneRow>[] {
  return [
    { header: t('agreement.zones.municipality'), value: (z) => z.name },
    { header: t('agreement.zones.code'), value: (z) => z.code },
    { header: t('agreement.zones.zone'), value: (z) => z.priceZone, kind: 'number' },
    { header: t('agreement.zones.units'), value: (z) => z.units, kind: 'number' },
    {
      header: t('agreement.zones.source'),
      value: (z) => (z.illustrative ? t('agreement.zones.illustrative') : t('agreement.zones.agreed')),
    },
  ];
}

export function formerEmployeeColumns(t: Translate, today: string): ExportColumn<FormerEmployeeDto>[] {
  return [
    { header: t('agreement.former.identity'), value: (f) => f.identityMasked },
    { header: t('agreement.former.employmentEndedOn'), value: (f) => f.employmentEndedOn, kind: 'date' },
    { header: t('agreement.former.karensUntil'), value: (f) => f.karensUntil, kind: 'date' },
    {
      header: t('agreement.former.status'),
      value: (f) =>
        inKarensOn(f, today) ? t('agreement.former.inKarens') : t('agreement.former.karensOver'),
    },
  ];
}
