import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { AuthService } from '../core/auth.service';

/**
 * For administration and coordination without a second factor: the administrative functions
 * (inviting, managing people, the log) need the Zwei-Faktor-Anmeldung first. Shows nothing for
 * members and for everyone who has set it up.
 */
@Component({
  selector: 'srp-second-factor-hint',
  imports: [MatIcon, RouterLink],
  template: `
    @if (needed()) {
      <div class="hint">
        <mat-icon>shield_lock</mat-icon>
        <div>
          <p class="title">Bitte richten Sie die Zwei-Faktor-Anmeldung ein</p>
          <p>
            Als {{ roleLabel() }} brauchen Sie die Zwei-Faktor-Anmeldung, um Verwaltungsfunktionen zu nutzen: Personen
            einladen, Rollen ändern und das Protokoll einsehen.
          </p>
          @if (linkToProfile()) {
            <a routerLink="/profil">Zwei-Faktor-Anmeldung im Profil einrichten</a>
          }
        </div>
      </div>
    }
  `,
  styles: `
    .hint {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      max-width: 46rem;
      padding: 1rem 1.25rem;
      border: 2px solid var(--mat-sys-tertiary);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-body-medium);
    }
    mat-icon {
      flex: none;
    }
    p {
      margin: 0 0 0.5rem;
    }
    .title {
      font: var(--mat-sys-title-small);
    }
    a {
      color: inherit;
      font-weight: 500;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SecondFactorHint {
  private readonly user = inject(AuthService).user;

  /** Off on the profile page itself, where the setup is right below. */
  readonly linkToProfile = input(true);

  protected readonly needed = computed(() => {
    const user = this.user();
    return !!user && user.role !== 'member' && !user.secondFactorEnabled;
  });
  protected readonly roleLabel = computed(() =>
    this.user()?.role === 'admin' ? 'Teil der Administration' : 'Teil der Koordination',
  );
}
