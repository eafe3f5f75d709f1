import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { MembershipStatus, MUNICIPAL_KINDS } from '@srp/contracts';
import { Actor, AuditOrigin, AuditService, isCoordination } from '@srp/server/identity';
import { DomainError } from '@srp/server/platform';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import { actsForOrganization, seesPrivateOf } from './access/organization-access';
import { berlinToday } from './berlin-date';
import { MembershipEvent } from './membership-event.entity';
import { Organization } from './organization.entity';
import {
  CreateOrganizationDto,
  DistrictParticipationDto,
  MembershipEventDto,
  MergeOrganizationDto,
  OrganizationDetailDto,
  OrganizationQuery,
  OrganizationSummaryDto,
  RetireOrganizationDto,
  UpdateOrganizationDto,
} from './organizations.dto';
import { PERSON_COLUMNS, PersonRow, toPersonDto } from './people/person-view';

const EDITABLE_FIELDS = [
  'kind',
  'ags',
  'officialName',
  'displayName',
  'districtKey',
  'districtName',
  'population',
  'address',
  'website',
] as const;

/** Which membership wins when two municipalities merge: the stronger participation. */
const MEMBERSHIP_RANK: Record<MembershipStatus, number> = {
  none: 0,
  ended: 1,
  interested: 2,
  requested: 3,
  paused: 4,
  active: 5,
};

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Maps a unique violation of the AGS index to a readable 409. */
function rethrowDuplicateAgs(error: unknown): never {
  if (
    error instanceof QueryFailedError &&
    (error.driverError as { constraint?: string }).constraint === 'UQ_organization_ags'
  ) {
    throw new DomainError('CONFLICT', 'Eine Organisation mit diesem Amtlichen Gemeindeschlüssel gibt es bereits.');
  }
  throw error;
}

export function toSummary(o: Organization, peopleCount: number): OrganizationSummaryDto {
  return {
    id: o.id,
    kind: o.kind,
    ags: o.ags,
    displayName: o.displayName,
    officialName: o.officialName,
    districtKey: o.districtKey,
    districtName: o.districtName,
    status: o.status,
    membershipStatus: o.membershipStatus,
    membershipChangedAt: o.membershipChangedAt?.toISOString() ?? null,
    peopleCount,
    version: o.version,
  };
}

