import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { MatTab, MatTabContent, MatTabGroup } from '@angular/material/tabs';
import { RouterLink } from '@angular/router';
import { AuthService } from '../../core/auth.service';
import { SecondFactorHint } from '../../shared/second-factor-hint';
import { AuditLogSection } from './audit-log-section';
import { NotificationsHealthSection } from './notifications/notifications-health-section';
import { PeopleSection } from './people-section';

/**
 * Verwaltung, for administration and coordination: the people (both), the notifications' health and
 * the log (administration), and a link to the defaults of reminders and notifications (both).
 * Members see a polite "Kein Zugriff"; the api enforces the same rules.
 */
@Component({
  selector: 'srp-administration-page',
  imports: [
    AuditLogSection,
    MatIcon,
    MatTab,
    MatTabContent,
    MatTabGroup,
    NotificationsHealthSection,
    PeopleSection,
    RouterLink,
    SecondFactorHint,
  ],
  template: `
    <h1>Verwaltung</h1>
    @if (allowed()) {
      <srp-second-factor-hint class="hint" />
      <p class="links">
        <a routerLink="/verwaltung/benachrichtigungen/einstellungen">
          <mat-icon aria-hidden="true">notifications_active</mat-icon>
          Erinnerungen und Benachrichtigungen einstellen
        </a>
      </p>
      @if (isAdmin()) {
        <mat-tab-group mat-stretch-tabs="false" animationDuration="0ms">
          <mat-tab label="Personen">
            <ng-template matTabContent>
              <srp-people-section />
            </ng-template>
          </mat-tab>
          <mat-tab label="Benachrichtigungen">
            <ng-template matTabContent>
              <srp-notifications-health-section />
            </ng-template>
          </mat-tab>
          <mat-tab label="Protokoll">
            <ng-template matTabContent>
              <srp-audit-log-section />
            </ng-template>
          </mat-tab>
        </mat-tab-group>
      } @else {
        <h2>Personen</h2>
        <srp-people-section />
      }
    } @else {
      <div class="no-access">
        <mat-icon>lock</mat-icon>
        <div>
          <p class="title">Kein Zugriff</p>
          <p>
            Die Verwaltung ist der Administration und der Koordination der Landesinitiative vorbehalten. Wenn Sie hier
            etwas brauchen, wenden Sie sich bitte an die Koordination.
          </p>
          <a routerLink="/">Zur Übersicht</a>
        </div>
      </div>
    }
  `,
  styles: `
    .hint {
      display: block;
      margin-bottom: 1rem;
    }
    .links {
      margin: 0 0 1rem;
    }
    .links a {
      display: inline-flex;
      gap: 0.375rem;
      align-items: center;
      font: var(--mat-sys-label-large);
    }
    .no-access {
      display: flex;
      gap: 1rem;
      align-items: flex-start;
      max-width: 46rem;
      padding: 1.25rem 1.5rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-large);
      background: var(--mat-sys-surface-container-low);
    }
    .no-access mat-icon {
      flex: none;
      color: var(--mat-sys-primary);
    }
    .no-access p {
      margin: 0 0 0.75rem;
    }
    .title {
      font: var(--mat-sys-title-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdministrationPage {
  private readonly user = inject(AuthService).user;
  protected readonly allowed = computed(() => {
    const role = this.user()?.role;
    return role === 'admin' || role === 'coordinator';
  });
  protected readonly isAdmin = computed(() => this.user()?.role === 'admin');
}
