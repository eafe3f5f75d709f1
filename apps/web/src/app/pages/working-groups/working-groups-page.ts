import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/empty-state/empty-state';

/** Arbeitsgruppen: placeholder until the feature exists. */
@Component({
  selector: 'srp-working-groups-page',
  imports: [EmptyState],
  template: `
    <h1>Arbeitsgruppen</h1>
    <srp-empty-state icon="groups">
      <p>
        Hier finden Sie bald die Unterarbeitsgruppen (UAG) der Landesinitiative mit ihren Sprecherinnen und Sprechern,
        Mitgliedern und Beschlüssen.
      </p>
      <p>Jede Arbeitsgruppe erhält eine eigene Übersicht über ihre Aufgaben, Termine und Protokolle.</p>
    </srp-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class WorkingGroupsPage {}
