import type { RuleCode, TriggeredRule } from '@hyrkoll/contracts';
import { ApiProperty } from '@nestjs/swagger';

/** Response parts that several features send (orders and dispensations). */

export class TriggeredRuleResponse implements TriggeredRule {
  @ApiProperty({ enum: ['HIRING_STOP', 'MAX_DURATION', 'OFF_AGREEMENT', 'PRICE_ABOVE_TARIFF', 'KARENS'] })
  rule!: RuleCode;
  @ApiProperty({ example: 'The region has a hiring stop on all orders' }) reason!: string;
  @ApiProperty({ example: { matched: 'all orders' } }) params!: Record<
    string,
    string | number | boolean | null
  >;
  @ApiProperty({ example: false, description: 'A blocking rule cannot be lifted by a dispensation' })
  blocking!: boolean;
}
