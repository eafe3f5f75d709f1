import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AppConfig, DomainError } from '@srp/server/platform';
import { Secret, TOTP } from 'otpauth';
import QRCode from 'qrcode';
import { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity';
import { AuditOrigin, AuditService } from '../audit/audit.service';
import { open, seal } from './secret-box';

const PERIOD_SECONDS = 30;
export const RECOVERY_CODE_COUNT = 10;

const hashCode = (code: string) => createHash('sha256').update(code.replace(/[\s-]/g, '').toLowerCase()).digest('hex');

function totpFor(account: Pick<Account, 'email'>, secretBase32: string): TOTP {
  return new TOTP({
    issuer: 'SmartRegion Portal',
    label: account.email,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD_SECONDS,
    secret: Secret.fromBase32(secretBase32),
  });
}

function newRecoveryCode(): string {
  const raw = randomBytes(8).toString('hex');
  return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
}

/** TOTP second factor (RFC 6238, authenticator apps) with single-use codes and recovery codes. */
@Injectable()
export class TotpService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
  ) {}

  private async load(accountId: string): Promise<Account> {
    return this.dataSource
      .getRepository(Account)
      .createQueryBuilder('a')
      .addSelect(['a.totpSecret', 'a.totpLastStep', 'a.recoveryCodeHashes'])
      .where('a.id = :id', { id: accountId })
      .getOneOrFail();
  }

  /** A new secret to scan (QR code) or type in; enabling needs a first code from the app. */
  async startSetup(accountId: string) {
    const account = await this.load(accountId);
    if (account.totpEnabledAt) throw new DomainError('CONFLICT', 'Die Zwei-Faktor-Anmeldung ist bereits eingerichtet.');
    const secret = new Secret({ size: 20 }).base32;
    await this.dataSource
      .getRepository(Account)
      .update({ id: accountId }, { totpSecret: seal(secret, this.config.secretKey) });
    const uri = totpFor(account, secret).toString();
    // A PNG data URL: an <img> the browser shows without any markup from the server.
    return { secret, otpauthUri: uri, qrCodeDataUrl: await QRCode.toDataURL(uri, { margin: 1, width: 240 }) };
  }

  /** Checks the first code, enables the second factor and returns the recovery codes (shown once). */
  async enable(accountId: string, code: string, origin: AuditOrigin): Promise<string[]> {
    const account = await this.load(accountId);
    if (account.totpEnabledAt) throw new DomainError('CONFLICT', 'Die Zwei-Faktor-Anmeldung ist bereits eingerichtet.');
    if (!account.totpSecret) throw new DomainError('CONFLICT', 'Bitte starten Sie die Einrichtung neu.');
    const step = this.matchingStep(account, code);
    if (step === null) throw this.wrongCode();
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await this.dataSource.transaction(async (manager) => {
      await manager.update(
        Account,
        { id: accountId },
        {
          totpEnabledAt: new Date(),
          totpLastStep: String(step),
          recoveryCodeHashes: codes.map(hashCode),
        },
      );
      await this.audit.record(
        origin,
        { action: 'auth.totp_enabled', subjectType: 'account', subjectId: accountId },
        manager,
      );
    });
    return codes;
  }

  /**
   * Verifies a TOTP code (each time step accepted once) or a recovery code (each usable once).
   * Returns which kind matched; throws VALIDATION_FAILED for a wrong code.
   */
  async verify(accountId: string, code: string): Promise<'totp' | 'recovery'> {
    const account = await this.load(accountId);
    if (!account.totpEnabledAt) throw new DomainError('CONFLICT', 'Die Zwei-Faktor-Anmeldung ist nicht eingerichtet.');
    const step = this.matchingStep(account, code);
    if (step !== null) {
      // Only if no one used this or a later step meanwhile: replayed codes fail.
      const result = await this.dataSource.query(
        `UPDATE account SET totp_last_step = $2 WHERE id = $1 AND (totp_last_step IS NULL OR totp_last_step < $2)`,
        [accountId, step],
      );
      if ((result as [unknown, number])[1] === 1) return 'totp';
      throw this.wrongCode();
    }
    const hash = hashCode(code);
    if (account.recoveryCodeHashes?.includes(hash)) {
      const result = await this.dataSource.query(
        `UPDATE account SET recovery_code_hashes = recovery_code_hashes - $2::text WHERE id = $1 AND recovery_code_hashes ? $2::text`,
        [accountId, hash],
      );
      if ((result as [unknown, number])[1] === 1) return 'recovery';
    }
    throw this.wrongCode();
  }

  private matchingStep(account: Account, code: string): number | null {
    const token = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(token) || !account.totpSecret) return null;
    const totp = totpFor(account, open(account.totpSecret, this.config.secretKey));
    const delta = totp.validate({ token, window: 1 });
    if (delta === null) return null;
    const step = Math.floor(Date.now() / 1000 / PERIOD_SECONDS) + delta;
    if (account.totpLastStep !== null && step <= Number(account.totpLastStep)) return null;
    return step;
  }

  private wrongCode(): DomainError {
    return new DomainError('VALIDATION_FAILED', undefined, [
      { field: 'code', code: 'incorrect', message: 'Der Code ist nicht richtig oder wurde schon verwendet.' },
    ]);
  }
}
