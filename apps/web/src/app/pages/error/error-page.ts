import { Location } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/** Longest correlation id we echo back; anything longer is not one of ours. */
const MAX_REF_LENGTH = 100;

/** Generic error page (/fehler?ref=<correlation id>) that users can quote to support. */
@Component({
  selector: 'srp-error-page',
  imports: [MatButton, MatIcon, RouterLink],
  template: `
    <h1>Es ist ein Fehler aufgetreten</h1>
    <p>
      Das hat leider nicht geklappt. Bitte versuchen Sie es in einigen Minuten noch einmal. Wenn der Fehler bleibt,
      wenden Sie sich bitte an die Koordination der Landesinitiative.
    </p>
    @if (reference(); as ref) {
      <p class="reference">
        Fehlernummer: <code>{{ ref }}</code>
      </p>
      <p>Bitte nennen Sie diese Fehlernummer, wenn Sie sich an den Support wenden.</p>
    }
    <div class="actions">
      <button matButton="filled" type="button" (click)="back()">
        <mat-icon>arrow_back</mat-icon>
        Zurück zur vorherigen Seite
      </button>
      <a matButton="outlined" routerLink="/">
        <mat-icon>home</mat-icon>
        Zur Übersicht
      </a>
    </div>
  `,
  styles: `
    .reference code {
      padding: 0.125rem 0.375rem;
      border-radius: var(--mat-sys-corner-extra-small);
      background: var(--mat-sys-surface-container-highest);
      font-family: ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', monospace;
      user-select: all;
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-top: 1.5rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorPage {
  private readonly location = inject(Location);

  /** Query parameter `ref`, bound by withComponentInputBinding(). */
  readonly ref = input<string | undefined>();

  protected readonly reference = computed(() => {
    const ref = this.ref()?.trim();
    return ref ? ref.slice(0, MAX_REF_LENGTH) : undefined;
  });

  protected back(): void {
    this.location.back();
  }
}
