import { addMonthsToDate } from './dates';

/** The dates of a bid: the licence, the specialist certificate, the IVO and HOSP extracts, CPR training. */
export interface BidDates {
  licensedOn: string;
  specialistCertifiedOn?: string | null;
  ivoExtractOn: string;
  hospExtractOn: string;
  cprTrainingOn: string;
}

/** The age before which nobody is licensed. */
export const MIN_LICENCE_AGE_YEARS = 18;

const DATE_FIELDS = [
  'licensedOn',
  'specialistCertifiedOn',
  'ivoExtractOn',
  'hospExtractOn',
  'cprTrainingOn',
] as const;

/** One date of a bid that cannot be true, with the field it names. */
export interface BidDateProblem {
  field: (typeof DATE_FIELDS)[number];
  /** The field code of the API's catalogue (libs/shared/contracts errors.ts). */
  code: 'futureDate' | 'dateOrder' | 'beforeAdult';
  params?: Record<string, string>;
  message: string;
}

/**
 * The dates of a bid that cannot be true (ISO dates): none lies after `today` (Sweden's date), the
 * specialist certificate is not dated before the licence, and the licence not before the
 * consultant turned 18 (`birthDate`, from the identity number; unknown: not checked).
 */
export function bidDateProblems(bid: BidDates, today: string, birthDate: string | null): BidDateProblem[] {
  const problems: BidDateProblem[] = [];
  for (const field of DATE_FIELDS) {
    const value = bid[field];
    if (value && value > today) {
      problems.push({
        field,
        code: 'futureDate',
        message: `${field} must not be in the future (after ${today})`,
      });
    }
  }
  const named = new Set(problems.map((p) => p.field));
  const special = bid.specialistCertifiedOn;
  if (
    special &&
    !named.has('specialistCertifiedOn') &&
    !named.has('licensedOn') &&
    special < bid.licensedOn
  ) {
    problems.push({
      field: 'specialistCertifiedOn',
      code: 'dateOrder',
      params: { after: 'licensedOn' },
      message: 'specialistCertifiedOn must not be before licensedOn',
    });
  }
  if (birthDate && !named.has('licensedOn')) {
    const adult = addMonthsToDate(birthDate, 12 * MIN_LICENCE_AGE_YEARS);
    if (bid.licensedOn < adult) {
      problems.push({
        field: 'licensedOn',
        code: 'beforeAdult',
        params: { limit: adult },
        message: `licensedOn must not be before the consultant turned ${MIN_LICENCE_AGE_YEARS} (${adult})`,
      });
    }
  }
  return problems;
}
