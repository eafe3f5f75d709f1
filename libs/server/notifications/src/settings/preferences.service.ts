import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  MANDATORY_NOTIFICATION_KINDS,
  NOTIFICATION_KIND_LABELS,
  NOTIFICATION_KINDS,
  NotificationChannel,
  NotificationKind,
} from '@srp/contracts';
import { AuditOrigin, AuditService } from '@srp/server/identity';
import { AppConfig, DomainError } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import { PreferencesDto, UnsubscribeViewDto } from '../http/notifications.dto';
import { readPreferenceToken } from './preference-token';
import { channelFor } from './reminder-settings';
import { loadSettings } from './settings-store';

/** A person's own choices per kind, and the signed e-mail links that change one without signing in. */
@Injectable()
export class PreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async get(accountId: string, manager: EntityManager = this.dataSource.manager): Promise<PreferencesDto> {
    const { settings } = await loadSettings(manager);
    const own = new Map(
      (
        (await manager.query(`SELECT kind, channel FROM notification_preference WHERE account_id = $1`, [
          accountId,
        ])) as {
          kind: NotificationKind;
          channel: NotificationChannel;
        }[]
      ).map((r) => [r.kind, r.channel]),
    );
    return {
      items: NOTIFICATION_KINDS.map((kind) => ({
        kind,
        label: NOTIFICATION_KIND_LABELS[kind],
        channel: channelFor(kind, own.get(kind), settings),
        defaultChannel: channelFor(kind, undefined, settings),
        own: own.has(kind) && !MANDATORY_NOTIFICATION_KINDS.includes(kind),
        mandatory: MANDATORY_NOTIFICATION_KINDS.includes(kind),
      })),
    };
  }

  /** Sets several kinds at once (`default` removes the own choice); audited. */
  async update(
    accountId: string,
    choices: Array<{ kind: NotificationKind; channel: NotificationChannel | 'default' }>,
    origin: AuditOrigin,
  ): Promise<PreferencesDto> {
    const mandatory = choices.findIndex(
      (c) => MANDATORY_NOTIFICATION_KINDS.includes(c.kind) && c.channel !== 'email' && c.channel !== 'default',
    );
    if (mandatory >= 0) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        {
          field: `choices.${mandatory}.channel`,
          code: 'mandatory',
          message: 'Einladungen und Absagen von Terminen erhalten Sie immer per E-Mail.',
        },
      ]);
    }
    return this.dataSource.transaction(async (manager) => {
      await this.apply(manager, accountId, choices);
      await this.audit.record(
        origin,
        {
          action: 'notification.preferences_changed',
          subjectType: 'account',
          subjectId: accountId,
          details: { choices },
        },
        manager,
      );
      return this.get(accountId, manager);
    });
  }

  /** What a signed link changes: 404 for a token that is not ours. */
  async viewToken(token: string): Promise<UnsubscribeViewDto> {
    const { accountId, kind } = this.readToken(token);
    const [person] = (await this.dataSource.query(`SELECT name FROM account WHERE id = $1 AND status = 'active'`, [
      accountId,
    ])) as { name: string }[];
    if (!person) throw new DomainError('NOT_FOUND');
    const item = (await this.get(accountId)).items.find((i) => i.kind === kind);
    return {
      kind,
      label: NOTIFICATION_KIND_LABELS[kind],
      channel: item?.channel ?? 'email',
      mandatory: MANDATORY_NOTIFICATION_KINDS.includes(kind),
      name: person.name,
    };
  }

  /**
   * Changes the one kind a signed link names (RFC 8058 one-click without a channel: e-mails stop,
   * the portal keeps showing them). The person is the audit actor.
   */
  async applyToken(
    token: string,
    channel: NotificationChannel | undefined,
    origin: Omit<AuditOrigin, 'actorId'>,
  ): Promise<UnsubscribeViewDto> {
    const { accountId, kind } = this.readToken(token);
    if (MANDATORY_NOTIFICATION_KINDS.includes(kind)) {
      throw new DomainError('CONFLICT', 'Einladungen und Absagen von Terminen erhalten Sie immer per E-Mail.');
    }
    await this.dataSource.transaction(async (manager) => {
      const [person] = (await manager.query(`SELECT id FROM account WHERE id = $1 AND status = 'active'`, [
        accountId,
      ])) as {
        id: string;
      }[];
      if (!person) throw new DomainError('NOT_FOUND');
      const chosen = channel ?? 'in_app';
      await this.apply(manager, accountId, [{ kind, channel: chosen }]);
      await this.audit.record(
        { ...origin, actorId: accountId },
        {
          action: 'notification.preferences_changed',
          subjectType: 'account',
          subjectId: accountId,
          details: { choices: [{ kind, channel: chosen }], via: channel ? 'email_link' : 'one_click' },
        },
        manager,
      );
    });
    return this.viewToken(token);
  }

  private readToken(token: string): { accountId: string; kind: NotificationKind } {
    const read = readPreferenceToken(this.config.secretKey, token);
    if (!read) throw new DomainError('NOT_FOUND');
    return read;
  }

  private async apply(
    manager: EntityManager,
    accountId: string,
    choices: Array<{ kind: NotificationKind; channel: NotificationChannel | 'default' }>,
  ): Promise<void> {
    for (const { kind, channel } of choices) {
      if (channel === 'default' || MANDATORY_NOTIFICATION_KINDS.includes(kind)) {
        await manager.query(`DELETE FROM notification_preference WHERE account_id = $1 AND kind = $2`, [
          accountId,
          kind,
        ]);
      } else {
        await manager.query(
          `INSERT INTO notification_preference (account_id, kind, channel) VALUES ($1, $2, $3)
           ON CONFLICT (account_id, kind) DO UPDATE SET channel = EXCLUDED.channel, updated_at = now()`,
          [accountId, kind, channel],
        );
      }
    }
  }
}
