import type { FormerEmployeeDto, PriceDto, PriceZone, Profession, UnitDto } from '@hyrkoll/contracts';
import { COMPETENCE_LEVELS, PROFESSION_CODES } from '@hyrkoll/contracts';
import { addDays } from '@hyrkoll/domain';

/** Anything valid from a day, to a day or until further notice. */
export interface Period {
  validFrom: string;
  validTo: string | null;
}

/** Whether the period covers the day (all ISO dates, compared as text). */
export function isValidOn(period: Period, day: string): boolean {
  return period.validFrom <= day && (period.validTo === null || day <= period.validTo);
}

/** In the agreement's order: profession, competence level, zone, then the versions by start. */
export function sortPrices(prices: readonly PriceDto[]): PriceDto[] {
  const rank = (list: readonly string[], value: string) => {
    const index = list.indexOf(value);
    return index < 0 ? list.length : index;
  };
  return [...prices].sort(
    (a, b) =>
      rank(PROFESSION_CODES, a.profession) - rank(PROFESSION_CODES, b.profession) ||
      rank(COMPETENCE_LEVELS, a.competenceLevel) - rank(COMPETENCE_LEVELS, b.competenceLevel) ||
      a.priceZone - b.priceZone ||
      a.validFrom.localeCompare(b.validFrom),
  );
}

export interface PriceFilter {
  profession: Profession | '';
  zone: PriceZone | null;
  /** Only the prices valid on this day; all versions when null. */
  validOn: string | null;
}

export function filterPrices(prices: readonly PriceDto[], filter: PriceFilter): PriceDto[] {
  return prices.filter(
    (p) =>
      (!filter.profession || p.profession === filter.profession) &&
      (filter.zone === null || p.priceZone === filter.zone) &&
      (filter.validOn === null || isValidOn(p, filter.validOn)),
  );
}

/**
 * What adding a version from `validFrom` does to the existing ones, as the API does it: an
 * open-ended version that starts earlier is closed the day before. Null when nothing is closed.
 */
export function closedByNewVersion<T extends Period>(
  existing: readonly T[],
  validFrom: string,
): { version: T; closesOn: string } | null {
  const open = existing.find((v) => v.validTo === null && v.validFrom < validFrom);
  return open ? { version: open, closesOn: addDays(validFrom, -1) } : null;
}

/** The price versions with the same profession, level and zone as the one being added. */
export function sameKey(
  prices: readonly PriceDto[],
  key: { profession: string; competenceLevel: string; priceZone: number | null },
): PriceDto[] {
  return prices.filter(
    (p) =>
      p.profession === key.profession &&
      p.competenceLevel === key.competenceLevel &&
      p.priceZone === key.priceZone,
  );
}

/** Whether a former employee is still within karens on a day (the last day included). */
export function inKarensOn(person: FormerEmployeeDto, day: string): boolean {
  return day <= person.karensUntil;
}

/** How many units lie in each municipality, by municipality code. */
export function unitsPerMunicipality(units: readonly UnitDto[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const unit of units) {
    counts.set(unit.municipality.code, (counts.get(unit.municipality.code) ?? 0) + 1);
  }
  return counts;
}

/** Newest first, so that the version in force and the coming ones are on top. */
export function byValidFromDescending<T extends Period>(versions: readonly T[]): T[] {
  return [...versions].sort((a, b) => b.validFrom.localeCompare(a.validFrom));
}
