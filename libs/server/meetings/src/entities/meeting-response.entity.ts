import { ATTENDANCE_MODES, AttendanceMode, RSVP_ANSWERS, RsvpAnswer } from '@srp/contracts';
import { Account } from '@srp/server/identity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { inList } from './in-list';
import { Meeting } from './meeting.entity';

/** An invitee's answer (Zusage/Absage/Vielleicht), how they take part, and a deputy if they send one. */
@Entity({ name: 'meeting_response' })
@Check('CHK_meeting_response_answer', `"answer" IN (${inList(RSVP_ANSWERS)})`)
@Check('CHK_meeting_response_mode', `"mode" IS NULL OR "mode" IN (${inList(ATTENDANCE_MODES)})`)
@Index('IDX_meeting_response_account', ['accountId', 'meetingId'])
@Index('IDX_meeting_response_waitlist', ['meetingId', 'respondedAt'], { where: '"waitlisted"' })
export class MeetingResponse {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'varchar', length: 8 })
  answer!: RsvpAnswer;

  @Column({ type: 'varchar', length: 8, nullable: true })
  mode!: AttendanceMode | null;

  /** A colleague of the same organisation who comes instead. */
  @Column({ name: 'deputy_id', type: 'uuid', nullable: true })
  deputyId!: string | null;

  @ManyToOne(() => Account, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'deputy_id' })
  deputy?: Account | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  comment!: string | null;

  /** A Zusage beyond the capacity: moves up when a place frees. */
  @Column({ type: 'boolean', default: false })
  waitlisted!: boolean;

  /** When the current answer was first given (the waiting list's order). */
  @Column({ name: 'responded_at', type: 'timestamptz', default: () => 'now()' })
  respondedAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
