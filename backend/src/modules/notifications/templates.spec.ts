import type { DispensationDto } from '@hyrkoll/contracts';

import { renderMail } from './templates';

const dispensation: DispensationDto = {
  id: 'd-1',
  orderId: 'o-1',
  orderReference: 'HK-2026-000042',
  status: 'UNDER_REVIEW',
  step: 2,
  stepsRequired: 2,
  rules: [
    { rule: 'HIRING_STOP', reason: 'stop', params: {}, blocking: false },
    { rule: 'MAX_DURATION', reason: 'long', params: {}, blocking: false },
  ],
  justification: { patientSafetyNeed: 'need', alternativesTried: 'tried' },
  requestedBy: { id: 'u-1', name: 'Eva Lindqvist' },
  submittedAt: '2026-11-23T08:00:00.000Z',
  conditions: null,
  validFrom: null,
  validTo: null,
  hoursCap: null,
  costCap: null,
  delegationReference: null,
  decisions: [],
  estimatedCost: '690000.00',
  unit: { id: 'u', name: 'Hälsocentral Norrböle', areaId: 'a', areaName: 'NSO Skellefteå' },
  mayDecide: false,
  mayResubmit: false,
  mayWithdraw: false,
  mayRevoke: false,
  version: 3,
};

describe('notification e-mails', () => {
  const link = 'https://hyrkoll.test/dispensations/d-1';

  it('asks the decider in Swedish, with the rules, the step and a direct link', () => {
    const mail = renderMail('waiting', 'sv', dispensation, { name: 'Karin Ek', email: 'karin@x.se' }, link);
    expect(mail.to).toBe('karin@x.se');
    expect(mail.subject).toBe('Dispens väntar på beslut – HK-2026-000042');
    expect(mail.text).toContain('steg 2 av 2');
    expect(mail.text).toContain('anställningsstopp, längre än 12 månader');
    expect(mail.text).toContain(link);
  });

  it('writes a reminder and a decision in English for an English-speaking user', () => {
    const reminder = renderMail('reminder', 'en', dispensation, { name: 'Sofia', email: 's@x.se' }, link);
    expect(reminder.subject).toBe('Reminder: a dispensation is waiting for your decision – HK-2026-000042');
    expect(reminder.text).toContain('hiring stop, longer than 12 months');
    const decided = renderMail(
      'decided',
      'en',
      {
        ...dispensation,
        status: 'APPROVED',
        conditions: 'Follow up after 6 weeks',
        decisions: [
          {
            step: 1,
            outcome: 'APPROVED',
            decidedBy: { id: 'm', name: 'Maria Nilsson' },
            decidedAt: '2026-11-24T08:00:00.000Z',
            comment: 'Granted',
          },
        ],
      },
      { name: 'Eva', email: 'eva@x.se' },
      link,
    );
    expect(decided.subject).toBe('Dispensation for HK-2026-000042: approved');
    expect(decided.text).toContain('Comment (Maria Nilsson): Granted');
    expect(decided.text).toContain('Conditions: Follow up after 6 weeks');
  });
});
