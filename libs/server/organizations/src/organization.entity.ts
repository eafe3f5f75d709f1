import {
  MEMBERSHIP_STATUSES,
  MembershipStatus,
  ORGANIZATION_KINDS,
  ORGANIZATION_STATUSES,
  OrganizationKind,
  OrganizationStatus,
} from '@srp/contracts';
import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

const inList = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * A municipality (Stadt, Gemeinde, Verbandsgemeinde, Landkreis) or another body taking part in the
 * initiative. Municipalities carry their official key (AGS) and district; the current membership
 * status is kept here for lists and filters, its history in `membership_event`.
 */
@Entity({ name: 'organization' })
@Check('CHK_organization_kind', `"kind" IN (${inList(ORGANIZATION_KINDS)})`)
@Check('CHK_organization_status', `"status" IN (${inList(ORGANIZATION_STATUSES)})`)
@Check('CHK_organization_membership', `"membership_status" IN (${inList(MEMBERSHIP_STATUSES)})`)
@Check('CHK_organization_ags', `"ags" ~ '^[0-9]{8}$'`)
@Index('UQ_organization_ags', ['ags'], { unique: true, where: '"ags" IS NOT NULL' })
@Index('IDX_organization_district', ['districtKey'])
@Index('IDX_organization_membership', ['membershipStatus'])
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 32 })
  kind!: OrganizationKind;

  /** Amtlicher Gemeindeschlüssel (8 digits), for municipalities. */
  @Column({ type: 'varchar', length: 8, nullable: true })
  ags!: string | null;

  /** The official name with its suffix ("Halle (Saale), Stadt"). */
  @Column({ name: 'official_name', type: 'varchar', length: 200 })
  officialName!: string;

  /** The name people use ("Halle (Saale)"). */
  @Column({ name: 'display_name', type: 'varchar', length: 200 })
  displayName!: string;

  /** District key (Kreisschlüssel, 5 digits) and name. */
  @Column({ name: 'district_key', type: 'varchar', length: 5, nullable: true })
  districtKey!: string | null;

  @Column({ name: 'district_name', type: 'varchar', length: 120, nullable: true })
  districtName!: string | null;

  @Column({ type: 'integer', nullable: true })
  population!: number | null;

  @Column({ type: 'varchar', length: 500, nullable: true })
  address!: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  website!: string | null;

  @Column({ type: 'varchar', length: 16, default: 'active' })
  status!: OrganizationStatus;

  @Column({ name: 'retired_at', type: 'timestamptz', nullable: true })
  retiredAt!: Date | null;

  @Column({ name: 'retired_reason', type: 'varchar', length: 500, nullable: true })
  retiredReason!: string | null;

  /** After a merger: the organisation this one became part of. */
  @Column({ name: 'merged_into_id', type: 'uuid', nullable: true })
  mergedIntoId!: string | null;

  /** Rows from the reference CSV are retired when a newer file no longer lists their key. */
  @Column({ name: 'from_reference_data', type: 'boolean', default: false })
  fromReferenceData!: boolean;

  @Column({ name: 'membership_status', type: 'varchar', length: 16, default: 'none' })
  membershipStatus!: MembershipStatus;

  @Column({ name: 'membership_changed_at', type: 'timestamptz', nullable: true })
  membershipChangedAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
