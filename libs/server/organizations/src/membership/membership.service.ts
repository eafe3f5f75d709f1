import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipStatus, MUNICIPAL_KINDS } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService, isCoordination } from '@srp/server/identity';
import { DomainError, DomainEvents } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import { actsForOrganization, membershipChangeAllowed, membershipRequestAllowed } from '../access/organization-access';
import { berlinToday } from '../berlin-date';
import { MembershipEvent, MembershipEventKind } from '../membership-event.entity';
import { Organization } from '../organization.entity';
import {
  ChangeMembershipDto,
  DecideMembershipDto,
  OrganizationDetailDto,
  RequestMembershipDto,
} from '../organizations.dto';
import { OrganizationsService } from '../organizations.service';

const STATUS_LABEL: Record<MembershipStatus, string> = {
  none: 'keine',
  interested: 'interessiert',
  requested: 'angefragt',
  active: 'aktiv',
  paused: 'ruhend',
  ended: 'beendet',
};

/** An effective date from the initiative's start (2023) up to a year ahead; anything else is a typo. */
function assertPlausibleDate(effectiveOn: string): void {
  const today = berlinToday();
  const nextYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  if (effectiveOn < '2023-01-01' || effectiveOn > nextYear) {
    throw new DomainError('VALIDATION_FAILED', undefined, [
      {
        field: 'effectiveOn',
        code: 'range',
        message: 'Das Datum muss zwischen dem 01.01.2023 und einem Jahr ab heute liegen.',
      },
    ]);
  }
}

