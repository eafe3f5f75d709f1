import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GroupRole } from '@srp/contracts';
import { Account, Actor, AuditOrigin, AuditService, isCoordination } from '@srp/server/identity';
import { Organization } from '@srp/server/organizations';
import { DomainError, DomainEvents } from '@srp/server/platform';
import { DataSource, EntityManager } from 'typeorm';
import { managesGroup, mayAssign, organizationTakesPart } from '../access/group-access';
import { GroupMembership } from '../group-membership.entity';
import { AddGroupMemberDto, GroupDetailDto, JoinGroupDto } from '../groups.dto';
import { GroupsService } from '../groups.service';
import { WorkingGroup } from '../working-group.entity';

const NOT_TAKING_PART =
  'Nur Personen aus Kommunen mit aktiver Mitgliedschaft (oder aus Partnerorganisationen) arbeiten in Arbeitsgruppen mit.';

/** Who is in which group: join requests, decisions, adding, removing, leaving, roles. */
@Injectable()
export class GroupMembershipsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly groups: GroupsService,
    private readonly audit: AuditService,
    private readonly domainEvents: DomainEvents,
  ) {}

  /** A person asks to join; a lead or coordinator decides. */
  async join(actor: Actor, groupId: string, input: JoinGroupDto, origin: AuditOrigin): Promise<GroupDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.activeGroup(manager, groupId);
      const person = await this.takingPart(manager, actor.accountId, isCoordination(actor));
      if (await manager.existsBy(GroupMembership, { groupId, accountId: person.id })) {
        throw new DomainError('CONFLICT', 'Sie sind bereits in dieser Gruppe oder haben schon angefragt.');
      }
      await manager.save(
        manager.create(GroupMembership, {
          groupId,
          accountId: person.id,
          role: 'member',
          status: 'requested',
          requestMessage: input.message?.trim() || null,
          requestedAt: new Date(),
        }),
      );
      await this.audit.record(
        origin,
        { action: 'group.join_requested', subjectType: 'group', subjectId: groupId, details: { personId: person.id } },
        manager,
      );
    });
    return this.groups.detail(actor, groupId);
  }

  /** Leads and coordinators add anyone taking part; contacts add people of their own organisation. */
  async add(actor: Actor, groupId: string, input: AddGroupMemberDto, origin: AuditOrigin): Promise<GroupDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.activeGroup(manager, groupId);
      const standing = await this.groups.standingIn(manager, actor.accountId, groupId);
      const person = await manager.findOneBy(Account, { id: input.personId });
      if (!person || person.status !== 'active') {
        throw new DomainError('VALIDATION_FAILED', undefined, [
          { field: 'personId', code: 'unknown', message: 'Diese Person gibt es nicht oder sie ist nicht aktiv.' },
        ]);
      }
      if (!mayAssign(actor, standing, person.organizationId)) {
        throw new DomainError('FORBIDDEN', 'Sie können nur Personen Ihrer eigenen Organisation zuordnen.');
      }
      const role: GroupRole = input.role ?? 'member';
      if (role === 'lead' && !managesGroup(actor, standing)) {
        throw new DomainError(
          'FORBIDDEN',
          'Sprecherinnen und Sprecher benennen die Gruppe selbst oder die Koordination.',
        );
      }
      await this.takingPart(manager, person.id, person.role !== 'member');
      const existing = await manager.findOne(GroupMembership, {
        where: { groupId, accountId: person.id },
        lock: { mode: 'pessimistic_write' },
      });
      if (existing?.status === 'active') throw new DomainError('CONFLICT', 'Die Person ist bereits in dieser Gruppe.');
      const now = new Date();
      await manager.save(
        Object.assign(existing ?? manager.create(GroupMembership, { groupId, accountId: person.id }), {
          role,
          status: 'active',
          joinedAt: now,
          addedBy: actor.accountId,
        }),
      );
      await this.audit.record(
        origin,
        {
          action: 'group.member_added',
          subjectType: 'group',
          subjectId: groupId,
          details: { personId: person.id, role },
        },
        manager,
      );
    });
    return this.groups.detail(actor, groupId);
  }

  /** Leads and coordinators approve or decline a join request; the person gets an e-mail. */
  async decide(
    actor: Actor,
    groupId: string,
    personId: string,
    decision: 'approve' | 'decline',
    origin: AuditOrigin,
  ): Promise<GroupDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.group(manager, groupId);
      await this.assertManages(manager, actor, groupId);
      const request = await manager.findOne(GroupMembership, {
        where: { groupId, accountId: personId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!request) throw new DomainError('NOT_FOUND');
      if (request.status !== 'requested')
        throw new DomainError('CONFLICT', 'Über diese Anfrage wurde bereits entschieden.');
      const approved = decision === 'approve';
      if (approved) {
        const requester = await manager.findOneByOrFail(Account, { id: personId });
        await this.takingPart(manager, personId, requester.role !== 'member');
        Object.assign(request, { status: 'active', joinedAt: new Date(), addedBy: actor.accountId });
        await manager.save(request);
      } else {
        await manager.remove(request);
      }
      await this.audit.record(
        origin,
        {
          action: approved ? 'group.join_approved' : 'group.join_declined',
          subjectType: 'group',
          subjectId: groupId,
          details: { personId },
        },
        manager,
      );
      // The person hears of it through the notifications domain (e-mail and/or in the portal).
      await this.domainEvents.emit(manager, {
        type: 'group_join.decided',
        groupId,
        accountId: personId,
        approved,
        actorId: actor.accountId,
      });
    });
    return this.groups.detail(actor, groupId);
  }

  /** Leads and coordinators make a member a lead or back; the last lead stays unless a coordinator acts. */
  async changeRole(actor: Actor, groupId: string, personId: string, role: GroupRole, origin: AuditOrigin) {
    await this.dataSource.transaction(async (manager) => {
      await this.group(manager, groupId);
      // One role change per group at a time, so two leads cannot demote each other at once.
      await manager.query(`SELECT id FROM working_group WHERE id = $1 FOR UPDATE`, [groupId]);
      await this.assertManages(manager, actor, groupId);
      const m = await manager.findOne(GroupMembership, {
        where: { groupId, accountId: personId, status: 'active' },
        lock: { mode: 'pessimistic_write' },
      });
      if (!m) throw new DomainError('NOT_FOUND');
      if (m.role === role) return;
      if (m.role === 'lead' && !isCoordination(actor) && (await this.leadCount(manager, groupId)) <= 1) {
        throw new DomainError('CONFLICT', 'Eine Gruppe braucht mindestens eine Sprecherin oder einen Sprecher.');
      }
      const before = m.role;
      m.role = role;
      await manager.save(m);
      await this.audit.record(
        origin,
        {
          action: 'group.role_changed',
          subjectType: 'group',
          subjectId: groupId,
          details: { personId, before: { role: before }, after: { role } },
        },
        manager,
      );
    });
    return this.groups.detail(actor, groupId);
  }

  /** Anyone leaves (or withdraws a request); leads, coordinators and the person's contacts remove. */
  async remove(actor: Actor, groupId: string, personId: string, origin: AuditOrigin): Promise<GroupDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      await this.group(manager, groupId);
      const m = await manager.findOne(GroupMembership, {
        where: { groupId, accountId: personId },
        lock: { mode: 'pessimistic_write' },
      });
      const self = personId === actor.accountId;
      if (!self) {
        const standing = await this.groups.standingIn(manager, actor.accountId, groupId);
        const person = await manager.findOneBy(Account, { id: personId });
        if (!person || !mayAssign(actor, standing, person.organizationId)) {
          if (!m) throw new DomainError('NOT_FOUND');
          throw new DomainError('FORBIDDEN', 'Sie können nur sich selbst oder Personen Ihrer Organisation austragen.');
        }
      }
      if (!m) throw new DomainError('NOT_FOUND');
      await manager.remove(m);
      await this.audit.record(
        origin,
        {
          action: self ? 'group.left' : 'group.member_removed',
          subjectType: 'group',
          subjectId: groupId,
          details: { personId, role: m.role, status: m.status },
        },
        manager,
      );
    });
    return this.groups.detail(actor, groupId);
  }

  private async group(manager: EntityManager, id: string): Promise<WorkingGroup> {
    const g = await manager.findOneBy(WorkingGroup, { id });
    if (!g) throw new DomainError('NOT_FOUND');
    return g;
  }

  private async activeGroup(manager: EntityManager, id: string): Promise<WorkingGroup> {
    const g = await this.group(manager, id);
    if (g.status !== 'active') throw new DomainError('CONFLICT', 'Die Gruppe ist archiviert.');
    return g;
  }

  private async assertManages(manager: EntityManager, actor: Actor, groupId: string): Promise<void> {
    if (!managesGroup(actor, await this.groups.standingIn(manager, actor.accountId, groupId))) {
      throw new DomainError(
        'FORBIDDEN',
        'Das können nur die Sprecherinnen und Sprecher der Gruppe und die Koordination.',
      );
    }
  }

  private leadCount(manager: EntityManager, groupId: string): Promise<number> {
    return manager.countBy(GroupMembership, { groupId, role: 'lead', status: 'active' });
  }

  /** The person, if their organisation takes part (coordination staff always may). */
  private async takingPart(manager: EntityManager, accountId: string, exempt: boolean): Promise<Account> {
    const person = await manager.findOneByOrFail(Account, { id: accountId });
    if (exempt) return person;
    const organization = person.organizationId
      ? await manager.findOneBy(Organization, { id: person.organizationId })
      : null;
    if (!organizationTakesPart(organization)) throw new DomainError('CONFLICT', NOT_TAKING_PART);
    return person;
  }
}
