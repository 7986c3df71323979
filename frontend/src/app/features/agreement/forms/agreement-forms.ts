import {
  CompetenceLevel,
  isLevelOf,
  Lot,
  LOTS,
  PriceZone,
  Profession,
  PROFESSION_CODES,
} from '@hyrkoll/contracts';
import { isIsoDate, normaliseOrganisationNumber, normalisePersonalNumber } from '@hyrkoll/domain';

import {
  Checked,
  FieldProblem,
  fieldProblem,
  FieldProblems,
  hasProblems,
} from '../../../shared/forms/form-problem';
import type {
  KarensCheckRequest,
  NewFormerEmployee,
  NewPrice,
  NewSupplier,
  NewTravelAllowance,
} from '../agreement.api';

/*
 * The checks the API makes on agreement data, made in the browser first so that the user sees
 * every problem at once and next to its field. The API stays the authority: what it refuses
 * anyway (an overlapping period, a registered organisation number) is shown the same way.
 */

/** The API's limits (backend/src/modules/agreement/dto). */
export const LIMITS = {
  supplierName: 200,
  quarantineReason: 1000,
  organisationNumber: 20,
  identityNumber: 20,
  amountIntegerDigits: 6,
} as const;

/**
 * A decimal amount as typed by a Swedish user ("1 150,50", "1150.5") as the exact decimal string
 * the API takes ("1150.50" → "1150.50", "1150.5" → "1150.5"), or null when it is not an amount
 * with at most six digits before and two after the decimal sign.
 */
export function parseAmount(input: string): string | null {
  const text = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  return new RegExp(`^\\d{1,${LIMITS.amountIntegerDigits}}(\\.\\d{1,2})?$`).test(text) ? text : null;
}

/** Whole kronor ("1125.00" → 0 decimals), else two, for showing a rate without hiding öre. */
export function moneyDecimals(value: string): 0 | 2 {
  return /\.\d*[1-9]/.test(value) ? 2 : 0;
}

function checkAmount(input: string, allowZero: boolean): { problem?: FieldProblem; value?: string } {
  if (!input.trim()) return { problem: fieldProblem('required') };
  const value = parseAmount(input);
  if (value === null) return { problem: fieldProblem('decimal', { maxDigits: LIMITS.amountIntegerDigits }) };
  if (!allowZero && Number(value) <= 0) return { problem: fieldProblem('min', { min: '0.01' }) };
  return { value };
}

function checkPeriod<F extends string>(
  problems: FieldProblems<F | 'validFrom' | 'validTo'>,
  validFrom: string,
  validTo: string,
): void {
  if (!validFrom.trim()) problems.validFrom = fieldProblem('required');
  else if (!isIsoDate(validFrom.trim())) problems.validFrom = fieldProblem('date');
  if (validTo.trim()) {
    if (!isIsoDate(validTo.trim())) problems.validTo = fieldProblem('date');
    else if (!problems.validFrom && validTo.trim() < validFrom.trim())
      problems.validTo = fieldProblem('dateOrder', { after: 'validFrom' });
  }
}

export type SupplierField = 'organisationNumber' | 'name' | 'lots';
export const SUPPLIER_FIELDS: readonly SupplierField[] = ['organisationNumber', 'name', 'lots'];

export interface SupplierFormValue {
  organisationNumber: string;
  name: string;
  lots: readonly Lot[];
}

export function checkSupplier(v: SupplierFormValue): Checked<SupplierField, NewSupplier> {
  const problems: FieldProblems<SupplierField> = {};
  const organisationNumber = normaliseOrganisationNumber(v.organisationNumber);
  if (!v.organisationNumber.trim()) problems.organisationNumber = fieldProblem('required');
  else if (!organisationNumber) problems.organisationNumber = fieldProblem('orgNumber');
  const name = v.name.trim();
  if (!name) problems.name = fieldProblem('required');
  else if (name.length > LIMITS.supplierName)
    problems.name = fieldProblem('maxLength', { max: LIMITS.supplierName });
  const lots = LOTS.filter((lot) => v.lots.includes(lot));
  if (lots.length === 0) problems.lots = fieldProblem('minItems', { min: 1 });
  if (hasProblems(problems) || !organisationNumber) return { ok: false, problems };
  return { ok: true, body: { organisationNumber, name, lots } };
}

export type QuarantineField = 'quarantineReason';

export function checkQuarantineReason(reason: string): Checked<QuarantineField, string> {
  const text = reason.trim();
  if (!text) return { ok: false, problems: { quarantineReason: fieldProblem('required') } };
  if (text.length > LIMITS.quarantineReason)
    return {
      ok: false,
      problems: { quarantineReason: fieldProblem('maxLength', { max: LIMITS.quarantineReason }) },
    };
  return { ok: true, body: text };
}

export type PriceField =
  'profession' | 'competenceLevel' | 'priceZone' | 'hourlyRate' | 'validFrom' | 'validTo';
export const PRICE_FIELDS: readonly PriceField[] = [
  'profession',
  'competenceLevel',
  'priceZone',
  'hourlyRate',
  'validFrom',
  'validTo',
];

