import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { CostEstimate, isLevelOf, Permission, PROFESSIONS, TriggeredRule } from '@hyrkoll/contracts';
import { daysInclusive, estimateCost, evaluateOrderRules, needsSecondStep, Placement } from '@hyrkoll/domain';
import { DataSource, EntityManager } from 'typeorm';
import { requireAccess } from '../../common/auth/access';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { AgreementService } from '../agreement/agreement.service';
import { PolicyService } from '../policy/policy.service';
import type { OrderBody } from './dto/order.dto';

const READ = { permission: Permission.ORDER_READ, what: 'Order' };

export interface Assessment {
  placement: Placement;
  priceZone: 1 | 2 | 3;
  estimate: CostEstimate;
  rules: TriggeredRule[];
  stepsRequired: number;
  needsDispensation: boolean;
}

/** Prices an order for its unit's zone and runs the region's rules on it. Changes nothing. */
@Injectable()
export class OrderAssessor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreement: AgreementService,
    private readonly policies: PolicyService,
  ) {}

  /** The estimate and the rule engine's verdict for an order as it stands, without saving it. */
  async assess(
    user: AuthUser,
    body: OrderBody,
    m: EntityManager = this.dataSource.manager,
  ): Promise<Assessment> {
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
    const [unit] = await m.query<{ area_id: string; price_zone: 1 | 2 | 3 }[]>(
      `SELECT u.area_id, mu.price_zone FROM units u JOIN municipalities mu ON mu.id = u.municipality_id
        WHERE u.id = $1 AND u.region_id = $2`,
      [body.unitId, user.regionId],
    );
    if (!unit) throw DomainError.validation([{ field: 'unitId', message: 'no such unit in your region' }]);
    const placement = { regionId: user.regionId, areaId: unit.area_id, unitId: body.unitId };
    requireAccess(user, placement, Permission.ORDER_WRITE, { ...READ, key: body.unitId });

    const [tariff, allowance, policy] = await Promise.all([
      this.agreement.tariff(
        m,
        user.regionId,
        body.profession,
        body.competenceLevel,
        unit.price_zone,
        body.periodStart,
      ),
      this.agreement.travelAllowance(m, user.regionId, body.periodStart),
      this.policies.get(user.regionId, m),
    ]);
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
