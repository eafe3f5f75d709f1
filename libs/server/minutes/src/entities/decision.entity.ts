import { MINUTES_PUBLISH_LEVELS, MinutesPublishLevel } from '@srp/contracts';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Minutes } from './minutes.entity';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * The decision register (Beschlüsse): one row per decision of the released revision, replaced on
 * each release, so drafts of a new revision never show up here. Searched with German full text
 * (expression GIN index in the migration).
 */
@Entity({ name: 'decision' })
@Unique('UQ_decision_entry', ['entryId'])
@Check('CHK_decision_publish_level', `"publish_level" IN (${inList(MINUTES_PUBLISH_LEVELS)})`)
@Index('IDX_decision_decided', ['decidedOn', 'id'])
@Index('IDX_decision_group', ['groupId', 'decidedOn'], { where: '"group_id" IS NOT NULL' })
@Index('IDX_decision_search', { synchronize: false })
export class Decision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId!: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  /** The minutes entry it comes from. */
  @Column({ name: 'entry_id', type: 'uuid' })
  entryId!: string;

  @Column({ type: 'integer' })
  revision!: number;

  /** The meeting's host group (null: an initiative-wide meeting). */
  @Column({ name: 'group_id', type: 'uuid', nullable: true })
  groupId!: string | null;

  @Column({ name: 'agenda_item_title', type: 'varchar', length: 200, nullable: true })
  agendaItemTitle!: string | null;

  @Column({ type: 'text' })
  text!: string;

  @Column({ type: 'boolean', default: false })
  confidential!: boolean;

  /** The meeting's day in Europe/Berlin. */
  @Column({ name: 'decided_on', type: 'date' })
  decidedOn!: string;

  @Column({ name: 'publish_level', type: 'varchar', length: 16 })
  publishLevel!: MinutesPublishLevel;
}
