import { RSVP_ANSWERS, RsvpAnswer } from '@srp/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import { inList } from './in-list';
import { Meeting } from './meeting.entity';

/**
 * A guest from outside the initiative, invited by e-mail to one meeting. The guest reaches that
 * meeting's page through a secret link (only its SHA-256 is stored) and nothing else.
 */
@Entity({ name: 'meeting_guest' })
@Unique('UQ_meeting_guest_email', ['meetingId', 'email'])
@Unique('UQ_meeting_guest_token', ['tokenHash'])
@Check('CHK_meeting_guest_answer', `"answer" IS NULL OR "answer" IN (${inList(RSVP_ANSWERS)})`)
export class MeetingGuest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @Column({ type: 'varchar', length: 254 })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  @Column({ name: 'token_hash', type: 'char', length: 64 })
  tokenHash!: string;

  @Column({ type: 'varchar', length: 8, nullable: true })
  answer!: RsvpAnswer | null;

  @Column({ name: 'answered_at', type: 'timestamptz', nullable: true })
  answeredAt!: Date | null;

  @Column({ name: 'invited_by', type: 'uuid', nullable: true })
  invitedBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
