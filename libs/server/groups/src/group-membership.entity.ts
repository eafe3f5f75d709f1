import { GROUP_MEMBERSHIP_STATUSES, GROUP_ROLES, GroupMembershipStatus, GroupRole } from '@srp/contracts';
import { Account } from '@srp/server/identity';
import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WorkingGroup } from './working-group.entity';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/** A person in a group (lead or member), or their pending request to join. */
@Entity({ name: 'group_membership' })
@Unique('UQ_group_membership', ['groupId', 'accountId'])
@Check('CHK_group_membership_role', `"role" IN (${inList(GROUP_ROLES)})`)
@Check('CHK_group_membership_status', `"status" IN (${inList(GROUP_MEMBERSHIP_STATUSES)})`)
@Index('IDX_group_membership_account', ['accountId'])
export class GroupMembership {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'group_id', type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => WorkingGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'group_id' })
  group?: WorkingGroup;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @ManyToOne(() => Account, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id' })
  account?: Account;

  @Column({ type: 'varchar', length: 8, default: 'member' })
  role!: GroupRole;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: GroupMembershipStatus;

  /** What the person wrote with their request to join. */
  @Column({ name: 'request_message', type: 'varchar', length: 1000, nullable: true })
  requestMessage!: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true })
  requestedAt!: Date | null;

  @Column({ name: 'joined_at', type: 'timestamptz', nullable: true })
  joinedAt!: Date | null;

  /** Who added the person or approved the request. */
  @Column({ name: 'added_by', type: 'uuid', nullable: true })
  addedBy!: string | null;
}
