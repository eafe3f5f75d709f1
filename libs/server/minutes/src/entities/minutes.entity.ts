import { MINUTES_PUBLISH_LEVELS, MINUTES_STATUSES, MinutesPublishLevel, MinutesStatus } from '@srp/contracts';
import { Meeting } from '@srp/server/meetings';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  OneToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A meeting's minutes (Protokoll). One per meeting; `revision` counts released versions (a change
 * after release opens revision n+1 as a new draft; the released text stays in `minutes_revision`).
 * Notes per agenda item live in `itemNotes` (agenda item id → Markdown); typed entries in
 * `minutes_entry`.
 */
@Entity({ name: 'minutes' })
@Unique('UQ_minutes_meeting', ['meetingId'])
@Check('CHK_minutes_status', `"status" IN (${inList(MINUTES_STATUSES)})`)
@Check('CHK_minutes_publish_level', `"publish_level" IN (${inList(MINUTES_PUBLISH_LEVELS)})`)
export class Minutes {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @OneToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'varchar', length: 16, default: 'draft' })
  status!: MinutesStatus;

  @Column({ type: 'integer', default: 1 })
  revision!: number;

  @Column({ name: 'publish_level', type: 'varchar', length: 16, default: 'group' })
  publishLevel!: MinutesPublishLevel;

  /** Attendees approve until this date (Europe/Berlin, inclusive). */
  @Column({ name: 'review_deadline', type: 'date', nullable: true })
  reviewDeadline!: string | null;

  /** Markdown before the agenda items (welcome, remarks). */
  @Column({ name: 'general_notes', type: 'text', default: '' })
  generalNotes!: string;

  /** Agenda item id → Markdown notes. */
  @Column({ name: 'item_notes', type: 'jsonb', default: () => "'{}'" })
  itemNotes!: Record<string, string>;

  /** Why the draft revision n > 1 was opened; becomes the revision's note on release. */
  @Column({ name: 'pending_change_note', type: 'varchar', length: 500, nullable: true })
  pendingChangeNote!: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz', nullable: true })
  submittedAt!: Date | null;

  @Column({ name: 'released_at', type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy!: string | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
