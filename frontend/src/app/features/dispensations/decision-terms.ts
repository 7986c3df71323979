import type { DispensationDto } from '@hyrkoll/contracts';

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
