import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/empty-state/empty-state';

/** Verwaltung: placeholder until the feature exists. */
@Component({
  selector: 'srp-administration-page',
  imports: [EmptyState],
  template: `
    <h1>Verwaltung</h1>
    <srp-empty-state icon="admin_panel_settings">
      <p>
        Hier pflegt die Koordination bald Mitglieder, Organisationen und Arbeitsgruppen und erstellt die jährliche
        Bilanz der Landesinitiative.
      </p>
      <p>Dieser Bereich wird nur für die Koordination zugänglich sein.</p>
    </srp-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdministrationPage {}
