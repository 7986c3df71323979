import {
  CostEstimate,
  DispensationPolicy,
  ErrorCode,
  isLevelOf,
  Permission,
  PROFESSIONS,
  TriggeredRule,
} from '@hyrkoll/contracts';
import {
  canAccess,
  daysInclusive,
  estimateCost,
  evaluateOrderRules,
  needsSecondStep,
  Placement,
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { prepared, select } from '../../database/sql';
import { validOn } from '../agreement/agreement.queries';
import { effectivePolicy } from '../policy/policy.service';
import type { OrderBody } from './dto/order.dto';

/** What an assessment needs from the database: the unit's area and zone, the prices, the policy. */
export interface LookupRow {
  area_id: string;
  price_zone: 1 | 2 | 3;
  tariff: string | null;
  allowance: string | null;
  policy: Partial<DispensationPolicy> | null;
}

/**
 * The lookup as SQL over the given expressions (parameters or another query's columns): the
 * unit's area and zone, the tariff for that zone, the travel allowance and the region's policy,
 * each valid on `day`. One row, or none when the unit is not in the region.
 */
export function assessmentLookup(
  unit: string,
  region: string,
  profession: string,
  level: string,
  day: string,
) {
  return `
  SELECT u.area_id, mu.price_zone,
         (SELECT p.hourly_rate FROM price_list p
           WHERE p.region_id = u.region_id AND p.profession = ${profession} AND p.competence_level = ${level}
             AND p.price_zone = mu.price_zone AND ${validOn('p', day)}) AS tariff,
         (SELECT t.amount_per_week FROM travel_allowances t
           WHERE t.region_id = u.region_id AND ${validOn('t', day)}) AS allowance,
         (SELECT dp.policy FROM dispensation_policies dp WHERE dp.region_id = u.region_id) AS policy
    FROM units u JOIN municipalities mu ON mu.id = u.municipality_id
   WHERE u.id = ${unit} AND u.region_id = ${region}`;
}

const ASSESSMENT_LOOKUP = prepared(assessmentLookup('$1', '$2', '$3', '$4', '$5'));

export interface Assessment {
  placement: Placement;
  priceZone: 1 | 2 | 3;
  estimate: CostEstimate;
  rules: TriggeredRule[];
  stepsRequired: number;
  needsDispensation: boolean;
}

/** The checks of an order's fields that need no data: the level fits the profession, the period runs forward. */
function checkOrderFields(body: OrderBody): void {
  if (!isLevelOf(body.profession, body.competenceLevel)) {
    throw DomainError.validation([
      { field: 'competenceLevel', message: `${body.competenceLevel} is not a level of ${body.profession}` },
    ]);
  }
  if (body.periodEnd < body.periodStart) {
    throw DomainError.validation([
      { field: 'periodEnd', message: 'periodEnd must not be before periodStart' },
    ]);
  }
}

/** Prices an order for its unit's zone and runs the region's rules on it. Changes nothing. */
@Injectable()
export class OrderAssessor {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The estimate and the rule engine's verdict for an order as it stands, without saving it. */
  async assess(
    user: AuthUser,
    body: OrderBody,
    m: EntityManager = this.dataSource.manager,
  ): Promise<Assessment> {
    checkOrderFields(body);
    // one round trip for everything the rules and the estimate need
    const [unit] = await select<LookupRow>(m, ASSESSMENT_LOOKUP, [
      body.unitId,
      user.regionId,
      body.profession,
      body.competenceLevel,
      body.periodStart,
    ]);
    return this.verdict(user, body, unit);
  }

  /** As `assess`, with the lookup already read (by a query that also read the order). */
  judge(user: AuthUser, body: OrderBody, unit: LookupRow | undefined): Assessment {
    checkOrderFields(body);
    return this.verdict(user, body, unit);
  }

  private verdict(user: AuthUser, body: OrderBody, unit: LookupRow | undefined): Assessment {
    if (!unit) throw DomainError.validation([{ field: 'unitId', message: 'no such unit in your region' }]);
    const placement = { regionId: user.regionId, areaId: unit.area_id, unitId: body.unitId };
    if (!canAccess(user.grants, Permission.ORDER_WRITE, placement)) {
      // units are no secret within the region: say what is wrong instead of "not found"
      throw new DomainError(ErrorCode.FORBIDDEN, `You may not order for the unit ${body.unitId}`, [
        { field: 'unitId', message: 'not one of the units you order for' },
      ]);
    }
    const tariff = unit.tariff;
    const allowance = unit.allowance;
    const policy = effectivePolicy(unit.policy);
    const estimate = estimateCost({
      hours: body.hours,
      priceZone: unit.price_zone,
      tariffHourlyRate: tariff,
      requestedHourlyRate: body.requestedHourlyRate ?? null,
      extrasSek: body.extrasSek ?? null,
      travelAllowancePerWeek: allowance,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
    });
    const rules = evaluateOrderRules(policy, {
      professionGroup: PROFESSIONS[body.profession].group,
      specialty: body.specialty ?? null,
      areaId: unit.area_id,
      periodStart: body.periodStart,
      periodEnd: body.periodEnd,
      offAgreement: body.offAgreement ?? false,
      tariffHourlyRate: tariff,
      requestedHourlyRate: body.requestedHourlyRate ?? null,
      extrasSek: body.extrasSek ?? null,
    });
    const stepsRequired = needsSecondStep(
      policy,
      estimate.total,
      daysInclusive(body.periodStart, body.periodEnd),
    )
      ? 2
      : 1;
    return {
      placement,
      priceZone: unit.price_zone,
      estimate,
      rules,
      stepsRequired,
      needsDispensation: rules.length > 0,
    };
  }
}
