import type { DispensationDto } from '@hyrkoll/contracts';

import type { Mail } from './mailer';

export type Locale = 'sv' | 'en';
type Kind = 'waiting' | 'reminder' | 'decided';

const OUTCOME: Record<Locale, Record<string, string>> = {
  sv: {
    APPROVED: 'beviljad',
    REJECTED: 'avslagen',
    RETURNED: 'återremitterad för komplettering',
    REVOKED: 'återkallad',
    EXPIRED: 'upphörd',
    UNDER_REVIEW: 'godkänd i steg 1',
  },
  en: {
    APPROVED: 'approved',
    REJECTED: 'rejected',
    RETURNED: 'returned for more information',
    REVOKED: 'revoked',
    EXPIRED: 'expired',
    UNDER_REVIEW: 'approved at step 1',
  },
};

const RULES: Record<Locale, Record<string, string>> = {
  sv: {
    HIRING_STOP: 'anställningsstopp',
    MAX_DURATION: 'längre än 12 månader',
    OFF_AGREEMENT: 'utanför avtal',
    PRICE_ABOVE_TARIFF: 'pris över taxa',
    KARENS: 'karens',
  },
  en: {
    HIRING_STOP: 'hiring stop',
    MAX_DURATION: 'longer than 12 months',
    OFF_AGREEMENT: 'off the agreement',
    PRICE_ABOVE_TARIFF: 'price above the tariff',
    KARENS: 'karens',
  },
};

/** The e-mail of one notification, in the recipient's language, with a direct link. */
export function renderMail(
  kind: Kind,
  locale: Locale,
  d: DispensationDto,
  recipient: { name: string; email: string },
  link: string,
): Mail {
  const rules = d.rules.map((r) => RULES[locale][r.rule] ?? r.rule).join(', ');
  const sv = locale === 'sv';
  const last = d.decisions[d.decisions.length - 1];
  const lines: string[] = [sv ? `Hej ${recipient.name},` : `Dear ${recipient.name},`, ''];
  let subject: string;
  if (kind === 'decided') {
    const outcome = OUTCOME[locale][d.status] ?? d.status;
    subject = sv
      ? `Dispens för ${d.orderReference}: ${outcome}`
      : `Dispensation for ${d.orderReference}: ${outcome}`;
    lines.push(
      sv
        ? `Din dispensansökan för beställning ${d.orderReference} (${d.unit.name}) är ${outcome}.`
        : `Your dispensation request for order ${d.orderReference} (${d.unit.name}) has been ${outcome}.`,
    );
    if (last?.comment)
      lines.push('', `${sv ? 'Kommentar' : 'Comment'} (${last.decidedBy.name}): ${last.comment}`);
    if (d.status === 'APPROVED' && d.conditions)
      lines.push(`${sv ? 'Villkor' : 'Conditions'}: ${d.conditions}`);
  } else {
    const reminder = kind === 'reminder';
    subject = sv
      ? `${reminder ? 'Påminnelse: d' : 'D'}ispens väntar på beslut – ${d.orderReference}`
      : `${reminder ? 'Reminder: a d' : 'A d'}ispensation is waiting for your decision – ${d.orderReference}`;
    lines.push(
      sv
        ? `${d.requestedBy.name} har begärt dispens för beställning ${d.orderReference} vid ${d.unit.name} (${d.unit.areaName}). Ärendet väntar på beslut i steg ${d.step} av ${d.stepsRequired}.`
        : `${d.requestedBy.name} has requested a dispensation for order ${d.orderReference} at ${d.unit.name} (${d.unit.areaName}). It is waiting for a decision at step ${d.step} of ${d.stepsRequired}.`,
      '',
      `${sv ? 'Regler som kräver dispens' : 'Rules requiring a dispensation'}: ${rules}`,
    );
    if (d.estimatedCost) lines.push(`${sv ? 'Beräknad kostnad' : 'Estimated cost'}: ${d.estimatedCost} SEK`);
  }
  lines.push('', `${sv ? 'Öppna ärendet' : 'Open it'}: ${link}`, '', sv ? '/Hyrkoll' : '— Hyrkoll');
  return { to: recipient.email, subject, text: lines.join('\n') };
}

/** The e-mail of a one-time password-setup link, in the recipient's language. */
export function renderPasswordSetupMail(
  locale: Locale,
  recipient: { name: string; email: string },
  link: string,
  expiresAt: Date,
): Mail {
  const sv = locale === 'sv';
  const until = new Intl.DateTimeFormat(sv ? 'sv-SE' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone: 'Europe/Stockholm',
  }).format(expiresAt);
  const lines = sv
    ? [
        `Hej ${recipient.name},`,
        '',
        `Välj ditt lösenord till Hyrkoll (inloggning med ${recipient.email}) genom att öppna länken nedan.`,
        `Länken kan användas en gång och gäller till ${until}.`,
        '',
        link,
        '',
        'Har du inte väntat dig det här meddelandet? Öppna inte länken, och berätta det för regionens administratör.',
        '',
        '/Hyrkoll',
      ]
    : [
        `Dear ${recipient.name},`,
        '',
        `Choose your password for Hyrkoll (login ${recipient.email}) by opening the link below.`,
        `The link works once and until ${until}.`,
        '',
        link,
        '',
        "If you did not expect this message, do not open the link, and tell the region's administrator.",
        '',
        '— Hyrkoll',
      ];
  return {
    to: recipient.email,
    subject: sv ? 'Välj ditt lösenord till Hyrkoll' : 'Choose your password for Hyrkoll',
    text: lines.join('\n'),
  };
}
