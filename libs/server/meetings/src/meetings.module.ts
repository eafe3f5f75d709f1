import { Module } from '@nestjs/common';
import { IdentityModule } from '@srp/server/identity';
import { AgendaService } from './agenda/agenda.service';
import { MeetingAnswersService } from './answers/meeting-answers.service';
import { MeetingCalendarService } from './calendar/meeting-calendar.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsService } from './planning/meetings.service';

/** Meetings without HTTP (the minutes domain reads them). */
@Module({
  imports: [IdentityModule],
  providers: [MeetingsService, MeetingAnswersService, AgendaService, MeetingCalendarService],
  exports: [MeetingsService, MeetingAnswersService, AgendaService, MeetingCalendarService],
})
export class MeetingsModule {}

/** The api's HTTP side of meetings. */
@Module({
  imports: [MeetingsModule],
  controllers: [MeetingsController],
})
export class MeetingsHttpModule {}
