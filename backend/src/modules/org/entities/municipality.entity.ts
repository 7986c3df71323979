import type { PriceZone } from '@hyrkoll/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

import { Region } from './region.entity';

@Entity({ name: 'municipalities' })
@Unique('municipalities_code_key', ['code'])
export class Municipality {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('municipalities_region_id_idx')
  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'municipalities_region_id_fkey' })
  region?: Region;

  /** Four-digit municipality code (kommunkod), e.g. 2480 for Umeå. */
  @Column({ type: 'char', length: 4 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'price_zone', type: 'smallint' })
  priceZone!: PriceZone;

  @Column({ name: 'price_zone_illustrative', type: 'boolean', default: false })
  priceZoneIllustrative!: boolean;
}
