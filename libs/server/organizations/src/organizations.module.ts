import { Module } from '@nestjs/common';
import { IdentityModule } from '@srp/server/identity';
import { MunicipalityImportService } from './import/municipality-import.service';
import { MembershipService } from './membership/membership.service';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsService } from './organizations.service';
import { PeopleService } from './people/people.service';

/** Organisations, municipalities' membership and people, without HTTP (CLI, worker, other domains). */
@Module({
  imports: [IdentityModule],
  providers: [OrganizationsService, MembershipService, PeopleService, MunicipalityImportService],
  exports: [OrganizationsService, MembershipService, PeopleService, MunicipalityImportService],
})
export class OrganizationsModule {}

/** The api's HTTP side of organisations. */
@Module({
  imports: [OrganizationsModule],
  controllers: [OrganizationsController],
})
export class OrganizationsHttpModule {}
