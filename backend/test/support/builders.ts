import type { BidInput, OrderInput } from '@hyrkoll/contracts';
import { addDays, swedishDate } from '@hyrkoll/domain';

/**
 * A date `days` from today in Sweden, as YYYY-MM-DD (negative for the past): the day the
 * scheduler and the rules call today, also in the hour when the UTC date is another.
 */
export function daysFromToday(days: number): string {
  return addDays(swedishDate(new Date()), days);
}

/** Builds an order body: a specialist doctor for 12 weeks, starting in about three months. */
export function anOrder(unitId: string) {
  const body: OrderInput = {
    unitId,
    profession: 'LAKARE',
    competenceLevel: 'SPECIALIST',
    specialty: 'Allmänmedicin',
    periodStart: daysFromToday(90),
    periodEnd: daysFromToday(90 + 83),
    hours: '480.00',
    schedule: 'Mån–fre 08–17',
    reason: 'VACANCY',
    reasonText: 'Vakant distriktsläkartjänst',
  };
  const builder = {
    body,
    withHours: (hours: string) => ((body.hours = hours), builder),
    withPeriod: (fromDays: number, toDays: number) => (
      (body.periodStart = daysFromToday(fromDays)),
      (body.periodEnd = daysFromToday(toDays)),
      builder
    ),
    withProfession: (profession: OrderInput['profession'], level: OrderInput['competenceLevel']) => (
      (body.profession = profession),
      (body.competenceLevel = level),
      builder
    ),
    build: (): OrderInput => ({ ...body }),
  };
  return builder;
}

export const JUSTIFICATION = {
  patientSafetyNeed: 'Hälsocentralen saknar läkare; listade patienter får ingen läkarkontakt',
  alternativesTried: 'Annonserat två gånger, frågat bemanningspoolen och erbjudit övertid',
};

/** Builds a bid body for a consultant whose documents are all in order. */
export function aBid(supplierId: string, identityNumber: string, change: Partial<BidInput> = {}): BidInput {
  return {
    supplierId,
    consultantName: 'Anna Konsult',
    consultantIdentityNumber: identityNumber,
    hoursOffered: '100.00', // within every test order's hours
    earlierHoursAtUnit: '0',
    licensedOn: '2012-06-01',
    specialistCertifiedOn: '2018-09-01',
    recentNordicExperience: true,
    ivoExtractOn: daysFromToday(-30),
    hospExtractOn: daysFromToday(-30),
    cprTrainingOn: daysFromToday(-100),
    cvAttached: true,
    references: 2,
    ...change,
  };
}

/** Valid Swedish test identity numbers (Luhn-correct, made up). */
export const CONSULTANTS = [
  '19811218-9876',
  '19750612-1230',
  '19880301-4565',
  '19920915-7891',
  '850412-1230',
];
