import { Module } from '@nestjs/common';
import { IdentityModule } from '@srp/server/identity';
import { CoverageService } from './coverage/coverage.service';
import { GroupsController } from './groups.controller';
import { GroupsService } from './groups.service';
import { GroupMembershipsService } from './memberships/group-memberships.service';

/** Working groups and their members, without HTTP (CLI, worker, later domains). */
@Module({
  imports: [IdentityModule],
  providers: [GroupsService, GroupMembershipsService, CoverageService],
  exports: [GroupsService, GroupMembershipsService, CoverageService],
})
export class GroupsModule {}

/** The api's HTTP side of working groups. */
@Module({
  imports: [GroupsModule],
  controllers: [GroupsController],
})
export class GroupsHttpModule {}
