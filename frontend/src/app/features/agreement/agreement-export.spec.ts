import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { FormerEmployeeDto, PriceDto, SupplierDto } from '@hyrkoll/contracts';
import { COMPETENCE_LEVELS, LOTS, PROFESSION_CODES } from '@hyrkoll/contracts';
import { toCell } from '@hyrkoll/domain';

import type { ExportColumn } from '../../shared/export/spreadsheet-export';
import { perLanguage, Translate } from '../../shared/translate';
import {
  formerEmployeeColumns,
  priceColumns,
  supplierColumns,
  travelAllowanceColumns,
  zoneColumns,
} from './agreement-export';
import { levelName, lotName, professionName } from './labels';

/** A translate function that shows which key was asked for. */
const keys: Translate = (key, params) => (params ? `${key}${JSON.stringify(params)}` : key);

function cells<T>(columns: ExportColumn<T>[], row: T) {
  return columns.map((c) => toCell(c.value(row), c.kind ?? 'text'));
}

describe('export columns', () => {
  it('exports suppliers with their lots, status and reason as text', () => {
    const supplier: SupplierDto = {
      id: '1',
      organisationNumber: '556712-3459',
      name: '=Norrvård AB',
      lots: ['LAKARE', 'SJUKSKOTERSKA'],
      status: 'QUARANTINED',
      quarantineReason: 'Avtalsbrott',
      version: 2,
    };
    const columns = supplierColumns(keys);
    expect(columns.map((c) => c.header)).toEqual([
      'agreement.suppliers.name',
      'agreement.suppliers.organisationNumber',
      'agreement.suppliers.lots',
      'agreement.suppliers.status',
      'agreement.suppliers.quarantineReason',
    ]);
    expect(columns.map((c) => c.value(supplier))).toEqual([
      '=Norrvård AB',
      '556712-3459',
      'agreement.lot.LAKARE, agreement.lot.SJUKSKOTERSKA',
      'agreement.suppliers.quarantined',
      'Avtalsbrott',
    ]);
    // a name that looks like a formula is neutralised by the shared export
    expect(cells(columns, supplier)[0]).toEqual({ type: 'text', value: "'=Norrvård AB" });
  });

  it('keeps the hourly rate and the zone numeric and exact', () => {
    const price: PriceDto = {
      id: 'p',
      profession: 'LAKARE',
      competenceLevel: 'OVERLAKARE',
      priceZone: 3,
      hourlyRate: '1800.50',
      validFrom: '2020-01-01',
      validTo: null,
      illustrative: true,
    };
    const row = cells(priceColumns(keys), price);
    expect(row[0]).toEqual({ type: 'text', value: 'profession.LAKARE' });
    expect(row[1]).toEqual({ type: 'text', value: 'agreement.level.OVERLAKARE' });
    expect(row[2]).toEqual({ type: 'number', value: 3, text: '3' });
    expect(row[3]).toEqual({ type: 'number', value: 1800.5, text: '1800.50' });
    expect(row[5]).toEqual({ type: 'empty' });
    expect(row[6]).toEqual({ type: 'text', value: 'agreement.prices.illustrative' });
  });

  it('exports travel allowances, zones and the masked register', () => {
    expect(
      cells(travelAllowanceColumns(keys), {
        id: 'a',
        amountPerWeek: '2500.00',
        validFrom: '2020-01-01',
        validTo: null,
      })[0],
    ).toEqual({ type: 'number', value: 2500, text: '2500.00' });
    expect(
      zoneColumns(keys).map((c) =>
        c.value({ code: '2418', name: 'Malå', priceZone: 3, illustrative: false, units: 1 }),
      ),
    ).toEqual(['Malå', '2418', 3, 1, 'agreement.zones.agreed']);
    const person: FormerEmployeeDto = {
      id: 'f',
      identityMasked: '********-**30',
      employmentEndedOn: '2024-08-31',
      karensUntil: '2025-08-31',
    };
    expect(formerEmployeeColumns(keys, '2025-08-31').map((c) => c.value(person))).toEqual([
      '********-**30',
      '2024-08-31',
      '2025-08-31',
      'agreement.former.inKarens',
    ]);
    expect(formerEmployeeColumns(keys, '2025-09-01')[3]?.value(person)).toBe('agreement.former.karensOver');
  });

  it('builds the columns again only when the language (the translate function) changes', () => {
    const build = jest.fn(supplierColumns);
    const columns = perLanguage(build);
    const swedish: Translate = (key) => `sv:${key}`;
    const english: Translate = (key) => `en:${key}`;
    const first = columns(swedish);
    expect(columns(swedish)).toBe(first);
    expect(columns(english)[0]?.header).toBe('en:agreement.suppliers.name');
    expect(build).toHaveBeenCalledTimes(2);
  });
});

describe('names of the agreement codes', () => {
  const I18N = join(__dirname, '../../../../public/i18n');
  const read = (path: string) =>
    JSON.parse(readFileSync(join(I18N, path), 'utf8')) as Record<string, unknown>;

  function lookup(tree: Record<string, unknown>, key: string): unknown {
    return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], tree);
  }

  it.each(['sv', 'en'])('exist in %s for every profession, level and lot', (language) => {
    const tree = { ...read(`${language}.json`), agreement: read(`agreement/${language}.json`) };
    const names = [
      ...PROFESSION_CODES.map((p) => professionName(p, keys)),
      ...COMPETENCE_LEVELS.map((l) => levelName(l, keys)),
      ...LOTS.map((l) => lotName(l, keys)),
    ];
    expect(names.filter((key) => typeof lookup(tree, key) !== 'string')).toEqual([]);
    expect(new Set(names).size).toBe(names.length);
  });
});
