import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GroupKind, GroupRole, MembershipStatus } from '@srp/contracts';
import { csvCell } from '@srp/server/platform';
import { stringify } from 'csv-stringify/sync';
import { DataSource } from 'typeorm';
import { CoverageDto, CoverageQuery, CoverageRowDto } from '../groups.dto';

const MEMBERSHIP_LABEL: Record<MembershipStatus, string> = {
  none: '–',
  interested: 'interessiert',
  requested: 'angefragt',
  active: 'aktiv',
  paused: 'ruhend',
  ended: 'beendet',
};

/** Who is where: organisations × active groups with the people of each organisation in each group. */
@Injectable()
export class CoverageService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async matrix(query: CoverageQuery = {}): Promise<CoverageDto> {
    const groups: Array<{ id: string; kind: GroupKind; number: number | null; short_name: string; name: string }> =
      await this.dataSource.query(
        `SELECT id, kind, number, short_name, name FROM working_group WHERE status = 'active'
          ORDER BY number NULLS LAST, name`,
      );
    const params = query.organizationId ? [query.organizationId] : [];
    // Member municipalities (active or paused) plus any organisation with people in an active group.
    const organizations: Array<{
      id: string;
      display_name: string;
      district_key: string | null;
      district_name: string | null;
      membership_status: MembershipStatus;
    }> = await this.dataSource.query(
      `SELECT o.id, o.display_name, o.district_key, o.district_name, o.membership_status
         FROM organization o
        WHERE o.status = 'active' ${query.organizationId ? 'AND o.id = $1' : ''}
          AND (o.membership_status IN ('active', 'paused')
               OR EXISTS (SELECT 1 FROM account a JOIN group_membership m ON m.account_id = a.id AND m.status = 'active'
                           JOIN working_group g ON g.id = m.group_id AND g.status = 'active'
                          WHERE a.organization_id = o.id AND a.status = 'active'))
        ORDER BY o.display_name, o.id`,
      params,
    );
    const people: Array<{ organization_id: string; group_id: string; id: string; name: string; role: GroupRole }> =
      await this.dataSource.query(
        `SELECT a.organization_id, m.group_id, a.id, a.name, m.role
           FROM group_membership m
           JOIN account a ON a.id = m.account_id AND a.status = 'active'
           JOIN working_group g ON g.id = m.group_id AND g.status = 'active'
          WHERE m.status = 'active' AND a.organization_id IS NOT NULL
                ${query.organizationId ? 'AND a.organization_id = $1' : ''}
          ORDER BY a.name, a.id`,
        params,
      );
    const byCell = new Map<string, Array<{ id: string; name: string; role: GroupRole }>>();
    for (const p of people) {
      const key = `${p.organization_id}/${p.group_id}`;
      byCell.set(key, [...(byCell.get(key) ?? []), { id: p.id, name: p.name, role: p.role }]);
    }
    const rows: CoverageRowDto[] = organizations.map((o) => ({
      organizationId: o.id,
      displayName: o.display_name,
      districtKey: o.district_key,
      districtName: o.district_name,
      membershipStatus: o.membership_status,
      cells: groups.map((g) => ({ groupId: g.id, people: byCell.get(`${o.id}/${g.id}`) ?? [] })),
    }));
    return {
      groups: groups.map((g) => ({ id: g.id, kind: g.kind, number: g.number, shortName: g.short_name, name: g.name })),
      rows,
    };
  }

  /** The matrix as CSV: one row per organisation, one column per group with the number of people. */
  async csv(): Promise<string> {
    const { groups, rows } = await this.matrix();
    const header = [
      'Organisation',
      'Landkreis',
      'Mitgliedschaft',
      ...groups.map((g) => csvCell(g.kind === 'uag' && g.number ? `UAG ${g.number} ${g.shortName}` : g.shortName)),
      'Gruppen gesamt',
    ];
    const body = rows.map((r) => [
      csvCell(r.displayName),
      csvCell(r.districtName),
      MEMBERSHIP_LABEL[r.membershipStatus],
      ...r.cells.map((c) => String(c.people.length)),
      String(r.cells.filter((c) => c.people.length > 0).length),
    ]);
    return `\uFEFF${stringify([header, ...body], { delimiter: ';', record_delimiter: '\r\n' })}`;
  }
}
