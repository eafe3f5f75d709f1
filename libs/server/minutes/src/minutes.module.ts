import { Module } from '@nestjs/common';
import { IdentityModule } from '@srp/server/identity';
import { TasksModule } from '@srp/server/tasks';
import { DecisionsService } from './decisions/decisions.service';
import { MinutesController } from './minutes.controller';
import { MinutesReader } from './minutes-reader.service';
import { MinutesService } from './minutes.service';

/** Minutes without HTTP: writing, review, release (tasks from action items), decisions, exports. */
@Module({
  imports: [IdentityModule, TasksModule],
  providers: [MinutesService, MinutesReader, DecisionsService],
  exports: [MinutesService, MinutesReader, DecisionsService],
})
export class MinutesModule {}

/** The api's HTTP side of the minutes. */
@Module({
  imports: [MinutesModule],
  controllers: [MinutesController],
})
export class MinutesHttpModule {}
