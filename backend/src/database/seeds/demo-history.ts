import { SWEDISH_REGIONS } from '@hyrkoll/contracts';
import { monthRange } from '@hyrkoll/domain';
import type { EntityManager } from 'typeorm';

/**
 * The demo region's history 2021-01 → 2024-10, generated deterministically (no randomness)
 * and calibrated so that the metrics reproduce the headline figures of the region's 2024 board
 * reports: about 300 MSEK hired cost a year; an R12 ratio near 4 % in autumn 2024; Jan–Oct 2024
 * against Jan–Oct 2023 nurses and midwives −5.9 MSEK (−10.9 %) and doctors −1.3 MSEK (−0.7 %);
 * Jan–Feb doctors +10 MSEK (+32 %) and nurses +0.6 MSEK (+5 %); most dependence in primary care in
 * Skellefteå and Södra Lappland; purchased hours falling in the second half of 2024; and a
 * national comparison where the three northern neighbours sit above 10 %. Amounts are exact:
 * every split is done in öre with the remainder given to the largest share.
 */
export const HISTORY_FROM = '2021-01';
export const HISTORY_TO = '2024-10';

/** Hired cost per profession group and month, MSEK. */
const MSEK = {
  LAKARE: {
    2021: Array(12).fill(16),
    2022: Array(12).fill(17.5),
    2023: [15.5, 15.75, 19.3, 19.3, 19.3, 19.3, 19.3, 19.3, 19.3, 19.35, 19.0, 18.5],
    2024: [20.5, 20.75, 19.5, 19.0, 18.5, 18.0, 17.5, 17.2, 16.8, 16.65],
  },
  SSK_BM: {
    2021: Array(12).fill(4.5),
    2022: Array(12).fill(5),
    2023: [6.0, 6.0, 5.25, 5.25, 5.25, 5.25, 5.25, 5.25, 5.25, 5.35, 5.2, 5.5],
    2024: [6.3, 6.3, 5.0, 4.8, 4.7, 4.6, 4.4, 4.2, 4.0, 3.9],
  },
  OVRIGA: {
    2021: Array(12).fill(0.8),
    2022: Array(12).fill(0.9),
    2023: Array(12).fill(1),
    2024: Array(10).fill(1),
  },
} as const satisfies Record<string, Record<number, readonly number[]>>;

/** Own-staff cost of the whole health-care administration per month, MSEK, by year. */
const OWN_MSEK_PER_MONTH: Record<number, number> = { 2021: 560, 2022: 585, 2023: 605, 2024: 610 };

/** Average hourly price per profession group (SEK), for turning cost into purchased hours. */
const RATE = { LAKARE: 1400, SSK_BM: 800, OVRIGA: 600 } as const;

/** Where the hired cost of each profession group lands: cost centre → weight. Primary care in Skellefteå and Södra Lappland carries most. */
const HIRED_UNITS: Record<keyof typeof RATE, Record<string, number>> = {
  LAKARE: {
    '120101': 10,
    '120102': 6,
    '120104': 6,
    '120105': 5, // Skellefteå primary care
    '130101': 6,
    '130102': 7,
    '130103': 6,
    '130104': 5,
    '130106': 3, // Södra Lappland primary care
    '110106': 3,
    '110107': 3, // Umeå inland primary care
    '120201': 4,
    '130201': 5,
    '210102': 8,
    '210103': 5,
    '220201': 6,
    '220202': 4,
    '120301': 4,
  },
  SSK_BM: {
    '120101': 4,
    '120104': 4,
    '130102': 4,
    '130104': 4,
    '130105': 3,
    '120201': 6,
    '130202': 5,
    '210101': 6,
    '210103': 8,
    '220103': 8,
    '220101': 5,
    '220201': 4,
  },
  OVRIGA: { '220201': 4, '220202': 3, '120301': 3, '130301': 2 },
};

/** Suppliers per lot (organisation numbers of the demo suppliers) and a share bought off the agreement. */
const HIRED_SUPPLIERS: Record<keyof typeof RATE, Record<string, number>> = {
  LAKARE: { '556712-3459': 5, '559012-8731': 4, '559334-1208': 2, 'Läkarjouren Direkt AB': 1 },
  SSK_BM: { '556198-2348': 4, '556640-9172': 3, '556712-3459': 2, 'Sjuksköterskepoolen Norr AB': 1 },
  OVRIGA: { '559334-1208': 3, 'Psykologkonsult i Norr AB': 1 },
};

