import {
  CostEstimate,
  ErrorCode,
  FieldErrorCode,
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
  orderPeriodProblem,
  Placement,
  swedishDate,
} from '@hyrkoll/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { effectivePolicy } from '../policy/policy.service';
import type { OrderBody } from './dto/order.dto';
import { lookupForAssessment, LookupRow } from './orders.queries';

export interface Assessment {
  placement: Placement;
  priceZone: 1 | 2 | 3;
  estimate: CostEstimate;
  rules: TriggeredRule[];
  stepsRequired: number;
  needsDispensation: boolean;
}

/**
 * The checks of an order's fields that need no data: the level fits the profession, the period
 * runs forward and starts between today (Sweden's date) and two years ahead.
 */
function checkOrderFields(body: OrderBody): void {
  if (!isLevelOf(body.profession, body.competenceLevel)) {
    throw DomainError.validation([
      {
        field: 'competenceLevel',
        code: FieldErrorCode.LEVEL,
        params: { level: body.competenceLevel, profession: body.profession },
        message: `${body.competenceLevel} is not a level of ${body.profession}`,
      },
    ]);
  }
  if (body.periodEnd < body.periodStart) {
    throw DomainError.validation([
      {
        field: 'periodEnd',
        code: FieldErrorCode.DATE_ORDER,
        params: { after: 'periodStart' },
        message: 'periodEnd must not be before periodStart',
      },
    ]);
  }
  const period = orderPeriodProblem(body.periodStart, swedishDate(new Date()));
  if (period) {
    throw DomainError.validation([
      { field: period.field, code: period.problem, params: { limit: period.limit }, message: period.message },
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
    const unit = await lookupForAssessment(m, {
      unitId: body.unitId,
      regionId: user.regionId,
      profession: body.profession,
      competenceLevel: body.competenceLevel,
      day: body.periodStart,
    });
    return this.verdict(user, body, unit);
  }

  /** As `assess`, with the lookup already read (by a query that also read the order). */
  judge(user: AuthUser, body: OrderBody, unit: LookupRow | undefined): Assessment {
    checkOrderFields(body);
    return this.verdict(user, body, unit);
  }

  private verdict(user: AuthUser, body: OrderBody, unit: LookupRow | undefined): Assessment {
    if (!unit) {
      throw DomainError.validation([
        { field: 'unitId', code: FieldErrorCode.UNKNOWN_REFERENCE, message: 'no such unit in your region' },
      ]);
    }
    const placement = { regionId: user.regionId, areaId: unit.area_id, unitId: body.unitId };
    if (!canAccess(user.grants, Permission.ORDER_WRITE, placement)) {
      // units are no secret within the region: say what is wrong instead of "not found"
      throw new DomainError(ErrorCode.UNIT_NOT_YOURS, `You may not order for the unit ${body.unitId}`, {
        fields: [
          { field: 'unitId', code: FieldErrorCode.NOT_YOURS, message: 'not one of the units you order for' },
        ],
      });
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
