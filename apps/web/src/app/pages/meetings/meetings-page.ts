import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/empty-state/empty-state';

/** Termine: placeholder until the feature exists. */
@Component({
  selector: 'srp-meetings-page',
  imports: [EmptyState],
  template: `
    <h1>Termine</h1>
    <srp-empty-state icon="calendar_month">
      <p>
        Hier finden Sie bald die monatlichen Digitaltermine, die Sitzungen der Arbeitsgruppen und die Workshops vor Ort
        – mit Tagesordnung und Kalenderdatei für Outlook.
      </p>
      <p>Sie können dann direkt zu- oder absagen und finden nach jeder Sitzung das Protokoll.</p>
    </srp-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MeetingsPage {}
