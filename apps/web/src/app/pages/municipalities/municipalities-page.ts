import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/empty-state/empty-state';

/** Kommunen: placeholder until the feature exists. */
@Component({
  selector: 'srp-municipalities-page',
  imports: [EmptyState],
  template: `
    <h1>Kommunen</h1>
    <srp-empty-state icon="location_city">
      <p>
        Hier sehen Sie bald alle Kommunen Sachsen-Anhalts, ihre Mitgliedschaft in der Landesinitiative und eine Karte
        der Landkreise.
      </p>
      <p>
        Als kommunale Ansprechperson legen Sie dann hier fest, wer aus Ihrer Kommune mitarbeitet und in welcher
        Arbeitsgruppe.
      </p>
    </srp-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MunicipalitiesPage {}
