import type { BidIssue, BidIssueCode, TriggeredRule } from '@hyrkoll/contracts';
import Decimal from 'decimal.js';

import { addMonthsToDate } from './dates';

/** What a bid says about the consultant and the documents presented. */
export interface BidFacts {
  id: string;
  registeredAt: string;
  hoursOffered: string;
  earlierHoursAtUnit: string;
  licensedOn: string;
  specialistCertifiedOn: string | null;
  recentNordicExperience: boolean;
  ivoExtractOn: string;
  hospExtractOn: string;
  cprTrainingOn: string;
  cvAttached: boolean;
  references: number;
  /** KARENS for this consultant, from the former-employee register and the policy. */
  karens: TriggeredRule | null;
  /** Bids that lapsed (missed confirmation) or were withdrawn no longer compete. */
  active: boolean;
}

export interface RankingContext {
  hoursOrdered: string;
  /** The date the documents are judged on: the day the bid was registered. */
  requiresSpecialist: boolean;
}

export interface RankedBid {
  id: string;
  rank: number | null;
  eligible: boolean;
  /** Why the bid is not eligible, one issue each (empty when eligible). */
  problems: BidIssue[];
  /** Why it ranks where it does, in order of weight. */
  reasons: string[];
  /** Covered share of the ordered hours, 0–100, two decimals. */
  coveragePercent: string;
  warnings: BidIssue[];
}

const issue = (code: BidIssueCode, message: string, params: BidIssue['params'] = {}): BidIssue => ({
  code,
  message,
  params,
});

/** Checks the agreement's demands on a presented consultant; each failure is one issue. */
export function eligibilityProblems(
  bid: BidFacts,
  context: RankingContext,
): { problems: BidIssue[]; warnings: BidIssue[] } {
  const onDay = bid.registeredAt.slice(0, 10);
  const problems: BidIssue[] = [];
  const warnings: BidIssue[] = [];
  if (bid.karens) {
    // the rule's dates and months, as the text of the issue needs them
    const params = Object.fromEntries(
      Object.entries(bid.karens.params).filter(
        (e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number',
      ),
    );
    (bid.karens.blocking ? problems : warnings).push(issue('KARENS', bid.karens.reason, params));
  }
  const olderThan = (code: BidIssueCode, what: string, date: string, months: number) => {
    if (addMonthsToDate(date, months) < onDay)
      problems.push(issue(code, `The ${what} of ${date} is more than ${months} months old`, { date }));
  };
  olderThan('IVO_EXTRACT_OLD', 'IVO extract', bid.ivoExtractOn, 6);
  olderThan('HOSP_EXTRACT_OLD', 'HOSP extract', bid.hospExtractOn, 6);
  olderThan('CPR_TRAINING_OLD', 'CPR training', bid.cprTrainingOn, 12);
  if (addMonthsToDate(bid.licensedOn, 24) > onDay)
    problems.push(issue('LICENCE_RECENT', 'Less than 2 years since the licence'));
  if (context.requiresSpecialist) {
    if (!bid.specialistCertifiedOn)
      problems.push(issue('NO_SPECIALIST_CERTIFICATE', 'No specialist certificate'));
    else if (addMonthsToDate(bid.specialistCertifiedOn, 24) > onDay)
      problems.push(
        issue('SPECIALIST_CERTIFICATE_RECENT', 'Less than 2 years since the specialist certificate'),
      );
  }
  if (!bid.recentNordicExperience)
    problems.push(issue('NO_NORDIC_EXPERIENCE', 'No recent Nordic work (at least 50 % of the last 4 years)'));
  if (!bid.cvAttached) problems.push(issue('NO_CV', 'No CV'));
  if (bid.references < 2)
    problems.push(
      issue('TOO_FEW_REFERENCES', `${bid.references} references; 2 are required`, { count: bid.references }),
    );
  if (!bid.active)
    problems.push(
      issue('NOT_COMPETING', 'The bid no longer competes (lapsed, not awarded or cancelled with its order)'),
    );
  return { problems, warnings };
}

/**
 * Ranks bids by the agreement's award criteria, time and continuity: the bid covering most of
 * the ordered hours first; among equals, the one with most earlier hours at the unit; then
 * the one registered first. Ineligible bids come last, unranked, with their problems.
 */
export function rankBids(bids: readonly BidFacts[], context: RankingContext): RankedBid[] {
  const ordered = new Decimal(context.hoursOrdered);
  const judged = bids.map((bid) => {
    const { problems, warnings } = eligibilityProblems(bid, context);
    const offered = Decimal.min(new Decimal(bid.hoursOffered), ordered);
    const coverage = ordered.isZero() ? new Decimal(0) : offered.dividedBy(ordered).times(100);
    return { bid, problems, warnings, offered, coverage, earlier: new Decimal(bid.earlierHoursAtUnit) };
  });
  const eligible = judged
    .filter((j) => j.problems.length === 0)
    .sort(
      (a, b) =>
        b.offered.comparedTo(a.offered) ||
        b.earlier.comparedTo(a.earlier) ||
        a.bid.registeredAt.localeCompare(b.bid.registeredAt),
    );
  const ranked: RankedBid[] = eligible.map((j, index) => {
    const next = eligible[index + 1];
    const previous = eligible[index - 1];
    const reasons = [
      `Covers ${j.coverage.toFixed(2)} % of the ordered hours (${j.offered.toFixed(2)} of ${ordered.toFixed(2)} h)`,
    ];
    reasons.push(`${j.earlier.toFixed(2)} earlier hours at the unit (continuity)`);
    const tiedOnBoth = (o?: typeof j) => o && o.offered.equals(j.offered) && o.earlier.equals(j.earlier);
    if (tiedOnBoth(next) || tiedOnBoth(previous))
      reasons.push(`Registered ${j.bid.registeredAt} (earlier registration wins a tie)`);
    return {
      id: j.bid.id,
      rank: index + 1,
      eligible: true,
      problems: [],
      reasons,
      coveragePercent: j.coverage.toFixed(2),
      warnings: j.warnings,
    };
  });
  const unranked: RankedBid[] = judged
    .filter((j) => j.problems.length > 0)
    .map((j) => ({
      id: j.bid.id,
      rank: null,
      eligible: false,
      problems: j.problems,
      reasons: [],
      coveragePercent: j.coverage.toFixed(2),
      warnings: j.warnings,
    }));
  return [...ranked, ...unranked];
}
