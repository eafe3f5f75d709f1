import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditOrigin, AuditService } from '@srp/server/identity';
import { DataSource, In, IsNull, Not } from 'typeorm';
import { Organization } from '../organization.entity';
import { ImportReportDto } from '../organizations.dto';
import { displayNameOf, MunicipalityRecord } from './municipality-csv';

/** Serialises concurrent imports (two operators, two replicas): one at a time. */
const IMPORT_LOCK = 4_242_001;

/**
 * Loads the reference list of municipalities. Idempotent: a known key is updated (a renamed row gets
 * its new name), a new key is created, a key missing from the file is retired, never deleted.
 */
@Injectable()
export class MunicipalityImportService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async import(records: MunicipalityRecord[], origin: AuditOrigin, source: string): Promise<ImportReportDto> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [IMPORT_LOCK]);
      const report: ImportReportDto = { created: 0, updated: 0, unchanged: 0, retired: 0, reactivated: 0 };
      const existing = await manager.find(Organization, { where: { ags: Not(IsNull()) } });
      const byAgs = new Map(existing.map((o) => [o.ags as string, o]));
      const changed: Organization[] = [];
      for (const record of records) {
        const o = byAgs.get(record.ags);
        if (!o) {
          changed.push(
            manager.create(Organization, {
              kind: record.kind,
              ags: record.ags,
              officialName: record.officialName,
              displayName: record.displayName,
              districtKey: record.districtKey,
              districtName: record.districtName,
              fromReferenceData: true,
            }),
          );
          report.created++;
          continue;
        }
        let dirty = false;
        const set = <K extends keyof Organization>(key: K, value: Organization[K]) => {
          if (o[key] !== value) {
            o[key] = value;
            dirty = true;
          }
        };
        // A display name a coordinator chose stays; one derived from the old official name follows the file.
        if (o.displayName === displayNameOf(o.officialName)) set('displayName', record.displayName);
        set('officialName', record.officialName);
        set('districtKey', record.districtKey);
        set('districtName', record.districtName);
        set('fromReferenceData', true);
        if (o.status === 'retired' && o.fromReferenceData && !o.mergedIntoId && o.retiredReason === RETIRED_BY_IMPORT) {
          set('status', 'active');
          set('retiredAt', null);
          set('retiredReason', null);
          report.reactivated++;
        } else if (dirty) {
          report.updated++;
        }
        if (dirty) changed.push(o);
        else report.unchanged++;
      }
      const keys = new Set(records.map((r) => r.ags));
      const missing = existing.filter(
        (o) => o.fromReferenceData && o.status === 'active' && !keys.has(o.ags as string),
      );
      for (const o of missing) {
        Object.assign(o, { status: 'retired', retiredAt: new Date(), retiredReason: RETIRED_BY_IMPORT });
        changed.push(o);
      }
      report.retired = missing.length;
      await manager.save(changed, { chunk: 100 });
      await this.audit.record(
        origin,
        {
          action: 'organization.imported',
          subjectType: 'organization',
          details: { source, ...report, retiredKeys: missing.map((o) => o.ags) },
        },
        manager,
      );
      return report;
    });
  }

  /** How many municipalities from the reference data are active (for the CLI's summary). */
  countActive(): Promise<number> {
    return this.dataSource.getRepository(Organization).countBy({ fromReferenceData: true, status: In(['active']) });
  }
}

/** The retirement reason the import writes; only such retirements are undone when a key comes back. */
export const RETIRED_BY_IMPORT = 'Nicht mehr im amtlichen Gemeindeverzeichnis (Import)';
