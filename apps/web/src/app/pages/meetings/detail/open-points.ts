import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatIcon } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { catchError, of, switchMap } from 'rxjs';
import { berlinDate } from '../../../core/meetings.service';
import { MinutesService, OpenPoint } from '../../../core/minutes.service';
import { TASK_STATUS_LABELS } from '../../../core/tasks.service';

/**
 * "Offene Punkte aus der letzten Sitzung" at the top of the agenda: the action items of the
 * previous meeting whose tasks are not done yet. Renders nothing when there are none (or when they
 * cannot be loaded), so the agenda never shows an empty or invented section.
 */
@Component({
  selector: 'srp-open-points',
  imports: [MatIcon, RouterLink],
  template: `
    @if (points().length > 0) {
      <section class="open-points" aria-labelledby="open-points-heading">
        <h3 id="open-points-heading">Offene Punkte aus der letzten Sitzung</h3>
        <p class="from">
          Aus
          <a routerLink="/termine/{{ points()[0].meeting.id }}/protokoll">{{ points()[0].meeting.title }}</a>
        </p>
        <ul>
          @for (p of points(); track p.entryId) {
            <li>
              <p class="text">{{ p.text }}</p>
              <p class="meta">
                <span>{{ p.group.shortName }}</span>
                @if (p.assignees.length > 0) {
                  <span>Verantwortlich: {{ names(p) }}</span>
                }
                @if (p.dueDate) {
                  <span [class.overdue]="p.overdue">
                    @if (p.overdue) {
                      <mat-icon aria-hidden="true">schedule</mat-icon> Überfällig seit
                    } @else {
                      Fällig:
                    }
                    {{ date(p.dueDate) }}
                  </span>
                }
                <a routerLink="/aufgaben/{{ p.task.id }}">Aufgabe: {{ statusLabels[p.task.status] }}</a>
              </p>
            </li>
          }
        </ul>
      </section>
    }
  `,
  styles: `
    .open-points {
      margin: 0 0 1.5rem;
      padding: 1rem 1.25rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-left: 4px solid var(--mat-sys-tertiary);
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-surface-container-low);
    }
    h3 {
      margin: 0 0 0.25rem;
      font: var(--mat-sys-title-medium);
    }
    .from {
      margin: 0 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
    }
    ul {
      margin: 0;
      padding: 0;
      list-style: none;
    }
    li {
      padding: 0.5rem 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .text {
      margin: 0 0 0.25rem;
      font-weight: 500;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
      align-items: center;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .overdue {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      color: var(--mat-sys-error);
      font-weight: 500;
    }
    .overdue mat-icon {
      width: 18px;
      height: 18px;
      font-size: 18px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OpenPoints {
  /** The meeting whose predecessor's open points are shown. */
  readonly meetingId = input.required<string>();

  private readonly minutes = inject(MinutesService);
  protected readonly points = signal<OpenPoint[]>([]);
  protected readonly statusLabels = TASK_STATUS_LABELS;
  protected readonly date = berlinDate;

  constructor() {
    toObservable(this.meetingId)
      .pipe(
        // An extra block on the agenda: when it cannot be loaded, the agenda stays as it is.
        switchMap((id) => this.minutes.openPoints(id).pipe(catchError(() => of<OpenPoint[]>([])))),
        takeUntilDestroyed(),
      )
      .subscribe((points) => this.points.set(points));
  }

  protected names(point: OpenPoint): string {
    return point.assignees.map((p) => p.name).join(', ');
  }
}