/** Organisations: the list with filters, one organisation's page, and coordinators' changes. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: OrganizationQuery): Promise<OrganizationSummaryDto[]> {
    const qb = this.dataSource
      .getRepository(Organization)
      .createQueryBuilder('o')
      .addSelect(
        `(SELECT count(*) FROM account a WHERE a.organization_id = o.id AND a.status = 'active')::int`,
        'people_count',
      )
      .where('o.status = :status', { status: query.status ?? 'active' })
      .orderBy('o.display_name')
      .addOrderBy('o.id');
    if (query.query) {
      qb.andWhere('(o.display_name ILIKE :q OR o.official_name ILIKE :q OR o.ags LIKE :prefix)', {
        q: `%${escapeLike(query.query.trim())}%`,
        prefix: `${escapeLike(query.query.trim())}%`,
      });
    }
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (query.municipal === 'true') qb.andWhere('o.kind IN (:...municipal)', { municipal: MUNICIPAL_KINDS });
    if (query.municipal === 'false') qb.andWhere('o.kind NOT IN (:...municipal)', { municipal: MUNICIPAL_KINDS });
    if (query.district) qb.andWhere('o.district_key = :district', { district: query.district });
    if (query.membership) qb.andWhere('o.membership_status = :membership', { membership: query.membership });
    const { entities, raw } = await qb.getRawAndEntities<{ people_count: number }>();
    return entities.map((o, i) => toSummary(o, raw[i]?.people_count ?? 0));
  }

  /** One organisation with people, membership history and what the actor may do with it. */
  async detail(actor: Actor, id: string): Promise<OrganizationDetailDto> {
    const o = await this.dataSource.getRepository(Organization).findOneBy({ id });
    if (!o) throw new DomainError('NOT_FOUND');
    const privateView = seesPrivateOf(actor, id);
    const [people, events, mergedFrom, mergedInto] = await Promise.all([
      this.dataSource.query(
        `SELECT ${PERSON_COLUMNS} FROM account a LEFT JOIN organization o ON o.id = a.organization_id
          WHERE a.organization_id = $1 ${privateView ? '' : `AND a.status = 'active'`}
          ORDER BY a.is_contact DESC, a.name, a.id`,
        [id],
      ) as Promise<PersonRow[]>,
      this.history(id, privateView),
      this.dataSource.query(
        `SELECT id, display_name FROM organization WHERE merged_into_id = $1 ORDER BY display_name`,
        [id],
      ) as Promise<Array<{ id: string; display_name: string }>>,
      o.mergedIntoId
        ? this.dataSource.getRepository(Organization).findOneBy({ id: o.mergedIntoId })
        : Promise.resolve(null),
    ]);
    const activePeople = people.filter((p) => p.status === 'active').length;
    return {
      ...toSummary(o, activePeople),
      population: o.population,
      address: o.address,
      website: o.website,
      retiredAt: o.retiredAt?.toISOString() ?? null,
      retiredReason: o.retiredReason,
      mergedInto: mergedInto ? { id: mergedInto.id, displayName: mergedInto.displayName } : null,
      mergedFrom: mergedFrom.map((m) => ({ id: m.id, displayName: m.display_name })),
      people: people.map((p) => toPersonDto(p, actor)),
      membershipHistory: events,
      permissions: {
        manage: isCoordination(actor),
        contribute: actsForOrganization(actor, id) && o.status === 'active',
      },
    };
  }

  /** Newest first; reasons and messages only for those who see the organisation's private side. */
  async history(organizationId: string, privateView: boolean): Promise<MembershipEventDto[]> {
    const rows: Array<Record<string, unknown>> = await this.dataSource.query(
      `SELECT e.id, e.kind, e.from_status, e.to_status, to_char(e.effective_on, 'YYYY-MM-DD') AS effective_on,
              e.occurred_at, e.reason, e.message, a.name AS actor_name
         FROM membership_event e LEFT JOIN account a ON a.id = e.actor_id
        WHERE e.organization_id = $1 ORDER BY e.occurred_at DESC, e.id DESC`,
      [organizationId],
    );
    return rows.map((r) => ({
      id: r['id'] as string,
      kind: r['kind'] as MembershipEventDto['kind'],
      fromStatus: r['from_status'] as MembershipStatus,
      toStatus: r['to_status'] as MembershipStatus,
      effectiveOn: r['effective_on'] as string,
      occurredAt: (r['occurred_at'] as Date).toISOString(),
      reason: privateView ? ((r['reason'] as string | null) ?? null) : null,
      message: privateView ? ((r['message'] as string | null) ?? null) : null,
      actorName: (r['actor_name'] as string | null) ?? null,
    }));
  }

  async create(actor: Actor, input: CreateOrganizationDto, origin: AuditOrigin): Promise<OrganizationDetailDto> {
    const id = await this.dataSource
      .transaction(async (manager) => {
        const officialName = input.officialName.trim();
        const o = await manager.save(
          manager.create(Organization, {
            kind: input.kind,
            ags: input.ags ?? null,
            officialName,
            displayName: input.displayName?.trim() || officialName,
            districtKey: input.districtKey ?? input.ags?.slice(0, 5) ?? null,
            districtName: input.districtName?.trim() || null,
            population: input.population ?? null,
            address: input.address?.trim() || null,
            website: input.website ?? null,
          }),
        );
        await this.audit.record(
          origin,
          { action: 'organization.created', subjectType: 'organization', subjectId: o.id, details: { after: input } },
          manager,
        );
        return o.id;
      })
      .catch(rethrowDuplicateAgs);
    return this.detail(actor, id);
  }

  async update(
    actor: Actor,
    id: string,
    input: UpdateOrganizationDto,
    origin: AuditOrigin,
  ): Promise<OrganizationDetailDto> {
    await this.dataSource
      .transaction(async (manager) => {
        const o = await this.lockVersion(manager, id, input.version);
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        for (const key of EDITABLE_FIELDS) {
          const value = input[key];
          if (value === undefined) continue;
          const next = typeof value === 'string' ? value.trim() || null : value;
          if (next === null && (key === 'officialName' || key === 'displayName' || key === 'kind')) continue;
          if (o[key] === next) continue;
          before[key] = o[key];
          after[key] = next;
        }
        Object.assign(o, after);
        await manager.save(o);
        await this.audit.record(
          origin,
          { action: 'organization.updated', subjectType: 'organization', subjectId: id, details: { before, after } },
          manager,
        );
      })
      .catch(rethrowDuplicateAgs);
    return this.detail(actor, id);
  }

  /** Retires an organisation (it stays in the history); its people keep their accounts. */
  async retire(
    actor: Actor,
    id: string,
    input: RetireOrganizationDto,
    origin: AuditOrigin,
  ): Promise<OrganizationDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const o = await this.lockVersion(manager, id, input.version);
      if (o.status === 'retired') throw new DomainError('CONFLICT', 'Die Organisation ist bereits stillgelegt.');
      Object.assign(o, { status: 'retired', retiredAt: new Date(), retiredReason: input.reason.trim() });
      await manager.save(o);
      await this.audit.record(
        origin,
        {
          action: 'organization.retired',
          subjectType: 'organization',
          subjectId: id,
          details: { reason: input.reason },
        },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  async reactivate(actor: Actor, id: string, version: number, origin: AuditOrigin): Promise<OrganizationDetailDto> {
    await this.dataSource.transaction(async (manager) => {
      const o = await this.lockVersion(manager, id, version);
      if (o.status !== 'retired' || o.mergedIntoId) {
        throw new DomainError(
          'CONFLICT',
          'Nur eine stillgelegte, nicht fusionierte Organisation kann reaktiviert werden.',
        );
      }
      Object.assign(o, { status: 'active', retiredAt: null, retiredReason: null });
      await manager.save(o);
      await this.audit.record(
        origin,
        { action: 'organization.reactivated', subjectType: 'organization', subjectId: id },
        manager,
      );
    });
    return this.detail(actor, id);
  }

  /**
   * Merges `id` into the target (a municipal merger): its people move to the target, it is retired
   * with a link to the target, and the target keeps the stronger of both memberships.
   */
  async merge(
    actor: Actor,
    id: string,
    input: MergeOrganizationDto,
    origin: AuditOrigin,
  ): Promise<OrganizationDetailDto> {
    if (input.targetId === id) {
      throw new DomainError('VALIDATION_FAILED', undefined, [
        { field: 'targetId', code: 'notSelf', message: 'Eine Organisation kann nicht mit sich selbst fusionieren.' },
      ]);
    }
    await this.dataSource.transaction(async (manager) => {
      // Both rows locked in id order: two opposite merges at once cannot deadlock.
      await manager.query(`SELECT id FROM organization WHERE id IN ($1, $2) ORDER BY id FOR UPDATE`, [
        id,
        input.targetId,
      ]);
      const source = await this.lockVersion(manager, id, input.version);
      const target = await manager.findOne(Organization, {
        where: { id: input.targetId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!target || target.status !== 'active') {
        throw new DomainError('VALIDATION_FAILED', undefined, [
          {
            field: 'targetId',
            code: 'unknown',
            message: 'Die Ziel-Organisation gibt es nicht oder sie ist stillgelegt.',
          },
        ]);
      }
      if (source.status === 'retired') throw new DomainError('CONFLICT', 'Die Organisation ist bereits stillgelegt.');
      const contacts: Array<{ id: string }> = await manager.query(
        `SELECT id FROM account WHERE organization_id = $1 AND is_contact`,
        [source.id],
      );
      // The merged organisation's contacts do not become contacts of the target: coordinators name them again.
      const moved: Array<{ id: string }> = await manager
        .query(
          `UPDATE account SET organization_id = $2, is_contact = false, version = version + 1, updated_at = now()
            WHERE organization_id = $1 RETURNING id`,
          [source.id, target.id],
        )
        .then((r: [Array<{ id: string }>, number]) => r[0]);
      const today = berlinToday();
      if (MEMBERSHIP_RANK[source.membershipStatus] > MEMBERSHIP_RANK[target.membershipStatus]) {
        await manager.save(
          manager.create(MembershipEvent, {
            organizationId: target.id,
            kind: 'merged',
            fromStatus: target.membershipStatus,
            toStatus: source.membershipStatus,
            effectiveOn: today,
            reason: `Fusion mit ${source.displayName}: ${input.reason.trim()}`,
            actorId: origin.actorId,
          }),
        );
        target.membershipStatus = source.membershipStatus;
        target.membershipChangedAt = new Date();
        await manager.save(target);
      }
      Object.assign(source, {
        status: 'retired',
        retiredAt: new Date(),
        retiredReason: input.reason.trim(),
        mergedIntoId: target.id,
      });
      await manager.save(source);
      await this.audit.record(
        origin,
        {
          action: 'organization.merged',
          subjectType: 'organization',
          subjectId: id,
          details: {
            targetId: target.id,
            reason: input.reason,
            movedPeople: moved.map((m) => m.id),
            contactsCleared: contacts.map((c) => c.id),
          },
        },
        manager,
      );
    });
    return this.detail(actor, input.targetId);
  }

  /** The 14 districts with how many of their municipalities take part. */
  async districts(): Promise<DistrictParticipationDto[]> {
    const rows: Array<{ key: string; name: string; municipality_count: number; active_count: number }> =
      await this.dataSource.query(
        `SELECT district_key AS key, min(district_name) AS name, count(*)::int AS municipality_count,
                count(*) FILTER (WHERE membership_status = 'active')::int AS active_count
           FROM organization
          WHERE status = 'active' AND district_key IS NOT NULL AND kind = ANY($1)
          GROUP BY district_key ORDER BY min(district_name)`,
        [MUNICIPAL_KINDS],
      );
    return rows.map((r) => ({
      key: r.key,
      name: r.name,
      municipalityCount: r.municipality_count,
      activeCount: r.active_count,
    }));
  }

  /** Loads and locks an organisation, 404 when missing, 409 when the version is stale. */
  async lockVersion(manager: EntityManager, id: string, version: number): Promise<Organization> {
    const o = await manager.findOne(Organization, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!o) throw new DomainError('NOT_FOUND');
    if (o.version !== version) throw new DomainError('CONFLICT', undefined, { currentVersion: o.version });
    return o;
  }
}
