import { ChangeDetectionStrategy, Component, ElementRef, computed, input, output, viewChild } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { RouterLink } from '@angular/router';
import { TASK_STATUSES, type TaskStatus } from '@srp/contracts';
import { TASK_STATUS_LABELS, TaskSummary } from '../../../core/tasks.service';
import { initials } from '../../working-groups/group-labels';
import { TASK_STATUS_ICONS, TaskDueChip, TaskPriorityChip } from '../task-chips';

/** What the "Verschieben" menu asks for: another column, or one place up or down in this one. */
export type CardMove = { kind: 'status'; status: TaskStatus } | { kind: 'up' } | { kind: 'down' };

/** Avatars shown on a card before "+n". */
const MAX_AVATARS = 3;

/**
 * A task on the board: title (link to its page), blocked reason, priority, due date, labels,
 * assignees, checklist progress and comments, and the "Verschieben" menu, which is the keyboard
 * (and screen reader) way to do what dragging does.
 */
@Component({
  selector: 'srp-task-card',
  imports: [MatButton, MatIcon, MatMenu, MatMenuItem, MatMenuTrigger, RouterLink, TaskDueChip, TaskPriorityChip],
  templateUrl: './task-card.html',
  styleUrl: './task-card.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskCard {
  readonly task = input.required<TaskSummary>();
  /** Place in its column and the column's length, for "Nach oben" / "Nach unten". */
  readonly index = input.required<number>();
  readonly total = input.required<number>();
  /** Whether the person may move cards (board permission "create"). */
  readonly movable = input(false);
  /** A move of this card is on its way to the server. */
  readonly busy = input(false);

  readonly move = output<CardMove>();

  protected readonly statusLabels = TASK_STATUS_LABELS;
  protected readonly statusIcons = TASK_STATUS_ICONS;
  protected readonly otherStatuses = computed(() => TASK_STATUSES.filter((status) => status !== this.task().status));
  protected readonly avatars = computed(() =>
    this.task()
      .assignees.slice(0, MAX_AVATARS)
      .map((person) => ({ id: person.id, name: person.name, initials: initials(person.name) })),
  );
  protected readonly moreAssignees = computed(() => Math.max(0, this.task().assignees.length - MAX_AVATARS));
  protected readonly assigneeNames = computed(() =>
    this.task()
      .assignees.map((person) => person.name)
      .join(', '),
  );
  protected readonly checklistText = computed(() => {
    const { checklistDone, checklistTotal } = this.task();
    return `Checkliste: ${checklistDone} von ${checklistTotal} erledigt`;
  });
  protected readonly commentText = computed(() => {
    const count = this.task().commentCount;
    return count === 1 ? '1 Kommentar' : `${count} Kommentare`;
  });

  private readonly moveButton = viewChild('moveButton', { read: ElementRef<HTMLButtonElement> });

  /** After a move the page puts the focus back here, so keyboard users keep their place. */
  focusMoveButton(): void {
    this.moveButton()?.nativeElement.focus();
  }

  protected choose(move: CardMove): void {
    if (!this.busy()) {
      this.move.emit(move);
    }
  }
}
