import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import type { TaskPriority, TaskStatus } from '@srp/contracts';
import { TASK_PRIORITY_LABELS, TASK_STATUS_LABELS } from '../../core/tasks.service';

const BERLIN_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Berlin',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Europe/Berlin as an ISO calendar date (2026-11-26), whatever zone the browser is in. */
export function berlinToday(now: Date = new Date()): string {
  return BERLIN_DAY.format(now);
}

/**
 * A calendar date (2026-12-18) in German form (18.12.2026). Due dates are days, not instants:
 * they are formatted from the text so that no time zone can shift them by a day.
 */
export function formatDueDate(date: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date ?? '');
  return match ? `${match[3]}.${match[2]}.${match[1]}` : '';
}

export type DueState = 'overdue' | 'today' | 'upcoming';

/** How urgent a due date is: the server's overdue flag wins (it knows done tasks are never overdue). */
export function dueState(dueDate: string, overdue: boolean, today: string = berlinToday()): DueState {
  if (overdue) {
    return 'overdue';
  }
  return dueDate === today ? 'today' : 'upcoming';
}

/** Material Symbols for each status (decorative: the label always goes with it). */
export const TASK_STATUS_ICONS: Record<TaskStatus, string> = {
  open: 'radio_button_unchecked',
  in_progress: 'pending',
  blocked: 'block',
  done: 'check_circle',
};

const PRIORITY_ICONS: Record<TaskPriority, string> = {
  low: 'keyboard_double_arrow_down',
  normal: 'drag_handle',
  high: 'keyboard_double_arrow_up',
  urgent: 'priority_high',
};

// Shared look of the three badges: icon and word, so colour never carries the meaning alone.
// Colours give at least 4.5:1 contrast of text on background.
const CHIP_STYLES = `
  :host {
    display: inline-flex;
    max-width: 100%;
  }
  .chip {
    display: inline-flex;
    gap: 0.25rem;
    align-items: center;
    max-width: 100%;
    padding: 0.0625rem 0.5rem 0.0625rem 0.3125rem;
    border: 1px solid transparent;
    border-radius: var(--mat-sys-corner-full);
    font: var(--mat-sys-label-medium);
    white-space: nowrap;
  }
  mat-icon {
    flex: none;
    width: 16px;
    height: 16px;
    font-size: 16px;
  }
`;

/** The status of a task as a badge: "In Arbeit", "Blockiert" … */
@Component({
  selector: 'srp-task-status-chip',
  imports: [MatIcon],
  template: `<span class="chip" [attr.data-status]="status()"
    ><mat-icon aria-hidden="true">{{ icon() }}</mat-icon
    >{{ label() }}</span
  >`,
  styles: [
    CHIP_STYLES,
    `
      [data-status='open'] {
        border-color: var(--mat-sys-outline-variant);
        color: var(--mat-sys-on-surface);
      }
      [data-status='in_progress'] {
        background: #dce7fb;
        color: #0d3a78;
      }
      [data-status='blocked'] {
        background: #fdedc2;
        color: #5b3f00;
      }
      [data-status='done'] {
        background: #d5efd9;
        color: #0b4f1f;
      }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskStatusChip {
  readonly status = input.required<TaskStatus>();

  protected readonly label = computed(() => TASK_STATUS_LABELS[this.status()]);
  protected readonly icon = computed(() => TASK_STATUS_ICONS[this.status()]);
}

/** The priority as a badge: "Dringend", "Hoch" …; the word says it is a priority for screen readers. */
@Component({
  selector: 'srp-task-priority-chip',
  imports: [MatIcon],
  template: `<span class="chip" [attr.data-priority]="priority()"
    ><mat-icon aria-hidden="true">{{ icon() }}</mat-icon
    ><span class="srp-visually-hidden">Priorität: </span>{{ label() }}</span
  >`,
  styles: [
    CHIP_STYLES,
    `
      [data-priority='low'],
      [data-priority='normal'] {
        border-color: var(--mat-sys-outline-variant);
        color: var(--mat-sys-on-surface-variant);
      }
      [data-priority='high'] {
        background: #fde3cf;
        color: #6a2c00;
      }
      [data-priority='urgent'] {
        background: var(--mat-sys-error);
        color: var(--mat-sys-on-error);
      }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskPriorityChip {
  readonly priority = input.required<TaskPriority>();

  protected readonly label = computed(() => TASK_PRIORITY_LABELS[this.priority()]);
  protected readonly icon = computed(() => PRIORITY_ICONS[this.priority()]);
}

/** The due date: "Fällig: 18.12.2026", "Heute fällig", or in red with the word "Überfällig: 18.12.2026". */
@Component({
  selector: 'srp-task-due-chip',
  imports: [MatIcon],
  template: `
    @if (dueDate(); as date) {
      <span class="chip" [attr.data-due]="state()">
        <mat-icon aria-hidden="true">{{ state() === 'overdue' ? 'warning' : 'event' }}</mat-icon>
        @switch (state()) {
          @case ('overdue') {
            Überfällig: {{ text() }}
          }
          @case ('today') {
            Heute fällig
          }
          @default {
            Fällig: {{ text() }}
          }
        }
      </span>
    }
  `,
  styles: [
    CHIP_STYLES,
    `
      [data-due='upcoming'] {
        border-color: var(--mat-sys-outline-variant);
        color: var(--mat-sys-on-surface);
      }
      [data-due='today'] {
        background: #fdedc2;
        color: #5b3f00;
      }
      [data-due='overdue'] {
        background: var(--mat-sys-error-container);
        color: var(--mat-sys-on-error-container);
        border-color: var(--mat-sys-error);
        font-weight: 700;
      }
    `,
  ],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskDueChip {
  /** ISO calendar date; nothing is shown without one. */
  readonly dueDate = input<string | null>(null);
  /** The server's verdict (before today in Europe/Berlin and not done). */
  readonly overdue = input(false);

  protected readonly text = computed(() => formatDueDate(this.dueDate()));
  protected readonly state = computed(() => dueState(this.dueDate() ?? '', this.overdue()));
}
