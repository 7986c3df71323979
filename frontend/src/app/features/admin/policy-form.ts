import type { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';
import type { DispensationPolicy, ProfessionGroup } from '@hyrkoll/contracts';

/** The policy as the form edits it: free text where the user types, lists where they tick. */
export interface PolicyFormValue {
  hiringStopEnabled: boolean;
  hiringStopAll: boolean;
  professionGroups: ProfessionGroup[];
  /** One specialty a line. */
  specialties: string;
  areaIds: string[];
  hiringStopReason: string;
  maxDurationEnabled: boolean;
  maxMonths: string;
  offAgreementEnabled: boolean;
  priceAboveTariffEnabled: boolean;
  karensEnabled: boolean;
  karensMonths: string;
  karensMode: 'BLOCK' | 'WARN';
  /** SEK, empty for no cost threshold; a decimal comma or point, spaces allowed. */
  costThresholdSek: string;
  /** Days, empty for no duration threshold. */
  durationThresholdDays: string;
  reminderAfterWorkingDays: string;
}

/** Limits the API enforces; the form checks them first. */
export const POLICY_LIMITS = {
  maxMonths: { min: 1, max: 36 },
  karensMonths: { min: 1, max: 60 },
  durationThresholdDays: { min: 1, max: 3650 },
  reminderAfterWorkingDays: { min: 1, max: 60 },
  specialties: 100,
  specialtyLength: 100,
  reasonLength: 1000,
} as const;

export function policyToForm(policy: DispensationPolicy): PolicyFormValue {
  return {
    hiringStopEnabled: policy.hiringStop.enabled,
    hiringStopAll: policy.hiringStop.all,
    professionGroups: [...policy.hiringStop.professionGroups] as ProfessionGroup[],
    specialties: policy.hiringStop.specialties.join('\n'),
    areaIds: [...policy.hiringStop.areaIds],
    hiringStopReason: policy.hiringStop.reason,
    maxDurationEnabled: policy.maxDuration.enabled,
    maxMonths: String(policy.maxDuration.maxMonths),
    offAgreementEnabled: policy.offAgreement.enabled,
    priceAboveTariffEnabled: policy.priceAboveTariff.enabled,
    karensEnabled: policy.karens.enabled,
    karensMonths: String(policy.karens.months),
    karensMode: policy.karens.mode,
    costThresholdSek: amountForInput(policy.secondStep.costThresholdSek),
    durationThresholdDays:
      policy.secondStep.durationThresholdDays === null ? '' : String(policy.secondStep.durationThresholdDays),
    reminderAfterWorkingDays: String(policy.reminderAfterWorkingDays),
  };
}

/**
 * The API's exact amount as a person writes it, in Swedish style whatever the language (the
 * field's label says kr, and the parser below reads it back): "500000.00" → "500 000",
 * "250000.50" → "250 000,50"; no amount → empty.
 */
export function amountForInput(amount: string | null): string {
  if (amount === null || amount === '') return '';
  const [whole = '', fraction = ''] = amount.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  const cents = fraction.replace(/0+$/, '');
  return cents === '' ? grouped : `${grouped},${cents.padEnd(2, '0')}`;
}

/**
 * "500 000,5" → "500000.50", with two decimals as the API writes money (so that an unchanged amount
 * is sent back as it came); empty → null; anything else that is not an amount → undefined.
 */
export function parseAmount(text: string): string | null | undefined {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (compact === '') return null;
  if (!/^\d{1,12}(\.\d{1,2})?$/.test(compact) || Number(compact) <= 0) return undefined;
  const [whole = '', fraction = ''] = compact.split('.');
  return `${whole}.${fraction.padEnd(2, '0')}`;
}

/** The lines of a text, trimmed, without empty lines or repeats (case-insensitive). */
export function lines(text: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const value = line.trim();
    if (value && !seen.has(value.toLowerCase())) {
      seen.add(value.toLowerCase());
      result.push(value);
    }
  }
  return result;
}

