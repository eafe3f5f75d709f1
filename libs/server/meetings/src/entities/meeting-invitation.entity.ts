import { CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Meeting } from './meeting.entity';

/** A group invited to a meeting: its active members are invitees. */
@Entity({ name: 'meeting_group_invitation' })
@Index('IDX_meeting_group_invitation_group', ['groupId', 'meetingId'])
export class MeetingGroupInvitation {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @PrimaryColumn({ name: 'group_id', type: 'uuid' })
  groupId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A person invited by name. */
@Entity({ name: 'meeting_person_invitation' })
@Index('IDX_meeting_person_invitation_account', ['accountId', 'meetingId'])
export class MeetingPersonInvitation {
  @PrimaryColumn({ name: 'meeting_id', type: 'uuid' })
  meetingId!: string;

  @ManyToOne(() => Meeting, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meeting_id' })
  meeting?: Meeting;

  @PrimaryColumn({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
