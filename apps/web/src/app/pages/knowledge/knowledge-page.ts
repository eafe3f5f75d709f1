import { ChangeDetectionStrategy, Component } from '@angular/core';
import { EmptyState } from '../../shared/empty-state/empty-state';

/** Wissen: placeholder until the feature exists. */
@Component({
  selector: 'srp-knowledge-page',
  imports: [EmptyState],
  template: `
    <h1>Wissen</h1>
    <srp-empty-state icon="menu_book">
      <p>
        Hier finden Sie bald die Wissensplattform der Landesinitiative: Ergebnisse, Präsentationen und Material aus den
        Workshops und Arbeitsgruppen.
      </p>
    </srp-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class KnowledgePage {}
