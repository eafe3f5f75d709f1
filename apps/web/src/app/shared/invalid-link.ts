import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/** An e-mail link (invitation, password reset) the api does not accept (`TOKEN_INVALID`). */
@Component({
  selector: 'srp-invalid-link',
  imports: [MatButton, MatIcon, RouterLink],
  template: `
    <div class="invalid">
      <mat-icon>link_off</mat-icon>
      <div>
        <p class="title">Dieser Link ist ungültig, abgelaufen oder wurde bereits verwendet.</p>
        <p>{{ advice() }}</p>
        <a matButton="outlined" routerLink="/anmelden">Zur Anmeldung</a>
      </div>
    </div>
  `,
  styles: `
    .invalid {
      display: flex;
      gap: 0.75rem;
      align-items: flex-start;
      padding: 1rem 1.25rem;
      border: 1px solid var(--mat-sys-error);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
      font: var(--mat-sys-body-medium);
    }
    mat-icon {
      flex: none;
      color: var(--mat-sys-error);
    }
    p {
      margin: 0 0 0.75rem;
    }
    .title {
      font: var(--mat-sys-title-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class InvalidLink {
  /** What to do now, in one or two sentences. */
  readonly advice = input.required<string>();
}
