import { type DispensationDto, type ErrorParams, FieldErrorCode } from '@hyrkoll/contracts';
import { VALIDITY_MARGIN_DAYS, validityProblem } from '@hyrkoll/domain';

import { type FieldProblem, fieldProblem } from '../../shared/forms/form-problem';

/** The terms of an approval as the decision form holds them (text fields). */
export interface TermsForm {
  conditions: string;
  validFrom: string;
  validTo: string;
  hoursCap: string;
  costCap: string;
  delegationReference: string;
}

type Terms = Pick<
  DispensationDto,
  'conditions' | 'validFrom' | 'validTo' | 'hoursCap' | 'costCap' | 'delegationReference'
>;

/** Whether any term is set (conditions, validity, caps or delegation reference). */
export function hasTerms(d: Terms): boolean {
  return [d.conditions, d.validFrom, d.validTo, d.hoursCap, d.costCap, d.delegationReference].some(
    (v) => v !== null && v !== '',
  );
}

/** The stored terms as form values: the step-2 decider starts from what step 1 decided. */
export function termsForm(d: Terms): TermsForm {
  return {
    conditions: d.conditions ?? '',
    validFrom: d.validFrom?.slice(0, 10) ?? '',
    validTo: d.validTo?.slice(0, 10) ?? '',
    hoursCap: d.hoursCap ?? '',
    costCap: d.costCap ?? '',
    delegationReference: d.delegationReference ?? '',
  };
}

/** A decimal as typed in Swedish or English ("1 500,50", "1500.50") in the API's form, or undefined. */
function decimal(value: string): string | undefined {
  const text = value.replace(/[\s\u00a0]/g, '').replace(',', '.');
  return text || undefined;
}

function optional(value: string): string | undefined {
  return value.trim() || undefined;
}

/**
 * The body of an approval. An empty field is left out: at step 2 the API then keeps step 1's
 * value for it.
 */
export function approveBody(version: number, comment: string, t: TermsForm): Record<string, unknown> {
  return {
    version,
    comment: optional(comment),
    conditions: optional(t.conditions),
    validFrom: optional(t.validFrom),
    validTo: optional(t.validTo),
    hoursCap: decimal(t.hoursCap),
    costCap: decimal(t.costCap),
    delegationReference: optional(t.delegationReference),
  };
}

/** The decision form's fields that can be wrong, in the order the form shows them. */
export const TERMS_FIELDS = ['comment', 'validFrom', 'validTo', 'hoursCap', 'costCap'] as const;
export type TermsField = (typeof TERMS_FIELDS)[number];

/**
 * A problem with one field of the decision form, found in the browser or named by the API, in the
 * field codes of the API (worded by the shared `fieldProblemText`).
 */
export interface TermsProblem {
  field: TermsField;
  problem: FieldProblem;
}

/** The field code of each way a validity breaks the rule of `validityProblem`. */
const VALIDITY_CODES = {
  beforePeriod: FieldErrorCode.BEFORE_PERIOD,
  beforeToday: FieldErrorCode.BEFORE_TODAY,
  afterLimit: FieldErrorCode.AFTER_LIMIT,
  afterPeriod: FieldErrorCode.AFTER_PERIOD,
  beforeFrom: FieldErrorCode.DATE_ORDER,
} as const;

/** The most each cap may hold, as the API takes them (digits before the decimal point). */
const CAP_DIGITS = { hoursCap: 6, costCap: 10 } as const;

/**
 * What is wrong with the approval's terms before they are sent: a cap that is not a number above
 * 0 with at most two decimals and the API's digits, and a validity outside the rule of
 * `validityProblem` (the order's period plus the margin; a typed start not before today).
 */
export function termsProblems(
  t: TermsForm,
  d: { validFrom: string | null; validTo: string | null; order: { periodStart: string; periodEnd: string } },
  today: string,
): TermsProblem[] {
  const problems: TermsProblem[] = [];
  const storedFrom = d.validFrom?.slice(0, 10) ?? null;
  const wrong = validityProblem({
    validFrom: t.validFrom || storedFrom || d.order.periodStart,
    validTo: t.validTo || d.validTo?.slice(0, 10) || d.order.periodEnd,
    fromGiven: t.validFrom !== '' && t.validFrom !== storedFrom,
    periodStart: d.order.periodStart,
    periodEnd: d.order.periodEnd,
    today,
  });
  if (wrong) {
    const params: ErrorParams =
      wrong.problem === 'beforeFrom'
        ? { after: 'validFrom' }
        : wrong.problem === 'afterLimit'
          ? { limit: wrong.limit, marginDays: VALIDITY_MARGIN_DAYS }
          : { limit: wrong.limit };
    problems.push({ field: wrong.field, problem: fieldProblem(VALIDITY_CODES[wrong.problem], params) });
  }
  for (const field of ['hoursCap', 'costCap'] as const) {
    const value = decimal(t[field]);
    if (value === undefined) continue;
    const digits = CAP_DIGITS[field];
    if (!new RegExp(`^\\d{1,${digits}}(\\.\\d{1,2})?$`).test(value))
      problems.push({ field, problem: fieldProblem(FieldErrorCode.DECIMAL, { maxDigits: digits }) });
    else if (Number(value) <= 0)
      problems.push({ field, problem: fieldProblem(FieldErrorCode.MIN, { min: '0.01' }) });
  }
  return problems.sort((a, b) => TERMS_FIELDS.indexOf(a.field) - TERMS_FIELDS.indexOf(b.field));
}
