import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '@srp/server/platform';
import { DataSource, EntityManager, IsNull, MoreThan } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AccountToken, AccountTokenKind } from './account-token.entity';

export const TOKEN_LIFETIME_MS: Record<AccountTokenKind, number> = {
  invitation: 7 * 24 * 3600_000,
  password_reset: 3600_000,
};

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Single-use link tokens: issued (older unused ones of the same kind are voided), looked up, consumed once. */
@Injectable()
export class AccountTokensService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async issue(accountId: string, kind: AccountTokenKind, createdBy: string | null, manager: EntityManager) {
    await manager.update(AccountToken, { accountId, kind, usedAt: IsNull() }, { usedAt: new Date() });
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + TOKEN_LIFETIME_MS[kind]);
    await manager.insert(AccountToken, { tokenHash: hashToken(token), accountId, kind, expiresAt, createdBy });
    return { token, expiresAt };
  }

  /** The valid token row, or TOKEN_INVALID (forged, expired and used tokens look the same). */
  async find(
    token: string,
    kind: AccountTokenKind,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<AccountToken & { account: Account }> {
    const row =
      token.length <= 100
        ? await manager.findOne(AccountToken, {
            where: { tokenHash: hashToken(token), kind, usedAt: IsNull(), expiresAt: MoreThan(new Date()) },
            relations: { account: true },
            lock: manager.queryRunner?.isTransactionActive
              ? { mode: 'pessimistic_write', tables: ['account_token'] }
              : undefined,
          })
        : null;
    if (!row?.account) throw new DomainError('TOKEN_INVALID');
    return row as AccountToken & { account: Account };
  }

  async consume(id: string, manager: EntityManager): Promise<void> {
    const result = await manager.update(AccountToken, { id, usedAt: IsNull() }, { usedAt: new Date() });
    if (!result.affected) throw new DomainError('TOKEN_INVALID');
  }
}
