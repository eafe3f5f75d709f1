import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/**
 * "Offene Punkte aus der letzten Sitzung" at the top of the agenda.
 *
 * Contract for the lead (wiring follows once the minutes api exists):
 * `GET /api/meetings/:id/open-points` answers the open points of the previous meeting of the same
 * series or host group (title, from which meeting, link to its minutes). This component then loads
 * them for `meetingId` and lists them; it renders nothing as long as there are none, and nothing
 * at all until that endpoint is wired, so the agenda never shows an empty or invented section.
 */
@Component({
  selector: 'srp-open-points',
  template: ``,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenPoints {
  /** The meeting whose predecessor's open points are shown. */
  readonly meetingId = input.required<string>();
}
