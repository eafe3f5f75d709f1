import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { MembershipEvent } from '../../core/organizations.service';
import { BerlinDatePipe } from '../../shared/berlin-date.pipe';
import { MembershipBadge } from './membership-badge';
import { eventTitle, germanDate } from './membership-rules';

/**
 * A municipality's membership history, newest first: the date it took effect, what happened, from
 * which status to which, the reason or the coordination's message, and who recorded it when.
 */
@Component({
  selector: 'srp-membership-timeline',
  imports: [BerlinDatePipe, MatIcon, MembershipBadge],
  template: `
    <ol class="timeline">
      @for (event of events(); track event.id) {
        <li>
          <p class="event-head">
            <time [attr.datetime]="event.effectiveOn">{{ germanDate(event.effectiveOn) }}</time>
            <span class="event-title">{{ eventTitle(event) }}</span>
          </p>
          <p class="event-change">
            <span class="srp-visually-hidden">von</span>
            <srp-membership-badge [status]="event.fromStatus" />
            <mat-icon aria-hidden="true">arrow_forward</mat-icon>
            <span class="srp-visually-hidden">zu</span>
            <srp-membership-badge [status]="event.toStatus" />
          </p>
          @if (event.reason) {
            <p class="event-text">
              <span class="event-label">{{ event.kind === 'requested' ? 'Anfrage' : 'Begründung' }}:</span>
              {{ event.reason }}
            </p>
          }
          @if (event.message) {
            <p class="event-text">
              <span class="event-label">Nachricht der Koordination:</span>
              {{ event.message }}
            </p>
          }
          <p class="event-meta">
            Erfasst am {{ event.occurredAt | berlinDate }} Uhr{{ event.actorName ? ' von ' + event.actorName : '' }}
          </p>
        </li>
      }
    </ol>
  `,
  styles: `
    :host {
      display: block;
    }
    .timeline {
      margin: 0;
      padding: 0;
      list-style: none;

      li {
        position: relative;
        padding: 0 0 1.25rem 1.5rem;
        border-left: 2px solid var(--mat-sys-outline-variant);
        margin-left: 0.375rem;

        &::before {
          content: '';
          position: absolute;
          top: 0.3rem;
          left: -0.4375rem;
          width: 0.75rem;
          height: 0.75rem;
          border-radius: 50%;
          background: var(--mat-sys-primary);
          box-shadow: 0 0 0 3px var(--mat-sys-surface-container-lowest);
        }

        &:last-child {
          padding-bottom: 0;
          border-left-color: transparent;
        }
      }

      p {
        margin: 0;
        font: var(--mat-sys-body-medium);
      }
    }

    .timeline .event-head {
      display: flex;
      flex-wrap: wrap;
      gap: 0 0.75rem;
      align-items: baseline;

      time {
        font: var(--mat-sys-title-small);
        font-variant-numeric: tabular-nums;
      }
    }

    .timeline .event-title {
      font-weight: 500;
    }

    .timeline .event-change {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      align-items: center;
      margin: 0.375rem 0;

      mat-icon {
        width: 18px;
        height: 18px;
        font-size: 18px;
        color: var(--mat-sys-on-surface-variant);
      }
    }

    .timeline .event-text {
      margin-top: 0.25rem;
      white-space: pre-line;
    }

    .timeline .event-label {
      color: var(--mat-sys-on-surface-variant);
      font-weight: 500;
    }

    .timeline .event-meta {
      margin-top: 0.25rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MembershipTimeline {
  readonly events = input.required<MembershipEvent[]>();

  protected readonly germanDate = germanDate;
  protected readonly eventTitle = eventTitle;
}
