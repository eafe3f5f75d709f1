import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const IDEMPOTENT_REQUEST_STATES = ['pending', 'done'] as const;
export type IdempotentRequestState = (typeof IDEMPOTENT_REQUEST_STATES)[number];

/**
 * One state-changing request a signed-in person sent with an `Idempotency-Key`: `pending` while
 * the first of them runs, `done` with its 2xx answer, which every repetition within 24 hours gets
 * again instead of a second object. A failed first request leaves no row.
 */
@Entity({ name: 'idempotent_request' })
@Unique('UQ_idempotent_request_key', ['accountId', 'key'])
@Check('CHK_idempotent_request_state', `"state" IN ('pending', 'done')`)
export class IdempotentRequest {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  /** The signed-in account; a plain reference (platform comes before identity, so no foreign key). */
  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ type: 'varchar', length: 128 })
  key!: string;

  @Column({ type: 'varchar', length: 8 })
  method!: string;

  /** The request's URL below the host, query string included. */
  @Column({ type: 'text' })
  path!: string;

  /** SHA-256 (hex) of the JSON body with sorted keys. */
  @Column({ name: 'body_hash', type: 'varchar', length: 64 })
  bodyHash!: string;

  @Column({ type: 'varchar', length: 8, default: 'pending' })
  state!: IdempotentRequestState;

  @Column({ name: 'response_status', type: 'smallint', nullable: true })
  responseStatus!: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody!: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
