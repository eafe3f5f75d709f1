import { DatabaseSchema } from '@srp/server/platform';
import { AgendaItem } from './entities/agenda-item.entity';
import { CalendarFeed } from './entities/calendar-feed.entity';
import { MeetingAttendance } from './entities/meeting-attendance.entity';
import { MeetingGuest } from './entities/meeting-guest.entity';
import { MeetingGroupInvitation, MeetingPersonInvitation } from './entities/meeting-invitation.entity';
import { MeetingResponse } from './entities/meeting-response.entity';
import { MeetingSeries } from './entities/meeting-series.entity';
import { Meeting } from './entities/meeting.entity';
import { Meetings1764230000000 } from './migrations/1764230000000-meetings';

export const MEETINGS_SCHEMA: DatabaseSchema = {
  entities: [
    MeetingSeries,
    Meeting,
    MeetingGroupInvitation,
    MeetingPersonInvitation,
    MeetingGuest,
    MeetingResponse,
    MeetingAttendance,
    AgendaItem,
    CalendarFeed,
  ],
  migrations: [Meetings1764230000000],
};
