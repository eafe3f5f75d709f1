import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/** Shown for every URL no route knows (wildcard route). */
@Component({
  selector: 'srp-not-found-page',
  imports: [MatButton, MatIcon, RouterLink],
  template: `
    <h1>Seite nicht gefunden</h1>
    <p>
      Die aufgerufene Adresse gibt es im SmartRegion Portal nicht. Bitte prüfen Sie die Schreibweise oder wechseln Sie
      zur Übersicht.
    </p>
    <a matButton="filled" routerLink="/">
      <mat-icon>home</mat-icon>
      Zur Übersicht
    </a>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotFoundPage {}