/** Own-staff cost split: area → care setting → weight, and profession group weights. */
const OWN_AREAS: Record<string, Record<string, number>> = {
  'NSO-UME': { PRIMARVARD: 55, SJUKHUSVARD: 35, PSYKIATRI: 10 },
  'NSO-SKE': { PRIMARVARD: 40, SJUKHUSVARD: 48, PSYKIATRI: 12 },
  'NSO-SLA': { PRIMARVARD: 45, SJUKHUSVARD: 45, PSYKIATRI: 10 },
  LSO1: { SJUKHUSVARD: 100 },
  LSO2: { SJUKHUSVARD: 70, PSYKIATRI: 30 },
};
const OWN_AREA_WEIGHTS: Record<string, number> = {
  'NSO-UME': 22,
  'NSO-SKE': 16,
  'NSO-SLA': 10,
  LSO1: 28,
  LSO2: 24,
};
const OWN_GROUPS: Record<string, number> = { LAKARE: 25, SSK_BM: 40, OVRIGA: 35 };

/** Hired share (%) per region around which the national comparison moves; the north above 10 %. */
const NATIONAL_BASE: Record<string, number> = {
  '01': 1.6,
  '03': 2.4,
  '04': 3.1,
  '05': 2.2,
  '06': 2.0,
  '07': 3.4,
  '08': 4.2,
  '09': 5.1,
  '10': 3.8,
  '12': 2.1,
  '13': 2.6,
  '14': 2.3,
  '17': 4.6,
  '18': 3.2,
  '19': 3.9,
  '20': 6.1,
  '21': 5.4,
  '22': 10.9,
  '23': 12.2,
  '24': 4.0,
  '25': 13.4,
};

