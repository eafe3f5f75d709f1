import { GROUP_KINDS, GROUP_STATUSES, GroupKind, GroupStatus } from '@srp/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A working group: one of the six UAGs, or later a pilot project team. Names are data, never code. */
@Entity({ name: 'working_group' })
@Check('CHK_working_group_kind', `"kind" IN (${inList(GROUP_KINDS)})`)
@Check('CHK_working_group_status', `"status" IN (${inList(GROUP_STATUSES)})`)
@Index('UQ_working_group_number', ['number'], { unique: true, where: '"number" IS NOT NULL' })
export class WorkingGroup {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 16, default: 'uag' })
  kind!: GroupKind;

  /** The UAG number (1–6 for the sub-working groups). */
  @Column({ type: 'integer', nullable: true })
  number!: number | null;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'short_name', type: 'varchar', length: 40 })
  shortName!: string;

  /** Markdown, rendered sanitised. */
  @Column({ type: 'text', default: '' })
  description!: string;

  /** Markdown, rendered sanitised. */
  @Column({ type: 'text', default: '' })
  goals!: string;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: GroupStatus;

  /** Free text, e.g. "Phase 2 (2024/25)". */
  @Column({ type: 'varchar', length: 100, nullable: true })
  phase!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