/** A municipality's membership in the initiative: request, decision, pause, resume, end. */
@Injectable()
export class MembershipService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
    private readonly domainEvents: DomainEvents,
  ) {}

  /** A contact (or coordinator) asks for the municipality to become a member. */
  async request(
    actor: Actor,
    id: string,
    input: RequestMembershipDto,
    origin: AuditOrigin,
  ): Promise<OrganizationDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const o = await this.lockFor(actor, manager, id, input.version);
      if (!MUNICIPAL_KINDS.includes(o.kind)) {
        throw new DomainError(
          'CONFLICT',
          'Nur Kommunen werden Mitglied der Landesinitiative; Partner arbeiten ohne Mitgliedschaft mit.',
        );
      }
      if (!membershipRequestAllowed(o.membershipStatus)) {
        throw new DomainError(
          'CONFLICT',
          `Die Mitgliedschaft kann im Status „${STATUS_LABEL[o.membershipStatus]}“ nicht angefragt werden.`,
        );
      }
      await this.transition(manager, o, 'requested', 'requested', { reason: input.reason.trim() }, origin);
    });
    return this.organizations.detail(actor, id);
  }

  /** Coordinators approve or decline a pending request; the requester gets an e-mail. */
  async decide(
    actor: Actor,
    id: string,
    input: DecideMembershipDto,
    origin: AuditOrigin,
  ): Promise<OrganizationDetailDto> {
    const message = input.message?.trim() || null;
    if (input.decision === 'decline' && !message) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'message', code: 'isNotEmpty', message: 'Bitte begründen Sie die Ablehnung in einer Nachricht.' },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      const o = await this.organizations.lockVersion(manager, id, input.version);
      if (o.membershipStatus !== 'requested') {
        throw new DomainError('CONFLICT', 'Für diese Kommune liegt keine offene Anfrage vor.');
      }
      const request = await manager.findOne(MembershipEvent, {
        where: { organizationId: id, kind: 'requested' },
        order: { occurredAt: 'DESC' },
      });
      const approved = input.decision === 'approve';
      const to: MembershipStatus = approved ? 'active' : (request?.fromStatus ?? 'none');
      await this.transition(manager, o, to, approved ? 'approved' : 'declined', { message }, origin);
      if (request?.actorId) {
        // The requester hears of it through the notifications domain (e-mail and/or in the portal).
        await this.domainEvents.emit(manager, {
          type: 'membership.decided',
          organizationId: o.id,
          requesterId: request.actorId,
          approved,
          message,
          actorId: actor.accountId,
        });
      }
    });
    return this.organizations.detail(actor, id);
  }

  /** Any other change: coordinators between any states, contacts pause, resume and end their own. */
  async change(
    actor: Actor,
    id: string,
    input: ChangeMembershipDto,
    origin: AuditOrigin,
  ): Promise<OrganizationDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const o = await this.lockFor(actor, manager, id, input.version);
      if (!MUNICIPAL_KINDS.includes(o.kind)) {
        throw new DomainError('CONFLICT', 'Nur Kommunen haben eine Mitgliedschaft in der Landesinitiative.');
      }
      const by = isCoordination(actor) ? 'coordination' : 'contact';
      if (by === 'contact' && o.membershipStatus === 'paused' && input.status === 'active') {
        // A pause the coordination decided is lifted by the coordination, not by the municipality.
        const [pause]: Array<{ role: string | null }> = await manager.query(
          `SELECT a.role FROM membership_event e LEFT JOIN account a ON a.id = e.actor_id
            WHERE e.organization_id = $1 AND e.to_status = 'paused' ORDER BY e.occurred_at DESC LIMIT 1`,
          [id],
        );
        if (pause && pause.role !== 'member') {
          throw new DomainError(
            'FORBIDDEN',
            'Diese Pause hat die Koordination beschlossen; sie kann sie auch beenden.',
          );
        }
      }
      if (input.effectiveOn) assertPlausibleDate(input.effectiveOn);
      if (!membershipChangeAllowed(o.membershipStatus, input.status, by)) {
        throw new DomainError(
          by === 'contact' && membershipChangeAllowed(o.membershipStatus, input.status, 'coordination')
            ? 'FORBIDDEN'
            : 'CONFLICT',
          `Die Mitgliedschaft kann nicht von „${STATUS_LABEL[o.membershipStatus]}“ auf „${STATUS_LABEL[input.status]}“ geändert werden.`,
        );
      }
      await this.transition(
        manager,
        o,
        input.status,
        'changed',
        { reason: input.reason.trim(), effectiveOn: input.effectiveOn },
        origin,
      );
    });
    return this.organizations.detail(actor, id);
  }

  private async lockFor(actor: Actor, manager: EntityManager, id: string, version: number): Promise<Organization> {
    // Someone else's organisation is indistinguishable from a missing one.
    if (!actsForOrganization(actor, id)) {
      const exists = await manager.existsBy(Organization, { id });
      if (!exists) throw new DomainError('NOT_FOUND');
      throw new DomainError('FORBIDDEN', 'Nur Ansprechpersonen dieser Kommune und die Koordination können das ändern.');
    }
    const o = await this.organizations.lockVersion(manager, id, version);
    if (o.status !== 'active') throw new DomainError('CONFLICT', 'Die Organisation ist stillgelegt.');
    return o;
  }

  private async transition(
    manager: EntityManager,
    o: Organization,
    to: MembershipStatus,
    kind: MembershipEventKind,
    text: { reason?: string | null; message?: string | null; effectiveOn?: string },
    origin: AuditOrigin,
  ): Promise<void> {
    const from = o.membershipStatus;
    await manager.save(
      manager.create(MembershipEvent, {
        organizationId: o.id,
        kind,
        fromStatus: from,
        toStatus: to,
        effectiveOn: text.effectiveOn ?? berlinToday(),
        reason: text.reason ?? null,
        message: text.message ?? null,
        actorId: origin.actorId,
      }),
    );
    o.membershipStatus = to;
    o.membershipChangedAt = new Date();
    await manager.save(o);
    await this.audit.record(
      origin,
      {
        action: `membership.${kind}`,
        subjectType: 'organization',
        subjectId: o.id,
        details: { before: { membershipStatus: from }, after: { membershipStatus: to }, ...text },
      },
      manager,
    );
  }
}
