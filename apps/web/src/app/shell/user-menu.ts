import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { CurrentUser } from '../core/auth.service';

/**
 * The signed-in person's name in the toolbar, opening a menu with "Mein Profil" and "Abmelden".
 * Material's menu handles the keyboard: Enter, Space or Arrow Down open it, arrows move, Escape
 * closes it and returns focus to the button.
 */
@Component({
  selector: 'srp-user-menu',
  imports: [MatMenu, MatMenuItem, MatMenuTrigger, RouterLink],
  template: `
    <button type="button" class="user-button" [matMenuTriggerFor]="menu">
      <span class="material-symbols-outlined" aria-hidden="true">account_circle</span>
      <span class="srp-visually-hidden">Benutzermenü: </span>
      <span class="user-name">{{ user().name }}</span>
      <span class="material-symbols-outlined user-caret" aria-hidden="true">arrow_drop_down</span>
    </button>
    <mat-menu #menu="matMenu" xPosition="before">
      <div class="menu-header" aria-hidden="true">
        <span class="menu-name">{{ user().name }}</span>
        <span class="menu-email">{{ user().email }}</span>
      </div>
      <a mat-menu-item routerLink="/profil">
        <span class="material-symbols-outlined menu-icon" aria-hidden="true">person</span>
        <span>Mein Profil</span>
      </a>
      <button mat-menu-item type="button" (click)="signOut.emit()">
        <span class="material-symbols-outlined menu-icon" aria-hidden="true">logout</span>
        <span>Abmelden</span>
      </button>
    </mat-menu>
  `,
  styleUrl: './user-menu.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UserMenu {
  readonly user = input.required<CurrentUser>();
  /** "Abmelden" was chosen; the shell signs out. */
  readonly signOut = output();
}
