import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { OrganizationDetail } from '../../core/organizations.service';
import { organizationKindLabel } from '../../shared/organization-labels';

const POPULATION = new Intl.NumberFormat('de-DE');

/** The "Steckbrief" of an organisation: official name, kind, AGS, district, population, address, website. */
@Component({
  selector: 'srp-organization-facts',
  template: `
    <dl class="facts">
      <div>
        <dt>Amtlicher Name</dt>
        <dd>{{ organization().officialName }}</dd>
      </div>
      <div>
        <dt>Art</dt>
        <dd>{{ kindLabel(organization().kind) }}</dd>
      </div>
      @if (organization().ags) {
        <div>
          <dt><abbr title="Amtlicher Gemeindeschlüssel">AGS</abbr></dt>
          <dd class="tabular">{{ organization().ags }}</dd>
        </div>
      }
      <div>
        <dt>Landkreis</dt>
        <dd>{{ organization().districtName ?? '–' }}</dd>
      </div>
      @if (population(); as population) {
        <div>
          <dt>Einwohner</dt>
          <dd class="tabular">{{ population }}</dd>
        </div>
      }
      @if (organization().address) {
        <div>
          <dt>Anschrift</dt>
          <dd class="address">{{ organization().address }}</dd>
        </div>
      }
      @if (organization().website) {
        <div>
          <dt>Website</dt>
          <dd>
            <a [href]="organization().website" target="_blank" rel="noopener"
              >{{ organization().website }}<span class="srp-visually-hidden"> (öffnet in neuem Fenster)</span></a
            >
          </dd>
        </div>
      }
    </dl>
  `,
  styles: `
    .facts {
      margin: 0;

      > div {
        display: grid;
        grid-template-columns: 9rem minmax(0, 1fr);
        gap: 0.25rem 1rem;
        padding: 0.5rem 0;
        border-top: 1px solid var(--mat-sys-outline-variant);
      }

      > div:first-child {
        border-top: 0;
        padding-top: 0;
      }

      dt {
        color: var(--mat-sys-on-surface-variant);
        font: var(--mat-sys-label-large);
      }

      abbr {
        text-decoration: underline dotted;
        cursor: help;
      }

      dd {
        margin: 0;
        overflow-wrap: anywhere;
        font: var(--mat-sys-body-medium);
      }
    }

    .tabular {
      font-variant-numeric: tabular-nums;
    }

    .address {
      white-space: pre-line;
    }

    @media (max-width: 599.98px) {
      .facts > div {
        grid-template-columns: minmax(0, 1fr);
        gap: 0;
      }
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationFacts {
  readonly organization = input.required<OrganizationDetail>();

  protected readonly kindLabel = organizationKindLabel;
  protected readonly population = computed(() => {
    const population = this.organization().population;
    return population === null ? null : POPULATION.format(population);
  });
}
