import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Small installation-wide facts (e.g. when demo data was seeded), keyed by name. */
@Entity({ name: 'app_meta' })
export class AppMeta {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  key!: string;

  @Column({ type: 'jsonb' })
  value!: unknown;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