/** Splits an amount in öre by integer weights exactly (largest remainder). */
export function splitExactly(totalOre: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (totalOre * w) / sum);
  const parts = raw.map(Math.floor);
  let left = totalOre - parts.reduce((a, b) => a + b, 0);
  const order = raw
    .map((r, i) => ({ i, frac: r - Math.floor(r) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = (order[k] as { i: number }).i;
    parts[i] = (parts[i] as number) + 1;
  }
  return parts;
}

const toSek = (ore: number) => `${Math.trunc(ore / 100)}.${String(Math.abs(ore % 100)).padStart(2, '0')}`;

async function insertMany(
  m: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 1000) {
    const chunk = rows.slice(start, start + 1000);
    const values = chunk
      .map((_, r) => `(${columns.map((__, c) => `$${r * columns.length + c + 1}`).join(', ')})`)
      .join(', ');
    await m.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values}`, chunk.flat());
  }
}

/**
 * Loads the history unless it is there. Returns the months written; the caller recomputes the
 * rollups of those months (outside this transaction).
 */
export async function seedDemoHistory(
  m: EntityManager,
  regionId: string,
  createdBy: string,
): Promise<string[]> {
  const existing = await m.query(
    `SELECT 1 FROM imports WHERE region_id = $1 AND file_name = 'demo-history' LIMIT 1`,
    [regionId],
  );
  if (existing.length > 0) return [];
  const months = monthRange(HISTORY_FROM, HISTORY_TO);
  const importIds: Record<string, string> = {};
  for (const kind of ['purchased-hours', 'own-staff-cost', 'national-comparison']) {
    const [{ id }] = await m.query<{ id: string }[]>(
      `INSERT INTO imports (region_id, kind, status, file_name, months, created_by, finished_at, message)
       VALUES ($1, $2, 'DONE', 'demo-history', $3, $4, now(), 'Generated demo history (illustrative)') RETURNING id`,
      [regionId, kind, months, createdBy],
    );
    importIds[kind] = id;
  }

  const units = new Map(
    (
      await m.query<{ cost_centre: string; id: string; area_id: string; care_setting: string }[]>(
        'SELECT cost_centre, id, area_id, care_setting FROM units WHERE region_id = $1',
        [regionId],
      )
    ).map((u) => [u.cost_centre, u]),
  );
  const areas = new Map(
    (
      await m.query<{ code: string; id: string }[]>('SELECT code, id FROM areas WHERE region_id = $1', [
        regionId,
      ])
    ).map((a) => [a.code, a.id]),
  );
  const suppliers = new Map(
    (
      await m.query<{ organisation_number: string; id: string; name: string }[]>(
        'SELECT organisation_number, id, name FROM suppliers WHERE region_id = $1',
        [regionId],
      )
    ).map((s) => [s.organisation_number, s]),
  );

  const hired: unknown[][] = [];
  const own: unknown[][] = [];
  const national: unknown[][] = [];
  months.forEach((month, index) => {
    const year = Number(month.slice(0, 4));
    const monthIndex = Number(month.slice(5)) - 1;
    const date = `${month}-01`;
    for (const group of Object.keys(RATE) as (keyof typeof RATE)[]) {
      const msek = (MSEK[group] as Record<number, readonly number[]>)[year]?.[monthIndex] ?? 0;
      const unitEntries = Object.entries(HIRED_UNITS[group]);
      const byUnit = splitExactly(
        Math.round(msek * 100_000_000),
        unitEntries.map(([, w]) => w),
      );
      unitEntries.forEach(([costCentre], u) => {
        const unit = units.get(costCentre);
        if (!unit) throw new Error(`demo history refers to an unknown cost centre ${costCentre}`);
        const supplierEntries = Object.entries(HIRED_SUPPLIERS[group]);
        const bySupplier = splitExactly(
          byUnit[u] as number,
          supplierEntries.map(([, w]) => w),
        );
        supplierEntries.forEach(([supplier], s) => {
          const ore = bySupplier[s] as number;
          const known = suppliers.get(supplier);
          const hours = Math.round(ore / RATE[group]); // öre / (SEK/h) = centi-hours
          hired.push([
            regionId,
            date,
            unit.id,
            unit.area_id,
            unit.care_setting,
            group,
            known?.id ?? null,
            known?.name ?? supplier,
            toSek(hours),
            toSek(ore),
            importIds['purchased-hours'],
          ]);
        });
      });
    }
    const ownOre = Math.round((OWN_MSEK_PER_MONTH[year] ?? 0) * 100_000_000);
    const areaEntries = Object.entries(OWN_AREA_WEIGHTS);
    splitExactly(
      ownOre,
      areaEntries.map(([, w]) => w),
    ).forEach((areaOre, a) => {
      const [areaCode] = areaEntries[a] as [string, number];
      const settings = Object.entries(OWN_AREAS[areaCode] as Record<string, number>);
      splitExactly(
        areaOre,
        settings.map(([, w]) => w),
      ).forEach((settingOre, c) => {
        const groups = Object.entries(OWN_GROUPS);
        splitExactly(
          settingOre,
          groups.map(([, w]) => w),
        ).forEach((ore, g) => {
          own.push([
            regionId,
            date,
            areas.get(areaCode),
            settings[c]?.[0],
            groups[g]?.[0],
            toSek(ore),
            toSek(Math.round(ore * 1.02)),
            importIds['own-staff-cost'],
          ]);
        });
      });
    });
    for (const code of Object.keys(SWEDISH_REGIONS)) {
      // a slow, deterministic wave of ±0.3 percentage points around each region's level
      const share = (NATIONAL_BASE[code] as number) + 0.3 * Math.sin((index + Number(code)) / 3);
      national.push([regionId, date, code, share.toFixed(3), importIds['national-comparison']]);
    }
  });

  await insertMany(
    m,
    'purchased_hours',
    [
      'region_id',
      'month',
      'unit_id',
      'area_id',
      'care_setting',
      'profession_group',
      'supplier_id',
      'supplier_text',
      'hours',
      'cost_sek',
      'import_id',
    ],
    hired,
  );
  await insertMany(
    m,
    'own_staff_costs',
    [
      'region_id',
      'month',
      'area_id',
      'care_setting',
      'profession_group',
      'cost_sek',
      'budget_sek',
      'import_id',
    ],
    own,
  );
  await m.query(
    `DELETE FROM national_comparison WHERE region_id = $1 AND month BETWEEN $2::date AND $3::date`,
    [regionId, `${HISTORY_FROM}-01`, `${HISTORY_TO}-01`],
  );
  await insertMany(
    m,
    'national_comparison',
    ['region_id', 'month', 'region_code', 'hired_share_percent', 'import_id'],
    national,
  );
  await m.query(`UPDATE imports SET rows_written = $2 WHERE id = $1`, [
    importIds['purchased-hours'],
    hired.length,
  ]);
  await m.query(`UPDATE imports SET rows_written = $2 WHERE id = $1`, [
    importIds['own-staff-cost'],
    own.length,
  ]);
  await m.query(`UPDATE imports SET rows_written = $2 WHERE id = $1`, [
    importIds['national-comparison'],
    national.length,
  ]);
  return months;
}
