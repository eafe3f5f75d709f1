import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { Minutes } from './minutes.entity';

/** A released version of the minutes, frozen: what was released, when, by whom, and why it changed. */
@Entity({ name: 'minutes_revision' })
@Unique('UQ_minutes_revision', ['minutesId', 'revision'])
export class MinutesRevision {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'minutes_id', type: 'uuid' })
  minutesId!: string;

  @ManyToOne(() => Minutes, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'minutes_id' })
  minutes?: Minutes;

  @Column({ type: 'integer' })
  revision!: number;

  /** The released content (notes, entries, attendance) as shown and exported. */
  @Column({ type: 'jsonb' })
  snapshot!: Record<string, unknown>;

  @Column({ name: 'change_note', type: 'varchar', length: 500, nullable: true })
  changeNote!: string | null;

  @Column({ name: 'released_at', type: 'timestamptz' })
  releasedAt!: Date;

  @Column({ name: 'released_by', type: 'uuid', nullable: true })
  releasedBy!: string | null;
}
