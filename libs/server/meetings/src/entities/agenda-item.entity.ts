import { AGENDA_ITEM_STATUSES, AgendaItemStatus } from '@srp/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { inList } from './in-list';
import { Meeting } from './meeting.entity';

/** A link on an agenda item (slides, a document, a web page). */
export interface AgendaLink {
  label: string;
  url: string;
}

/**
 * A Tagesordnungspunkt. Accepted items are the agenda, ordered by `position` (TOP 1, 2, …);
 * proposed ones wait for the organiser; rejected ones stay visible to their proposer with a reason.
 */
@Entity({ name: 'agenda_item' })
@Check('CHK_agenda_item_status', `"status" IN (${inList(AGENDA_ITEM_STATUSES)})`)
@Index('IDX_agenda_item_meeting', ['meetingId', 'status', 'position'])
export class AgendaItem {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'double precision', default: 0 })
  position!: number;

  @Column({ type: 'varchar', length: 200 })
  title!: string;

  /** Who presents: a name as written (may be a guest). */
  @Column({ type: 'varchar', length: 200, nullable: true })
  presenter!: string | null;

  @Column({ name: 'planned_minutes', type: 'integer', nullable: true })
  plannedMinutes!: number | null;

  /** Markdown. */
  @Column({ type: 'text', default: '' })
  notes!: string;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  links!: AgendaLink[];

  @Column({ type: 'varchar', length: 16, default: 'accepted' })
  status!: AgendaItemStatus;

  @Column({ name: 'proposed_by', type: 'uuid', nullable: true })
  proposedBy!: string | null;

  @Column({ name: 'decided_by', type: 'uuid', nullable: true })
  decidedBy!: string | null;

  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true })
  decidedAt!: Date | null;

  @Column({ name: 'decision_note', type: 'varchar', length: 500, nullable: true })
  decisionNote!: string | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
