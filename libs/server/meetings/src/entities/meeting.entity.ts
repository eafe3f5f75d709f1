import {
  MEETING_FORMATS,
  MEETING_KINDS,
  MEETING_STATUSES,
  MeetingFormat,
  MeetingKind,
  MeetingStatus,
} from '@srp/contracts';
import { Account } from '@srp/server/identity';
import { WorkingGroup } from '@srp/server/groups';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { inList } from './in-list';
import { MeetingSeries } from './meeting-series.entity';

/**
 * A meeting: Monatsrunde, UAG-Sitzung, Workshop, Messe, Sonstiges. Start and end are instants
 * (planned in Europe/Berlin). `icsSequence` rises with every change calendars must learn about;
 * the UID is derived from the id, so it never changes.
 */
@Entity({ name: 'meeting' })
@Check('CHK_meeting_kind', `"kind" IN (${inList(MEETING_KINDS)})`)
@Check('CHK_meeting_format', `"format" IN (${inList(MEETING_FORMATS)})`)
@Check('CHK_meeting_status', `"status" IN (${inList(MEETING_STATUSES)})`)
@Check('CHK_meeting_times', `"ends_at" > "starts_at"`)
@Unique('UQ_meeting_series_occurrence', ['seriesId', 'occurrenceDate'])
@Index('IDX_meeting_starts', ['startsAt', 'id'])
@Index('IDX_meeting_host_group', ['hostGroupId', 'startsAt'], { where: '"host_group_id" IS NOT NULL' })
@Index('IDX_meeting_series', ['seriesId', 'startsAt'], { where: '"series_id" IS NOT NULL' })
export class Meeting {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'series_id', type: 'uuid', nullable: true })
  seriesId!: string | null;

  @ManyToOne(() => MeetingSeries, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'series_id' })
  series?: MeetingSeries | null;

  /** The date the series' rule gave this occurrence (kept when the meeting is moved). */
  @Column({ name: 'occurrence_date', type: 'date', nullable: true })
  occurrenceDate!: string | null;

  @Column({ type: 'varchar', length: 16 })
  kind!: MeetingKind;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Markdown, rendered sanitised. */
  @Column({ type: 'text', default: '' })
  description!: string;

  @Column({ type: 'varchar', length: 16 })
  format!: MeetingFormat;

  @Column({ name: 'online_url', type: 'varchar', length: 2000, nullable: true })
  onlineUrl!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  room!: string | null;

  /** Places for Zusagen; further Zusagen go to the waiting list. */
  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

  @Column({ name: 'starts_at', type: 'timestamptz' })
  startsAt!: Date;

  @Column({ name: 'ends_at', type: 'timestamptz' })
  endsAt!: Date;

  @Column({ name: 'host_group_id', type: 'uuid', nullable: true })
  hostGroupId!: string | null;

  @ManyToOne(() => WorkingGroup, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'host_group_id' })
  hostGroup?: WorkingGroup | null;

  @Column({ name: 'organizer_id', type: 'uuid', nullable: true })
  organizerId!: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'organizer_id' })
  organizer?: Account | null;

  @Column({ type: 'varchar', length: 16, default: 'scheduled' })
  status!: MeetingStatus;

  @Column({ name: 'cancel_reason', type: 'varchar', length: 500, nullable: true })
  cancelReason!: string | null;

  @Column({ name: 'cancelled_at', type: 'timestamptz', nullable: true })
  cancelledAt!: Date | null;

  /** Everyone in the initiative is invited. */
  @Column({ name: 'invite_all', type: 'boolean', default: false })
  inviteAll!: boolean;

  /** Members may propose agenda items until the meeting starts. */
  @Column({ name: 'call_for_items', type: 'boolean', default: true })
  callForItems!: boolean;

  /** Changed on its own ("this one"): later series edits leave its time alone. */
  @Column({ type: 'boolean', default: false })
  detached!: boolean;

  @Column({ name: 'ics_sequence', type: 'integer', default: 0 })
  icsSequence!: number;

  /** Raised when the agenda's order or items change (optimistic locking of the agenda as a whole). */
  @Column({ name: 'agenda_version', type: 'integer', default: 1 })
  agendaVersion!: number;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
