import { FieldErrorCode, type Justification } from '@hyrkoll/contracts';
import { daysInclusive, isIsoDate, ORDER_LIMITS, orderPeriodProblem, swedishDate } from '@hyrkoll/domain';

import {
  type ApiProblem,
  type DecimalLimits,
  decimalProblem,
  type FieldProblem,
  fieldProblem,
  readServerProblem,
} from '../../shared/forms/form-problem';

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
 * The problem of each field, in the API's field codes (the browser's checks are the API's, so a
 * field reads the same whichever found it), worded by the shared `fieldProblemText`.
 */
export type OrderFieldProblems = Partial<Record<OrderFormField, FieldProblem>>;

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

/** Hours as the order's body takes them (`@IsDecimalAmount`): 0.01 to the limit, two decimals. */
export const HOURS_LIMITS: DecimalLimits = { maxDigits: 5, min: '0.01', max: ORDER_LIMITS.maxHours };

/** The date's problem as the API would name it: missing, or not a date. */
function dateProblem(value: string): FieldProblem | null {
  if (!value) return fieldProblem(FieldErrorCode.REQUIRED);
  return isIsoDate(value) ? null : fieldProblem(FieldErrorCode.DATE);
}

/**
 * The problems of the order's own fields (not the justification), by field, as the API finds them:
 * the period runs forward, at most five years, and starts between `today` (Sweden's date) and two
 * years ahead (docs/workflow.md, "The order's period").
 */
export function checkOrderFields(v: OrderFields, today = swedishDate(new Date())): OrderFieldProblems {
  const problems: OrderFieldProblems = {};
  if (!v.unitId) problems.unitId = fieldProblem(FieldErrorCode.REQUIRED);
  const start = v.periodStart.trim();
  const end = v.periodEnd.trim();
  const startProblem = dateProblem(start);
  const endProblem = dateProblem(end);
  if (startProblem) problems.periodStart = startProblem;
  else {
    const period = orderPeriodProblem(start, today);
    if (period) problems.periodStart = fieldProblem(period.problem, { limit: period.limit });
  }
  if (endProblem) problems.periodEnd = endProblem;
  else if (!startProblem && end < start) {
    problems.periodEnd = fieldProblem(FieldErrorCode.DATE_ORDER, { after: 'periodStart' });
  } else if (!startProblem && daysInclusive(start, end) > ORDER_LIMITS.maxPeriodDays) {
    problems.periodEnd = fieldProblem(FieldErrorCode.PERIOD_TOO_LONG, { max: ORDER_LIMITS.maxPeriodDays });
  }
  const hours = v.hours.trim()
    ? decimalProblem(v.hours, HOURS_LIMITS)
    : fieldProblem(FieldErrorCode.REQUIRED);
  if (hours) problems.hours = hours;
  return problems;
}

/** A part of a justification as the API checks it: given, and at least MIN_JUSTIFICATION characters. */
function justificationPartProblem(text: string): FieldProblem | null {
  const trimmed = text.trim();
  if (!trimmed) return fieldProblem(FieldErrorCode.REQUIRED);
  return trimmed.length < MIN_JUSTIFICATION
    ? fieldProblem(FieldErrorCode.MIN_LENGTH, { min: MIN_JUSTIFICATION })
    : null;
}

/** The problems of the justification, when the order needs a dispensation. */
export function checkJustification(j: Justification): OrderFieldProblems {
  const problems: OrderFieldProblems = {};
  const need = justificationPartProblem(j.patientSafetyNeed);
  const tried = justificationPartProblem(j.alternativesTried);
  if (need) problems.patientSafetyNeed = need;
  if (tried) problems.alternativesTried = tried;
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
