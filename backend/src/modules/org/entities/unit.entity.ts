import type { CareSetting } from '@hyrkoll/contracts';
import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

import { Area } from './area.entity';
import { Municipality } from './municipality.entity';

/** A care unit (hälsocentral, klinik, avdelning) that orders hired staff. */
@Entity({ name: 'units' })
@Unique('units_region_id_cost_centre_key', ['regionId', 'costCentre'])
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @Index('units_area_id_idx')
  @Column({ name: 'area_id', type: 'uuid' })
  areaId!: string;

  // The foreign key is composite (area_id, region_id); see the migration.
  @ManyToOne(() => Area, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'area_id' })
  area?: Area;

  @Index('units_municipality_id_idx')
  @Column({ name: 'municipality_id', type: 'uuid' })
  municipalityId!: string;

  @ManyToOne(() => Municipality, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'municipality_id' })
  municipality?: Municipality;

  /** Cost centre (kostnadsställe): the unit's code, `unit_code` in the purchased-hours import. */
  @Column({ name: 'cost_centre', type: 'varchar', length: 32 })
  costCentre!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ name: 'care_setting', type: 'text' })
  careSetting!: CareSetting;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
