import {
  METRIC_GROUPINGS,
  MetricGrouping,
  MissingMonths,
  RATIO_LEVELS,
  RatioLevel,
} from '@hyrkoll/contracts';
import { ApiProperty } from '@nestjs/swagger';

class ComparisonResponse {
  @ApiProperty({ nullable: true, type: String, example: '48200000.00' }) current!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '54100000.00' }) previous!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '-5900000.00' }) difference!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '-10.9' }) percent!: string | null;
  @ApiProperty({
    required: false,
    enum: ['current', 'previous', 'both'],
    description: 'Which side is null because a month of its period has no data',
  })
  incomplete?: MissingMonths;
}

class MonthComparisonResponse extends ComparisonResponse {
  @ApiProperty({ example: '2024-10' }) month!: string;
}

class TotalsResponse {
  @ApiProperty({ type: ComparisonResponse }) month!: ComparisonResponse;
  @ApiProperty({ type: ComparisonResponse }) ytd!: ComparisonResponse;
  @ApiProperty({ type: ComparisonResponse }) r12!: ComparisonResponse;
}

class MetricGroupResponse {
  @ApiProperty({ example: 'SSK_BM' }) key!: string;
  @ApiProperty({ example: 'SSK_BM' }) label!: string;
  @ApiProperty({ type: [MonthComparisonResponse] }) months!: MonthComparisonResponse[];
  @ApiProperty({ type: TotalsResponse }) totals!: TotalsResponse;
}

export class MetricSeriesResponse {
  @ApiProperty({ enum: ['cost', 'hours'] }) measure!: 'cost' | 'hours';
  @ApiProperty({ enum: ['SEK', 'hours'] }) unit!: 'SEK' | 'hours';
  @ApiProperty({ example: '2024-01' }) from!: string;
  @ApiProperty({ example: '2024-10' }) to!: string;
  @ApiProperty({ enum: METRIC_GROUPINGS }) groupBy!: MetricGrouping;
  @ApiProperty({ type: [MetricGroupResponse] }) groups!: MetricGroupResponse[];
  @ApiProperty({ type: MetricGroupResponse }) total!: MetricGroupResponse;
}

class RatioPointResponse {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ nullable: true, type: String, example: '300000000.00' }) hiredR12!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '7500000000.00' }) ownR12!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '4.00' }) ratioPercent!: string | null;
  @ApiProperty({
    required: false,
    enum: [true],
    description: 'Set (and the figures null) when a month of the twelve has no hired or own-staff data',
  })
  incomplete?: true;
}

class RatioSeriesItemResponse {
  @ApiProperty({ example: 'all' }) key!: string;
  @ApiProperty({ example: 'all' }) label!: string;
  @ApiProperty({ type: [RatioPointResponse] }) points!: RatioPointResponse[];
}

export class RatioSeriesResponse {
  @ApiProperty({ enum: RATIO_LEVELS }) level!: RatioLevel;
  @ApiProperty({ example: '2.00' }) targetPercent!: string;
  @ApiProperty({ example: '2024-01' }) from!: string;
  @ApiProperty({ example: '2024-10' }) to!: string;
  @ApiProperty({ type: [RatioSeriesItemResponse] }) series!: RatioSeriesItemResponse[];
}

class NationalPointResponse {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ example: '11.2' }) hiredSharePercent!: string;
}

class NationalRegionResponse {
  @ApiProperty({ example: '25' }) code!: string;
  @ApiProperty({ example: 'Region Norrbotten' }) name!: string;
  @ApiProperty({ type: [NationalPointResponse] }) points!: NationalPointResponse[];
}

export class NationalComparisonResponse {
  @ApiProperty({ example: '2024-01' }) from!: string;
  @ApiProperty({ example: '2024-10' }) to!: string;
  @ApiProperty({ type: [NationalRegionResponse] }) regions!: NationalRegionResponse[];
}

class RegisterAreaRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NSO Skellefteå' }) name!: string;
}

class RegisterRowResponse {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ example: 'HIRING_STOP' }) rule!: string;
  @ApiProperty({ type: RegisterAreaRef }) area!: RegisterAreaRef;
  @ApiProperty({ example: 'LAKARE' }) professionGroup!: string;
  @ApiProperty({ example: 3 }) granted!: number;
  @ApiProperty({ example: '420.00' }) hours!: string;
  @ApiProperty({ example: '588000.00' }) costSek!: string;
}

export class DispensationRegisterResponse {
  @ApiProperty({ example: '2024-01' }) from!: string;
  @ApiProperty({ example: '2024-10' }) to!: string;
  @ApiProperty({ type: [RegisterRowResponse] }) rows!: RegisterRowResponse[];
}

export class RegionRatioResponse {
  @ApiProperty({ example: '2024-10' }) month!: string;
  @ApiProperty({ example: '2.00' }) targetPercent!: string;
  @ApiProperty({ nullable: true, type: String, example: '4.00' }) ratioPercent!: string | null;
}

class InUseUnitRef {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'Vårdcentralen Norrböle' }) name!: string;
}

export class DispensationInUseResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) orderId!: string;
  @ApiProperty({ example: 'B-2024-0042' }) orderReference!: string;
  @ApiProperty({ type: InUseUnitRef }) unit!: InUseUnitRef;
  @ApiProperty({ example: 'Specialistläkare allmänmedicin' }) profession!: string;
  @ApiProperty({ example: 'APPROVED' }) status!: string;
  @ApiProperty({ nullable: true, type: String, example: '2024-09-01' }) validFrom!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '2024-11-30' }) validTo!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '480.00' }) hoursCap!: string | null;
  @ApiProperty({ nullable: true, type: String, example: '700000.00' }) costCap!: string | null;
  @ApiProperty({ example: '120.00' }) hoursUsed!: string;
  @ApiProperty({ example: '165000.00' }) costUsed!: string;
}
