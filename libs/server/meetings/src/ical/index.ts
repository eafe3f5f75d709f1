export {
  ICS_PRODID,
  ICS_TZID,
  buildCalendar,
  icsFileName,
  type IcsAttendee,
  type IcsCalendarInput,
  type IcsEvent,
  type IcsPartstat,
  type IcsPerson,
} from './ical-writer';
