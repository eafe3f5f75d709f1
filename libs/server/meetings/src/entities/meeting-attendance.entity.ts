import { ATTENDANCE_MODES, ATTENDANCE_STATUSES, AttendanceMode, AttendanceStatus } from '@srp/contracts';
import { Account } from '@srp/server/identity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { inList } from './in-list';
import { Meeting } from './meeting.entity';

/**
 * Who actually took part, recorded by the organiser. The organisation is kept as it was on the
 * day, so attendance per municipality stays right when people move.
 */
@Entity({ name: 'meeting_attendance' })
@Check('CHK_meeting_attendance_status', `"status" IN (${inList(ATTENDANCE_STATUSES)})`)
@Check('CHK_meeting_attendance_mode', `"mode" IS NULL OR "mode" IN (${inList(ATTENDANCE_MODES)})`)
@Index('IDX_meeting_attendance_account', ['accountId'])
@Index('IDX_meeting_attendance_organization', ['organizationId'], { where: '"organization_id" IS NOT NULL' })
export class MeetingAttendance {
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
  status!: AttendanceStatus;

  @Column({ type: 'varchar', length: 8, nullable: true })
  mode!: AttendanceMode | null;

  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  /** Came as the deputy of this invitee. */
  @Column({ name: 'deputy_for', type: 'uuid', nullable: true })
  deputyFor!: string | null;

  @Column({ name: 'recorded_by', type: 'uuid', nullable: true })
  recordedBy!: string | null;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt!: Date;
}
