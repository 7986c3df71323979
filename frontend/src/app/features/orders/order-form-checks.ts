import type { Justification } from '@hyrkoll/contracts';

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
