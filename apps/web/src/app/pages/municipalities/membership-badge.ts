import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { MembershipStatus } from '../../core/organizations.service';
import { MEMBERSHIP_STATUS_LABELS } from '../../shared/organization-labels';

const ICONS: Record<MembershipStatus, string> = {
  none: 'remove',
  interested: 'lightbulb',
  requested: 'hourglass_top',
  active: 'check_circle',
  paused: 'pause_circle',
  ended: 'cancel',
};

/**
 * The membership status as a badge: icon and word, so colour is never the only signal. A retired
 * organisation shows "Stillgelegt" instead.
 */
@Component({
  selector: 'srp-membership-badge',
  imports: [MatIcon],
  template: `
    <span class="badge" [attr.data-status]="retired() ? 'retired' : status()">
      <mat-icon aria-hidden="true">{{ retired() ? 'archive' : icon() }}</mat-icon>
      <span>{{ retired() ? 'Stillgelegt' : label() }}</span>
    </span>
  `,
  styles: `
    :host {
      display: inline-block;
    }
    .badge {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      padding: 0.125rem 0.625rem 0.125rem 0.375rem;
      border: 1px solid transparent;
      border-radius: var(--mat-sys-corner-full);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
    mat-icon {
      width: 16px;
      height: 16px;
      font-size: 16px;
    }
    /* Colours chosen for at least 4.5:1 contrast of text on background. */
    [data-status='active'] {
      background: #d5efd9;
      color: #0b4f1f;
    }
    [data-status='requested'] {
      background: #fdedc2;
      color: #5b3f00;
    }
    [data-status='interested'] {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
    [data-status='paused'] {
      background: #e6e8ee;
      color: #2f3542;
    }
    [data-status='ended'],
    [data-status='retired'] {
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    [data-status='none'] {
      border-color: var(--mat-sys-outline-variant);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembershipBadge {
  readonly status = input.required<MembershipStatus>();
  readonly retired = input(false);

  protected readonly label = computed(() => MEMBERSHIP_STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => ICONS[this.status()]);
}
