import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GroupMembershipStatus, GroupRole } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService, isCoordination } from '@srp/server/identity';
import { Organization } from '@srp/server/organizations';
import { DomainError, renderMarkdown } from '@srp/server/platform';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { GroupStanding, managesGroup, organizationTakesPart } from './access/group-access';
import { GroupMembership } from './group-membership.entity';
import { CreateGroupDto, GroupDetailDto, GroupMemberDto, GroupSummaryDto, UpdateGroupDto } from './groups.dto';
import { WorkingGroup } from './working-group.entity';

/** Fields only coordinators change; leads edit description, goals and phase. */
const COORDINATION_FIELDS = ['name', 'shortName', 'number', 'kind', 'status'] as const;
const LEAD_FIELDS = ['description', 'goals', 'phase'] as const;

interface CountRow {
  group_id: string;
  member_count: number;
  organization_count: number;
}

function rethrowDuplicateNumber(error: unknown): never {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string }).constraint === 'UQ_working_group_number'
  ) {
    throw new DomainError('CONFLICT', 'Eine Arbeitsgruppe mit dieser Nummer gibt es bereits.');
  }
  throw error;
}

/** Working groups: list, page, and their description by coordinators and leads. */
@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(actor: Actor): Promise<GroupSummaryDto[]> {
    const groups = await this.dataSource
      .getRepository(WorkingGroup)
      .createQueryBuilder('g')
      .orderBy(`CASE g.status WHEN 'active' THEN 0 ELSE 1 END`)
      .addOrderBy('g.number', 'ASC', 'NULLS LAST')
      .addOrderBy('g.name')
      .getMany();
    const [counts, mine] = await Promise.all([this.counts(), this.standings(actor.accountId)]);
    return groups.map((g) => this.summary(g, counts.get(g.id), mine.get(g.id)));
  }

  async detail(actor: Actor, id: string): Promise<GroupDetailDto> {
    const g = await this.dataSource.getRepository(WorkingGroup).findOneBy({ id });
    if (!g) throw new DomainError('NOT_FOUND');
    const [counts, mine, rows, organization] = await Promise.all([
      this.counts(id),
      this.standings(actor.accountId, id),
      this.dataSource.query(
        `SELECT m.account_id, m.role, m.status, m.joined_at, m.requested_at, m.request_message,
                a.name, a.function_title, a.organization_id, o.display_name AS organization_name,
                o.district_name
           FROM group_membership m
           JOIN account a ON a.id = m.account_id AND a.status = 'active'
           LEFT JOIN organization o ON o.id = a.organization_id
          WHERE m.group_id = $1
          ORDER BY CASE m.role WHEN 'lead' THEN 0 ELSE 1 END, a.name, a.id`,
        [id],
      ) as Promise<Array<Record<string, unknown>>>,
      actor.organizationId ? this.dataSource.getRepository(Organization).findOneBy({ id: actor.organizationId }) : null,
    ]);
    const standing = mine.get(id) ?? { role: null, status: null };
    const manages = managesGroup(actor, standing);
    const toMember = (r: Record<string, unknown>): GroupMemberDto => ({
      personId: r['account_id'] as string,
      name: r['name'] as string,
      functionTitle: (r['function_title'] as string | null) ?? null,
      organizationId: (r['organization_id'] as string | null) ?? null,
      organizationName: (r['organization_name'] as string | null) ?? null,
      role: r['role'] as GroupRole,
      status: r['status'] as GroupMembershipStatus,
      joinedAt: (r['joined_at'] as Date | null)?.toISOString() ?? null,
      requestedAt: (r['requested_at'] as Date | null)?.toISOString() ?? null,
      requestMessage: manages ? ((r['request_message'] as string | null) ?? null) : null,
    });
    const members = rows.filter((r) => r['status'] === 'active').map(toMember);
    const organizations = new Map<
      string,
      { id: string; displayName: string; districtName: string | null; memberCount: number }
    >();
    for (const r of rows) {
      const orgId = r['organization_id'] as string | null;
      if (r['status'] !== 'active' || !orgId) continue;
      const entry = organizations.get(orgId) ?? {
        id: orgId,
        displayName: r['organization_name'] as string,
        districtName: (r['district_name'] as string | null) ?? null,
        memberCount: 0,
      };
      entry.memberCount++;
      organizations.set(orgId, entry);
    }
    const takesPart = isCoordination(actor) || organizationTakesPart(organization);
    return {
      ...this.summary(g, counts.get(id), standing),
      description: g.description,
      descriptionHtml: renderMarkdown(g.description),
      goals: g.goals,
      goalsHtml: renderMarkdown(g.goals),
      members,
      requests: manages ? rows.filter((r) => r['status'] === 'requested').map(toMember) : [],
      organizations: [...organizations.values()].sort((a, b) => a.displayName.localeCompare(b.displayName, 'de')),
      permissions: {
        edit: manages,
        manageMembers: manages,
        join: standing.status === null && g.status === 'active' && takesPart,
        leave: standing.status !== null,
      },
    };
  }

  async create(actor: Actor, input: CreateGroupDto, origin: AuditOrigin): Promise<GroupDetailDto> {
    const id = await this.dataSource
      .transaction(async (manager) => {
        const g = await manager.save(
          manager.create(WorkingGroup, {
            kind: input.kind ?? 'uag',
            number: input.number ?? null,
            name: input.name.trim(),
            shortName: input.shortName.trim(),
            description: input.description ?? '',
            goals: input.goals ?? '',
            status: input.status ?? 'active',
            phase: input.phase?.trim() || null,
          }),
        );
        await this.audit.record(
          origin,
          { action: 'group.created', subjectType: 'group', subjectId: g.id, details: { after: input } },
          manager,
        );
        return g.id;
      })
      .catch(rethrowDuplicateNumber);
    return this.detail(actor, id);
  }

  /** Coordinators change everything; leads description, goals and phase. 409 on a stale version. */
  async update(actor: Actor, id: string, input: UpdateGroupDto, origin: AuditOrigin): Promise<GroupDetailDto> {
    await this.dataSource
      .transaction(async (manager) => {
        const g = await manager.findOne(WorkingGroup, { where: { id }, lock: { mode: 'pessimistic_write' } });
        if (!g) throw new DomainError('NOT_FOUND');
        const standing = await this.standingIn(manager, actor.accountId, id);
        if (!managesGroup(actor, standing)) {
          throw new DomainError(
            'FORBIDDEN',
            'Nur die Sprecherinnen und Sprecher der Gruppe und die Koordination können sie bearbeiten.',
          );
        }
        const coordinationOnly = COORDINATION_FIELDS.filter((k) => input[k] !== undefined);
        if (coordinationOnly.length && !isCoordination(actor)) {
          throw new DomainError('FORBIDDEN', 'Name, Nummer, Art und Status einer Gruppe ändert die Koordination.');
        }
        if (g.version !== input.version) throw new DomainError('CONFLICT', undefined, { currentVersion: g.version });
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const key of [...COORDINATION_FIELDS, ...LEAD_FIELDS]) {
          let value: unknown = input[key];
          if (value === undefined) continue;
          if (typeof value === 'string' && (key === 'name' || key === 'shortName' || key === 'phase')) {
            value = value.trim() || (key === 'phase' ? null : g[key]);
          }
          if (g[key] === value) continue;
          before[key] = g[key];
          after[key] = value;
        }
        Object.assign(g, after);
        await manager.save(g);
        await this.audit.record(
          origin,
          { action: 'group.updated', subjectType: 'group', subjectId: id, details: { before, after } },
          manager,
        );
      })
      .catch(rethrowDuplicateNumber);
    return this.detail(actor, id);
  }

  /** The actor's role and status in a group (no row: neither). */
  async standingIn(manager: EntityManager, accountId: string, groupId: string): Promise<GroupStanding> {
    const m = await manager.findOneBy(GroupMembership, { accountId, groupId });
    return { role: m?.role ?? null, status: m?.status ?? null };
  }

  private summary(g: WorkingGroup, counts: CountRow | undefined, mine: GroupStanding | undefined): GroupSummaryDto {
    return {
      id: g.id,
      kind: g.kind,
      number: g.number,
      name: g.name,
      shortName: g.shortName,
      status: g.status,
      phase: g.phase,
      memberCount: counts?.member_count ?? 0,
      organizationCount: counts?.organization_count ?? 0,
      myRole: mine?.role ?? null,
      myStatus: mine?.status ?? null,
      version: g.version,
    };
  }

  private async counts(groupId?: string): Promise<Map<string, CountRow>> {
    const rows: CountRow[] = await this.dataSource.query(
      `SELECT m.group_id, count(*)::int AS member_count, count(DISTINCT a.organization_id)::int AS organization_count
         FROM group_membership m JOIN account a ON a.id = m.account_id AND a.status = 'active'
        WHERE m.status = 'active' ${groupId ? 'AND m.group_id = $1' : ''}
        GROUP BY m.group_id`,
      groupId ? [groupId] : [],
    );
    return new Map(rows.map((r) => [r.group_id, r]));
  }

  private async standings(accountId: string, groupId?: string): Promise<Map<string, GroupStanding>> {
    const rows = await this.dataSource
      .getRepository(GroupMembership)
      .findBy(groupId ? { accountId, groupId } : { accountId });
    return new Map(rows.map((m) => [m.groupId, { role: m.role, status: m.status }]));
  }
}
