import type { Role } from '@hyrkoll/contracts';
import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

import { Area } from '../../org/entities/area.entity';
import { Unit } from '../../org/entities/unit.entity';
import { User } from './user.entity';

/** One role of a user with its scope: a unit (unit manager), an area (area chief) or the region. */
@Entity({ name: 'role_assignments' })
export class RoleAssignment {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('role_assignments_user_id_idx')
  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  // The foreign keys are composite (with region_id); see the migration.
  @ManyToOne(() => User, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'user_id' })
  user?: User;

  @Column({ name: 'region_id', type: 'uuid' })
  regionId!: string;

  @Column({ type: 'text' })
  role!: Role;

  @Column({ name: 'unit_id', type: 'uuid', nullable: true })
  unitId!: string | null;

  @ManyToOne(() => Unit, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'unit_id' })
  unit?: Unit | null;

  @Column({ name: 'area_id', type: 'uuid', nullable: true })
  areaId!: string | null;

  @ManyToOne(() => Area, { createForeignKeyConstraints: false })
  @JoinColumn({ name: 'area_id' })
  area?: Area | null;
}
