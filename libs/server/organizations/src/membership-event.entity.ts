import { MembershipStatus } from '@srp/contracts';
import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Organization } from './organization.entity';

export const MEMBERSHIP_EVENT_KINDS = ['requested', 'approved', 'declined', 'changed', 'merged'] as const;
export type MembershipEventKind = (typeof MEMBERSHIP_EVENT_KINDS)[number];

/** One step in a municipality's membership history: who changed what, when, effective from when, and why. */
@Entity({ name: 'membership_event' })
@Check('CHK_membership_event_kind', `"kind" IN (${MEMBERSHIP_EVENT_KINDS.map((k) => `'${k}'`).join(', ')})`)
@Index('IDX_membership_event_organization', ['organizationId', 'occurredAt'])
export class MembershipEvent {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'organization_id', type: 'uuid' })
  organizationId!: string;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  @Column({ type: 'varchar', length: 16 })
  kind!: MembershipEventKind;

  @Column({ name: 'from_status', type: 'varchar', length: 16 })
  fromStatus!: MembershipStatus;

  @Column({ name: 'to_status', type: 'varchar', length: 16 })
  toStatus!: MembershipStatus;

  /** The calendar day (Europe/Berlin) from which the change applies. */
  @Column({ name: 'effective_on', type: 'date' })
  effectiveOn!: string;

  /** Why: the request's justification or the reason for a pause or end. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  reason!: string | null;

  /** The coordinators' message to the requester on approval or decline. */
  @Column({ type: 'varchar', length: 2000, nullable: true })
  message!: string | null;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId!: string | null;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
