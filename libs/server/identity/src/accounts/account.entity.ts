import { ACCOUNT_STATUSES, AccountStatus, PLATFORM_ROLES, PlatformRole } from '@srp/contracts';
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

/** A person's account. The e-mail is stored trimmed and lower-cased: unique case-insensitively. */
@Entity({ name: 'account' })
@Check('CHK_account_role', `"role" IN (${inList(PLATFORM_ROLES)})`)
@Check('CHK_account_status', `"status" IN (${inList(ACCOUNT_STATUSES)})`)
export class Account {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 200 })
  name!: string;

  /** The person's organisation (organizations domain; a plain reference, as identity comes first). */
  @Index('IDX_account_organization')
  @Column({ name: 'organization_id', type: 'uuid', nullable: true })
  organizationId!: string | null;

  /** Kommunale Ansprechperson: manages the organisation's people, groups and membership. */
  @Column({ name: 'is_contact', type: 'boolean', default: false })
  isContact!: boolean;

  /** Function or role title in the organisation ("Digitalisierungsbeauftragte"). */
  @Column({ name: 'function_title', type: 'varchar', length: 200, nullable: true })
  functionTitle!: string | null;

  @Column({ type: 'varchar', length: 40, nullable: true })
  phone!: string | null;

  /** The person agrees that others in the initiative see their e-mail address. */
  @Column({ name: 'show_email', type: 'boolean', default: false })
  showEmail!: boolean;

  /** The person agrees that others in the initiative see their phone number. */
  @Column({ name: 'show_phone', type: 'boolean', default: false })
  showPhone!: boolean;

  @Column({ type: 'varchar', length: 16, default: 'member' })
  role!: PlatformRole;

  @Column({ type: 'varchar', length: 16, default: 'invited' })
  status!: AccountStatus;

  @Column({ type: 'varchar', length: 8, default: 'de' })
  locale!: string;

  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash!: string | null;

  @Column({ name: 'password_changed_at', type: 'timestamptz', nullable: true })
  passwordChangedAt!: Date | null;

  @Column({ name: 'privacy_accepted_at', type: 'timestamptz', nullable: true })
  privacyAcceptedAt!: Date | null;

  /** TOTP secret, encrypted with SECRET_KEY (AES-256-GCM); set while setting up, kept once enabled. */
  @Column({ name: 'totp_secret', type: 'text', nullable: true, select: false })
  totpSecret!: string | null;

  @Column({ name: 'totp_enabled_at', type: 'timestamptz', nullable: true })
  totpEnabledAt!: Date | null;

  /** The last accepted TOTP time step: a code is accepted once only. */
  @Column({ name: 'totp_last_step', type: 'bigint', nullable: true, select: false })
  totpLastStep!: string | null;

  /** SHA-256 hashes of the unused recovery codes. */
  @Column({ name: 'recovery_code_hashes', type: 'jsonb', nullable: true, select: false })
  recoveryCodeHashes!: string[] | null;

  @Column({ name: 'last_login_at', type: 'timestamptz', nullable: true })
  lastLoginAt!: Date | null;

  @VersionColumn()
  version!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Normalises an e-mail address for storage and lookup. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
