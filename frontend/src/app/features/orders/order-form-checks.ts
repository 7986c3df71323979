import type { Justification } from '@hyrkoll/contracts';
import { daysInclusive, isIsoDate, ORDER_LIMITS } from '@hyrkoll/domain';

import { type ApiProblem, type FieldProblem, readServerProblem } from '../../shared/forms/form-problem';

/** The API asks for at least this many characters in each part of a justification. */
export const MIN_JUSTIFICATION = 10;

/** The justification field that is too short, first the need, or null when both will do. */
export function justificationProblem(j: Justification): 'need' | 'tried' | null {
  if (j.patientSafetyNeed.trim().length < MIN_JUSTIFICATION) return 'need';
  if (j.alternativesTried.trim().length < MIN_JUSTIFICATION) return 'tried';
  return null;
}

/** The API's field paths of an order and its submission, and the form's labels for them. */
export const ORDER_FIELD_LABELS: Readonly<Record<string, string>> = {
  unitId: 'orders.unit',
  profession: 'orders.profession',
  competenceLevel: 'orders.form.level',
  specialty: 'orders.form.specialty',
  periodStart: 'orders.form.start',
  periodEnd: 'orders.form.end',
  hours: 'orders.hours',
  schedule: 'orders.form.schedule',
  reason: 'orders.form.reason',
  requirements: 'orders.form.requirements',
  justification: 'orders.form.justification',
  'justification.patientSafetyNeed': 'orders.form.need',
  'justification.alternativesTried': 'orders.form.tried',
};

/** The fields of the order form, in the order they are shown (the first problem gets the focus). */
export const ORDER_FORM_FIELDS = [
  'unitId',
  'profession',
  'competenceLevel',
  'specialty',
  'periodStart',
  'periodEnd',
  'hours',
  'reason',
  'schedule',
  'requirements',
  'patientSafetyNeed',
  'alternativesTried',
] as const;
export type OrderFormField = (typeof ORDER_FORM_FIELDS)[number];

/**
 * What is wrong with one field of the order form: `hours` (not an amount of hours from 0.01 to
 * the limit, two decimals at most), `periodTooLong` (more than five years), `justification`
 * (shorter than the minimum), `unit` (not a unit the user orders for).
 */
export type OrderFieldProblem =
  'required' | 'date' | 'dateOrder' | 'periodTooLong' | 'hours' | 'justification';

/**
 * The problem of each field: a check of the browser (worded in the orders scope) or what the API
 * named (worded from its field code by the shared `fieldProblemText`).
 */
export type OrderFieldProblems = Partial<Record<OrderFormField, OrderFieldProblem | FieldProblem>>;

/** The values of the order's own fields, as typed. */
export interface OrderFields {
  unitId: string;
  periodStart: string;
  periodEnd: string;
  hours: string;
}

/** Hours as typed ("1 200,5") as the API's decimal string ("1200.5"), or null when it is not one. */
export function parseHours(input: string): string | null {
  const text = input.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.');
  if (!/^\d{1,5}(\.\d{1,2})?$/.test(text)) return null;
  // compare as hundredths, in whole numbers: exact
  const hundredths = Math.round(Number(text) * 100);
  const max = Math.round(Number(ORDER_LIMITS.maxHours) * 100);
  return hundredths >= 1 && hundredths <= max ? text : null;
}

/** The problems of the order's own fields (not the justification), by field. */
export function checkOrderFields(v: OrderFields): OrderFieldProblems {
  const problems: OrderFieldProblems = {};
  if (!v.unitId) problems.unitId = 'required';
  const start = v.periodStart.trim();
  const end = v.periodEnd.trim();
  if (!start) problems.periodStart = 'required';
  else if (!isIsoDate(start)) problems.periodStart = 'date';
  if (!end) problems.periodEnd = 'required';
  else if (!isIsoDate(end)) problems.periodEnd = 'date';
  else if (!problems.periodStart && end < start) problems.periodEnd = 'dateOrder';
  else if (!problems.periodStart && daysInclusive(start, end) > ORDER_LIMITS.maxPeriodDays) {
    problems.periodEnd = 'periodTooLong';
  }
  if (!v.hours.trim()) problems.hours = 'required';
  else if (parseHours(v.hours) === null) problems.hours = 'hours';
  return problems;
}

/** The problems of the justification, when the order needs a dispensation. */
export function checkJustification(j: Justification): OrderFieldProblems {
  const problems: OrderFieldProblems = {};
  if (j.patientSafetyNeed.trim().length < MIN_JUSTIFICATION) problems.patientSafetyNeed = 'justification';
  if (j.alternativesTried.trim().length < MIN_JUSTIFICATION) problems.alternativesTried = 'justification';
  return problems;
}

/** The form field of a field path the API named: a missing justification is the need's field. */
export function orderFieldOf(path: string): string {
  if (path === 'justification') return 'patientSafetyNeed';
  if (path.startsWith('justification.')) return path.slice('justification.'.length);
  return path.split('.')[0] ?? path;
}

/** What the API said against the order form: the problem of each field it named, and the rest. */
export interface OrderServerProblem {
  /** The field problems at the form's fields, as the API named them. */
  fields: OrderFieldProblems;
  /** The refusal as the shared reading has it: its code, params and every field it named. */
  problem: ApiProblem;
  /** The order has no price in the price list: the API's problem at `requestedHourlyRate`. */
  noPrice: FieldProblem | null;
  /** The refusal is about the values sent (its fields say what), not the order's state or rights. */
  ofFields: boolean;
}

/** Reads the API's refusal of a draft or a submit for the order form. */
export function readOrderProblem(error: unknown): OrderServerProblem {
  const read = readServerProblem<OrderFormField>(error, {
    fields: ORDER_FORM_FIELDS,
    fieldOf: orderFieldOf,
  });
  const noPrice = read.problem.fields['requestedHourlyRate'] ?? null;
  return {
    fields: read.fields,
    problem: read.problem,
    noPrice,
    ofFields: read.problem.code === 'VALIDATION_FAILED' && (Object.keys(read.fields).length > 0 || !!noPrice),
  };
}
