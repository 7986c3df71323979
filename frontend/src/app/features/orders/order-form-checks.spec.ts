import { justificationProblem, ORDER_FIELD_LABELS } from './order-form-checks';

describe('the order form checks', () => {
  it('name the justification field that is empty or too short, the need first', () => {
    expect(justificationProblem({ patientSafetyNeed: '', alternativesTried: '' })).toBe('need');
    expect(justificationProblem({ patientSafetyNeed: '   kort    ', alternativesTried: '' })).toBe('need');
    expect(
      justificationProblem({
        patientSafetyNeed: 'Förlossningen saknar barnmorskor',
        alternativesTried: 'Pool',
      }),
    ).toBe('tried');
    expect(
      justificationProblem({
        patientSafetyNeed: 'Förlossningen saknar barnmorskor',
        alternativesTried: 'Poolen är fullbokad',
      }),
    ).toBeNull();
  });

  it('label the justification fields the API names', () => {
    expect(ORDER_FIELD_LABELS['justification.patientSafetyNeed']).toBe('orders.form.need');
    expect(ORDER_FIELD_LABELS['justification.alternativesTried']).toBe('orders.form.tried');
  });
});
