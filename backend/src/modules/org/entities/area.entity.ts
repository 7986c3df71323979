import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

import { Region } from './region.entity';

/** An area of the region's health-care administration (närsjukvårdsområde, länssjukvårdsområde). */
@Entity({ name: 'areas' })
@Unique('areas_region_id_code_key', ['regionId', 'code'])
export class Area {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @ManyToOne(() => Region, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'region_id', foreignKeyConstraintName: 'areas_region_id_fkey' })
  region?: Region;

  /** Short code, unique within the region; `area_code` in the own-staff-cost import. */
  @Column({ type: 'varchar', length: 32 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