export interface PriceFormValue {
  profession: string;
  competenceLevel: string;
  priceZone: string;
  hourlyRate: string;
  validFrom: string;
  validTo: string;
}

export function toPriceZone(value: string | number): PriceZone | null {
  const zone = Number(value);
  return zone === 1 || zone === 2 || zone === 3 ? zone : null;
}

export function checkPrice(v: PriceFormValue): Checked<PriceField, NewPrice> {
  const problems: FieldProblems<PriceField> = {};
  const profession = (PROFESSION_CODES as readonly string[]).includes(v.profession)
    ? (v.profession as Profession)
    : null;
  if (!profession) problems.profession = fieldProblem('required');
  if (!v.competenceLevel) problems.competenceLevel = fieldProblem('required');
  else if (profession && !isLevelOf(profession, v.competenceLevel))
    problems.competenceLevel = fieldProblem('level');
  const priceZone = toPriceZone(v.priceZone);
  if (!priceZone) problems.priceZone = fieldProblem('oneOf', { allowed: ['1', '2', '3'] });
  const rate = checkAmount(v.hourlyRate, false);
  if (rate.problem) problems.hourlyRate = rate.problem;
  checkPeriod(problems, v.validFrom, v.validTo);
  if (hasProblems(problems) || !profession || !priceZone || !rate.value) return { ok: false, problems };
  return {
    ok: true,
    body: {
      profession,
      competenceLevel: v.competenceLevel as CompetenceLevel,
      priceZone,
      hourlyRate: rate.value,
      validFrom: v.validFrom.trim(),
      ...(v.validTo.trim() && { validTo: v.validTo.trim() }),
    },
  };
}

export type TravelAllowanceField = 'amountPerWeek' | 'validFrom' | 'validTo';
export const TRAVEL_ALLOWANCE_FIELDS: readonly TravelAllowanceField[] = [
  'amountPerWeek',
  'validFrom',
  'validTo',
];

export interface TravelAllowanceFormValue {
  amountPerWeek: string;
  validFrom: string;
  validTo: string;
}

export function checkTravelAllowance(
  v: TravelAllowanceFormValue,
): Checked<TravelAllowanceField, NewTravelAllowance> {
  const problems: FieldProblems<TravelAllowanceField> = {};
  const amount = checkAmount(v.amountPerWeek, true);
  if (amount.problem) problems.amountPerWeek = amount.problem;
  checkPeriod(problems, v.validFrom, v.validTo);
  if (hasProblems(problems) || !amount.value) return { ok: false, problems };
  return {
    ok: true,
    body: {
      amountPerWeek: amount.value,
      validFrom: v.validFrom.trim(),
      ...(v.validTo.trim() && { validTo: v.validTo.trim() }),
    },
  };
}

function checkIdentityNumber(input: string, today: Date): { problem?: FieldProblem; value?: string } {
  if (!input.trim()) return { problem: fieldProblem('required') };
  if (input.trim().length > LIMITS.identityNumber) return { problem: fieldProblem('personalNumber') };
  const value = normalisePersonalNumber(input, today);
  return value ? { value } : { problem: fieldProblem('personalNumber') };
}

export type FormerEmployeeField = 'identityNumber' | 'employmentEndedOn';
export const FORMER_EMPLOYEE_FIELDS: readonly FormerEmployeeField[] = ['identityNumber', 'employmentEndedOn'];

export function checkFormerEmployee(
  v: { identityNumber: string; employmentEndedOn: string },
  today = new Date(),
): Checked<FormerEmployeeField, NewFormerEmployee> {
  const problems: FieldProblems<FormerEmployeeField> = {};
  const identity = checkIdentityNumber(v.identityNumber, today);
  if (identity.problem) problems.identityNumber = identity.problem;
  if (!v.employmentEndedOn.trim()) problems.employmentEndedOn = fieldProblem('required');
  else if (!isIsoDate(v.employmentEndedOn.trim())) problems.employmentEndedOn = fieldProblem('date');
  if (hasProblems(problems) || !identity.value) return { ok: false, problems };
  return {
    ok: true,
    body: { identityNumber: identity.value, employmentEndedOn: v.employmentEndedOn.trim() },
  };
}

export type KarensCheckField = 'identityNumber' | 'on';
export const KARENS_CHECK_FIELDS: readonly KarensCheckField[] = ['identityNumber', 'on'];

export function checkKarensQuery(
  v: { identityNumber: string; on: string },
  today = new Date(),
): Checked<KarensCheckField, KarensCheckRequest> {
  const problems: FieldProblems<KarensCheckField> = {};
  const identity = checkIdentityNumber(v.identityNumber, today);
  if (identity.problem) problems.identityNumber = identity.problem;
  if (v.on.trim() && !isIsoDate(v.on.trim())) problems.on = fieldProblem('date');
  if (hasProblems(problems) || !identity.value) return { ok: false, problems };
  return { ok: true, body: { identityNumber: identity.value, ...(v.on.trim() && { on: v.on.trim() }) } };
}