/** The policy the form describes; call it on a valid form only. */
export function formToPolicy(value: PolicyFormValue): DispensationPolicy {
  return {
    hiringStop: {
      enabled: value.hiringStopEnabled,
      all: value.hiringStopAll,
      professionGroups: [...value.professionGroups],
      specialties: lines(value.specialties),
      areaIds: [...value.areaIds],
      reason: value.hiringStopReason.trim(),
    },
    maxDuration: { enabled: value.maxDurationEnabled, maxMonths: Number(value.maxMonths) },
    offAgreement: { enabled: value.offAgreementEnabled },
    priceAboveTariff: { enabled: value.priceAboveTariffEnabled },
    karens: { enabled: value.karensEnabled, months: Number(value.karensMonths), mode: value.karensMode },
    secondStep: {
      costThresholdSek: parseAmount(value.costThresholdSek) ?? null,
      durationThresholdDays:
        value.durationThresholdDays.trim() === '' ? null : Number(value.durationThresholdDays.trim()),
    },
    reminderAfterWorkingDays: Number(value.reminderAfterWorkingDays),
  };
}

/** A whole number within limits; `optional` lets an empty field through. */
export function wholeNumber(min: number, max: number, optional = false): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const text = (control.value ?? '').trim();
    if (text === '') return optional ? null : { required: true };
    if (!/^\d+$/.test(text)) return { wholeNumber: true };
    const n = Number(text);
    return n < min || n > max ? { range: { min, max } } : null;
  };
}

/** An amount in SEK above 0, or empty. */
export const optionalAmount: ValidatorFn = (control: AbstractControl<string>) =>
  parseAmount(control.value ?? '') === undefined ? { amount: true } : null;

/** At most `max` non-empty lines of at most `length` characters. */
export function lineList(max: number, length: number): ValidatorFn {
  return (control: AbstractControl<string>) => {
    const list = lines(control.value ?? '');
    if (list.length > max) return { tooMany: { max } };
    return list.some((l) => l.length > length) ? { lineTooLong: { length } } : null;
  };
}

/** Adds or removes a value of a ticked list, keeping the list's order stable. */
export function toggled<T>(list: readonly T[], value: T, on: boolean): T[] {
  const without = list.filter((v) => v !== value);
  return on ? [...without, value] : without;
}

/**
 * Checks across fields of the hiring stop: a stop in force says what it covers (all orders,
 * or some profession groups, specialties or areas) and on what decision it rests.
 */
export const hiringStopChecks: ValidatorFn = (group: AbstractControl): ValidationErrors | null => {
  const value = group.value as Partial<PolicyFormValue>;
  if (!value.hiringStopEnabled) return null;
  const errors: ValidationErrors = {};
  const covers =
    value.hiringStopAll ||
    (value.professionGroups?.length ?? 0) > 0 ||
    lines(value.specialties ?? '').length > 0 ||
    (value.areaIds?.length ?? 0) > 0;
  if (!covers) errors['hiringStopScope'] = true;
  if (!(value.hiringStopReason ?? '').trim()) errors['hiringStopReason'] = true;
  return Object.keys(errors).length > 0 ? errors : null;
};

/** The form field of each field the API may name in a validation error. */
export const FORM_FIELD_OF: Readonly<Record<string, keyof PolicyFormValue>> = {
  'policy.hiringStop.enabled': 'hiringStopEnabled',
  'policy.hiringStop.all': 'hiringStopAll',
  'policy.hiringStop.professionGroups': 'professionGroups',
  'policy.hiringStop.specialties': 'specialties',
  'policy.hiringStop.areaIds': 'areaIds',
  'policy.hiringStop.reason': 'hiringStopReason',
  'policy.maxDuration.enabled': 'maxDurationEnabled',
  'policy.maxDuration.maxMonths': 'maxMonths',
  'policy.offAgreement.enabled': 'offAgreementEnabled',
  'policy.priceAboveTariff.enabled': 'priceAboveTariffEnabled',
  'policy.karens.enabled': 'karensEnabled',
  'policy.karens.months': 'karensMonths',
  'policy.karens.mode': 'karensMode',
  'policy.secondStep.costThresholdSek': 'costThresholdSek',
  'policy.secondStep.durationThresholdDays': 'durationThresholdDays',
  'policy.reminderAfterWorkingDays': 'reminderAfterWorkingDays',
};

/** The form field of a field the API named in a validation error (a list's item by its index too). */
export function formFieldOf(apiField: string): keyof PolicyFormValue | string {
  // a list's item is named with its index: policy.hiringStop.specialties.3
  const known = Object.keys(FORM_FIELD_OF).find((f) => apiField === f || apiField.startsWith(`${f}.`));
  return known ? FORM_FIELD_OF[known] : apiField;
}
