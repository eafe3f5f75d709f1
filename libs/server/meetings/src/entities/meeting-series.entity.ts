import { MEETING_FORMATS, MEETING_KINDS, MeetingFormat, MeetingKind, RecurrenceRule } from '@srp/contracts';
import { Account } from '@srp/server/identity';
import { WorkingGroup } from '@srp/server/groups';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { inList } from './in-list';

/** One line of a series' agenda template, copied into every new occurrence. */
export interface AgendaTemplateItem {
  title: string;
  plannedMinutes: number | null;
  presenter: string | null;
}

/**
 * A recurring meeting ("every 2nd Wednesday, 10:00–11:30"). The series holds the defaults; its
 * occurrences are real `meeting` rows created up front (each with its own UID in calendars), so a
 * single occurrence can be moved, cancelled or edited without exceptions in a rule.
 */
@Entity({ name: 'meeting_series' })
@Check('CHK_meeting_series_kind', `"kind" IN (${inList(MEETING_KINDS)})`)
@Check('CHK_meeting_series_format', `"format" IN (${inList(MEETING_FORMATS)})`)
export class MeetingSeries {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: MeetingKind;

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

  @Column({ type: 'integer', nullable: true })
  capacity!: number | null;

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

  /** The rule as entered (see RecurrenceRule); occurrences are expanded from it in Europe/Berlin. */
  @Column({ type: 'jsonb' })
  rule!: RecurrenceRule;

  /** Default invitees of new occurrences. */
  @Column({ name: 'invite_all', type: 'boolean', default: false })
  inviteAll!: boolean;

  @Column({ name: 'invited_group_ids', type: 'uuid', array: true, default: () => "'{}'" })
  invitedGroupIds!: string[];

  @Column({ name: 'invited_person_ids', type: 'uuid', array: true, default: () => "'{}'" })
  invitedPersonIds!: string[];

  @Column({ name: 'agenda_template', type: 'jsonb', default: () => "'[]'" })
  agendaTemplate!: AgendaTemplateItem[];

  /** Placeholder for the notifications issue: per-series reminder overrides. */
  @Column({ name: 'reminder_settings', type: 'jsonb', default: () => "'{}'" })
  reminderSettings!: Record<string, unknown>;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
