/** Termine (`/termine`): the route loads `MeetingsPage`, which is the calendar page. */
export { CalendarPage as MeetingsPage } from './calendar/calendar-page';
