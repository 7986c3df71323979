import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

@Entity({ name: 'regions' })
@Unique('regions_code_key', ['code'])
export class Region {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** Two-digit county code (länskod), e.g. 24 for Västerbotten. */
  @Column({ type: 'char', length: 2 })
  code!: string;

  @Column({ type: 'text' })
  name!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
