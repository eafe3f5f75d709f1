import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  Account,
  Actor,
  AuditOrigin,
  AuditService,
  InvitationsService,
  isCoordination,
  SessionService,
} from '@srp/server/identity';
import { csvCell, DomainError, MailOutboxService } from '@srp/server/platform';
import { stringify } from 'csv-stringify/sync';
import { DataSource, EntityManager, In } from 'typeorm';
import { actsForOrganization } from '../access/organization-access';
import { Organization } from '../organization.entity';
import {
  ImportPeopleDto,
  InvitePersonDto,
  PeopleImportReportDto,
  PeopleImportRowDto,
  PeopleQuery,
  PersonDto,
  UpdatePersonDto,
} from '../organizations.dto';
import { parsePeopleCsv } from './people-csv';
import { PERSON_COLUMNS, PersonRow, toPersonDto } from './person-view';

/** The people directory across the initiative, and contacts' management of their colleagues. */
@Injectable()
export class PeopleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly invitations: InvitationsService,
    private readonly sessions: SessionService,
    private readonly audit: AuditService,
    private readonly mail: MailOutboxService,
  ) {}

  /**
   * Everyone active, by name; invited and deactivated people appear only to coordinators and to
   * the contacts of their organisation. Contact details as each person chose to share them.
   */
  async directory(actor: Actor, query: PeopleQuery, limit: number | null = 2000): Promise<PersonDto[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (!isCoordination(actor)) {
      params.push(actor.isContact ? actor.organizationId : null);
      where.push(`(a.status = 'active' OR a.organization_id = $${params.length})`);
    }
    if (query.organizationId) {
      params.push(query.organizationId);
      where.push(`a.organization_id = $${params.length}`);
    }
    if (query.query) {
      params.push(`%${query.query.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(a.name ILIKE $${params.length} OR o.display_name ILIKE $${params.length})`);
    }
    const rows: PersonRow[] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM account a LEFT JOIN organization o ON o.id = a.organization_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.name, a.id ${limit ? `LIMIT ${Math.floor(limit)}` : ''}`,
      params,
    );
    return rows.map((r) => toPersonDto(r, actor));
  }

  /** The directory as CSV (semicolon-separated, UTF-8 with BOM, for German spreadsheet programs). */
  async directoryCsv(actor: Actor, query: PeopleQuery): Promise<string> {
    const people = await this.directory(actor, query, null);
    const rows = people.map((p) => [
      csvCell(p.name),
      csvCell(p.organizationName),
      csvCell(p.functionTitle),
      csvCell(p.email),
      csvCell(p.phone),
      p.isContact ? 'ja' : 'nein',
      { active: 'aktiv', invited: 'eingeladen', deactivated: 'deaktiviert' }[p.status],
    ]);
    return `\uFEFF${stringify(rows, {
      delimiter: ';',
      record_delimiter: '\r\n',
      header: true,
      columns: ['Name', 'Organisation', 'Funktion', 'E-Mail', 'Telefon', 'Ansprechperson', 'Status'],
    })}`;
  }

  /** Invites a colleague into the organisation (contacts: their own; contacts named by coordinators only). */
  async invite(actor: Actor, organizationId: string, input: InvitePersonDto, origin: AuditOrigin) {
    await this.assertActsFor(actor, organizationId);
    if (input.isContact && !isCoordination(actor)) {
      throw new DomainError('FORBIDDEN', 'Ansprechpersonen benennt die Koordination.');
    }
    const { outboxId, accountId } = await this.dataSource.transaction(async (manager) => {
      const o = await manager.findOneBy(Organization, { id: organizationId });
      if (!o || o.status !== 'active') throw new DomainError('CONFLICT', 'Die Organisation ist stillgelegt.');
      return this.invitations.invite(
        actor,
        {
          email: input.email,
          name: input.name,
          role: 'member',
          organizationId,
          functionTitle: input.functionTitle ?? null,
          isContact: input.isContact ?? false,
        },
        origin,
        manager,
      );
    });
    await this.mail.dispatch(outboxId);
    return this.person(actor, accountId);
  }

  /**
   * Onboarding from a spreadsheet: a dry run reports per row what would happen; the real run
   * invites the new people (and renews pending invitations) in one transaction, then mails them.
   */
  async importPeople(actor: Actor, organizationId: string, input: ImportPeopleDto, origin: AuditOrigin) {
    await this.assertActsFor(actor, organizationId);
    const parsed = parsePeopleCsv(input.csv);
    if (parsed.error) {
      throw new DomainError('VALIDATION_FAILED', undefined, [{ field: 'csv', code: 'format', message: parsed.error }]);
    }
    const run = async (manager: EntityManager) => {
      const o = await manager.findOneBy(Organization, { id: organizationId });
      if (!o || o.status !== 'active') throw new DomainError('CONFLICT', 'Die Organisation ist stillgelegt.');
      const emails = parsed.rows.map((r) => r.email).filter(Boolean);
      const existing = emails.length ? await manager.findBy(Account, { email: In(emails) }) : [];
      const byEmail = new Map(existing.map((a) => [a.email, a]));
      const rows: PeopleImportRowDto[] = parsed.rows.map((r) => {
        const base = { line: r.line, name: r.name, email: r.email, functionTitle: r.functionTitle };
        if (r.problems.length) return { ...base, outcome: 'error', messages: r.problems };
        const account = byEmail.get(r.email);
        if (!account) return { ...base, outcome: 'invite', messages: [] };
        if (account.organizationId !== organizationId) {
          return {
            ...base,
            outcome: 'error',
            messages: ['Für diese E-Mail-Adresse gibt es bereits ein Konto in einer anderen Organisation.'],
          };
        }
        if (account.status === 'invited') {
          return { ...base, outcome: 'renew', messages: ['Ist schon eingeladen: Die Einladung wird erneut gesendet.'] };
        }
        return { ...base, outcome: 'skip', messages: ['Hat bereits ein Konto in dieser Organisation.'] };
      });
      const outboxIds: string[] = [];
      if (!input.dryRun) {
        for (const [i, row] of rows.entries()) {
          if (row.outcome !== 'invite' && row.outcome !== 'renew') continue;
          const source = parsed.rows[i];
          const { outboxId } = await this.invitations.invite(
            actor,
            {
              email: row.email,
              name: row.name,
              role: 'member',
              organizationId,
              functionTitle: row.functionTitle,
            },
            origin,
            manager,
          );
          if (source?.phone) {
            await manager.update(Account, { email: row.email }, { phone: source.phone });
            await this.audit.record(
              origin,
              {
                action: 'person.updated',
                subjectType: 'account',
                details: { email: row.email, after: { phone: source.phone } },
              },
              manager,
            );
          }
          outboxIds.push(outboxId);
        }
        await this.audit.record(
          origin,
          {
            action: 'people.imported',
            subjectType: 'organization',
            subjectId: organizationId,
            details: { rows: rows.length, invited: outboxIds.length },
          },
          manager,
        );
      }
      return { rows, outboxIds };
    };
    const { rows, outboxIds } = input.dryRun
      ? await run(this.dataSource.manager)
      : await this.dataSource.transaction(run);
    for (const id of outboxIds) await this.mail.dispatch(id);
    const report: PeopleImportReportDto = { dryRun: input.dryRun, rows, invited: outboxIds.length };
    return report;
  }

  /** Contacts deactivate and reactivate colleagues and set their function; coordinators also name contacts. */
  async update(actor: Actor, organizationId: string, personId: string, input: UpdatePersonDto, origin: AuditOrigin) {
    await this.assertActsFor(actor, organizationId);
    const coordination = isCoordination(actor);
    if (input.isContact !== undefined && !coordination) {
      throw new DomainError('FORBIDDEN', 'Ansprechpersonen benennt die Koordination.');
    }
    await this.dataSource.transaction(async (manager) => {
      if (!coordination) {
        const o = await manager.findOneBy(Organization, { id: organizationId });
        if (o?.status !== 'active') throw new DomainError('CONFLICT', 'Die Organisation ist stillgelegt.');
      }
      const account = await manager.findOne(Account, {
        where: { id: personId, organizationId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!account) throw new DomainError('NOT_FOUND');
      if (account.version !== input.version) {
        throw new DomainError('CONFLICT', undefined, { currentVersion: account.version });
      }
      if (input.status && account.id === actor.accountId) {
        throw new DomainError('CONFLICT', 'Ihr eigenes Konto können Sie hier nicht deaktivieren.');
      }
      // Accounts of the coordination and administration are the admins' business (accounts.manage).
      if (account.role !== 'member' && actor.role !== 'admin') {
        throw new DomainError('FORBIDDEN', 'Konten der Koordination und Administration ändert nur die Administration.');
      }
      if (!coordination && account.isContact && account.id !== actor.accountId) {
        throw new DomainError('FORBIDDEN', 'Andere Ansprechpersonen ändert die Koordination.');
      }
      if (!coordination && input.status === 'active' && (await this.deactivatedByAdministration(manager, account.id))) {
        throw new DomainError(
          'FORBIDDEN',
          'Dieses Konto hat die Administration deaktiviert; nur sie kann es wieder aktivieren.',
        );
      }
      if (input.status && account.status === 'invited') {
        throw new DomainError('CONFLICT', 'Eine noch nicht angenommene Einladung kann nicht (de)aktiviert werden.');
      }
      const change: Partial<Account> = {};
      if (input.status !== undefined) change.status = input.status;
      if (input.isContact !== undefined) change.isContact = input.isContact;
      if (input.functionTitle !== undefined) change.functionTitle = input.functionTitle?.trim() || null;
      if (input.phone !== undefined) change.phone = input.phone?.trim() || null;
      const before = Object.fromEntries(Object.keys(change).map((k) => [k, account[k as keyof Account]]));
      Object.assign(account, change);
      await manager.save(account);
      const endedSessions =
        before['status'] !== undefined && before['status'] !== 'deactivated' && change.status === 'deactivated'
          ? await this.sessions.revokeAll(account.id, 'deactivated', undefined, manager)
          : 0;
      await this.audit.record(
        origin,
        {
          action: 'person.updated',
          subjectType: 'account',
          subjectId: account.id,
          details: { organizationId, before, after: change, endedSessions },
        },
        manager,
      );
    });
    return this.person(actor, personId);
  }

  /** Whether the account's last deactivation came from the administration (not from a contact). */
  private async deactivatedByAdministration(manager: EntityManager, accountId: string): Promise<boolean> {
    const [last]: Array<{ action: string }> = await manager.query(
      `SELECT action FROM audit_event
        WHERE subject_id = $1 AND action IN ('account.updated', 'person.updated')
          AND details->'after'->>'status' = 'deactivated'
        ORDER BY occurred_at DESC LIMIT 1`,
      [accountId],
    );
    return last?.action === 'account.updated';
  }

  async person(actor: Actor, id: string): Promise<PersonDto> {
    const [row]: PersonRow[] = await this.dataSource.query(
      `SELECT ${PERSON_COLUMNS} FROM account a LEFT JOIN organization o ON o.id = a.organization_id WHERE a.id = $1`,
      [id],
    );
    if (!row) throw new DomainError('NOT_FOUND');
    return toPersonDto(row, actor);
  }

  /** 404 for an unknown organisation, 403 for one the actor does not act for. */
  private async assertActsFor(actor: Actor, organizationId: string): Promise<void> {
    if (!(await this.dataSource.getRepository(Organization).existsBy({ id: organizationId }))) {
      throw new DomainError('NOT_FOUND');
    }
    if (!actsForOrganization(actor, organizationId)) {
      throw new DomainError('FORBIDDEN', 'Nur Ansprechpersonen dieser Organisation und die Koordination können das.');
    }
  }
}
