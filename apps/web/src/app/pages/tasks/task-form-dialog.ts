import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { TASK_LABEL_PATTERN, TASK_LIMITS, TASK_PRIORITIES, type TaskPriority } from '@srp/contracts';
import { Observable } from 'rxjs';
import { newIdempotencyKey } from '../../core/idempotency.interceptor';
import { TASK_PRIORITY_LABELS, TaskDetail, TaskPerson, TasksService } from '../../core/tasks.service';
import { apiErrorText, apiFieldErrors } from '../../shared/api-errors';
import { MarkdownEditor } from '../working-groups/markdown-editor';

export interface TaskFormDialogData {
  groupId: string;
  /** Shown in the intro, so the person knows where the task goes. */
  groupName: string;
  /** Who may be assigned: the group's active members. */
  members: readonly TaskPerson[];
  /** Labels already used in the group, offered while typing. */
  labels?: readonly string[];
  /** The signed-in person, listed first as "(Sie)". */
  myId?: string | null;
}

type Field = 'title' | 'description' | 'priority' | 'assignees' | 'dueDate' | 'labels' | 'checklist';

/** Which form field an api field name (`checklist.2.text`, `assigneeIds`) belongs to. */
const API_FIELDS: Record<string, Field> = {
  title: 'title',
  description: 'description',
  priority: 'priority',
  assigneeIds: 'assignees',
  dueDate: 'dueDate',
  labels: 'labels',
  checklist: 'checklist',
};

export function fieldOfApiError(apiField: string): Field | null {
  return API_FIELDS[apiField.split('.')[0]] ?? null;
}

/**
 * Splits what was typed into the label field at commas: the complete labels, and the rest that is
 * still being typed.
 */
export function splitLabels(text: string): { complete: string[]; rest: string } {
  const parts = text.split(',');
  const rest = parts.pop() ?? '';
  return { complete: parts.map((part) => part.trim()).filter(Boolean), rest };
}

/** Why a label cannot be added, or null when it can. */
export function labelProblem(label: string, existing: readonly string[]): string | null {
  if (label.length > TASK_LIMITS.label) {
    return `Ein Schlagwort darf höchstens ${TASK_LIMITS.label} Zeichen lang sein.`;
  }
  if (!TASK_LABEL_PATTERN.test(label)) {
    return 'Schlagwörter bestehen aus Buchstaben, Ziffern, Leerzeichen und - . _ / & +.';
  }
  if (existing.length >= TASK_LIMITS.labels) {
    return `Höchstens ${TASK_LIMITS.labels} Schlagwörter.`;
  }
  return null;
}

let nextId = 0;

/**
 * "Neue Aufgabe": title, description (Markdown), priority, who is responsible, due date, labels
 * and a checklist. Saves itself and closes with the task as the api returns it; the api's
 * validation messages appear at their fields, anything else above the form.
 */
@Component({
  selector: 'srp-task-form-dialog',
  imports: [
    MarkdownEditor,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  templateUrl: './task-form-dialog.html',
  styleUrl: './task-form-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskFormDialog {
  protected readonly data = inject<TaskFormDialogData>(MAT_DIALOG_DATA);
  private readonly tasks = inject(TasksService);
  private readonly dialogRef = inject<MatDialogRef<TaskFormDialog, TaskDetail>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly fb = inject(NonNullableFormBuilder);

  protected readonly ids = `task-form-${nextId++}`;
  /** One key per opened dialog: a double click or a retry after a network error creates one task. */
  private readonly idempotencyKey = newIdempotencyKey();
  protected readonly limits = TASK_LIMITS;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly priorityLabels = TASK_PRIORITY_LABELS;

  protected readonly form = this.fb.group({
    title: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(TASK_LIMITS.title)]],
    description: ['', Validators.maxLength(TASK_LIMITS.description)],
    priority: ['normal' as TaskPriority],
    dueDate: [''],
    labelText: [''],
    checklist: this.fb.array<FormControl<string>>([]),
    newItem: ['', Validators.maxLength(TASK_LIMITS.checklistItem)],
  });

  /** Members, the signed-in person first, then by name. */
  protected readonly members = [...this.data.members].sort(
    (a, b) => Number(b.id === this.data.myId) - Number(a.id === this.data.myId) || a.name.localeCompare(b.name, 'de'),
  );
  protected readonly suggestions = computed(() => {
    const chosen = new Set(this.labels().map((label) => label.toLocaleLowerCase('de')));
    return (this.data.labels ?? []).filter((label) => !chosen.has(label.toLocaleLowerCase('de')));
  });
  protected readonly assignees = signal<ReadonlySet<string>>(new Set());
  protected readonly labels = signal<readonly string[]>([]);

  protected readonly saving = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<Field, string>>>({});
  /** Said politely after adding or removing a label or a checklist item. */
  protected readonly listNotice = signal('');

  private readonly content = viewChild.required<ElementRef<HTMLElement>>('content');
  private readonly newItemInput = viewChild.required<ElementRef<HTMLInputElement>>('newItemInput');
  private readonly labelInput = viewChild.required<ElementRef<HTMLInputElement>>('labelInput');

  protected get checklist() {
    return this.form.controls.checklist;
  }

  // --- Zuständig ---

  protected toggleAssignee(id: string, checked: boolean): void {
    const next = new Set(this.assignees());
    if (checked) {
      next.add(id);
    } else {
      next.delete(id);
    }
    this.assignees.set(next);
    this.clearFieldError('assignees');
  }

  // --- Schlagwörter ---

  protected labelKeydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      this.commitLabels(true);
    } else if (event.key === 'Backspace' && !this.form.controls.labelText.value && this.labels().length) {
      // Like a chip field: Backspace in the empty field takes the last label back for editing.
      const last = this.labels()[this.labels().length - 1];
      this.labels.set(this.labels().slice(0, -1));
      this.form.controls.labelText.setValue(last);
      event.preventDefault();
    }
  }

  /** A comma typed or pasted completes the labels before it. */
  protected labelInputChanged(): void {
    if (this.form.controls.labelText.value.includes(',')) {
      this.commitLabels(false);
    }
  }

  /** Adds what is in the field; `all` also takes the unfinished rest (Enter, leaving the field, saving). */
  protected commitLabels(all: boolean): boolean {
    const control = this.form.controls.labelText;
    const { complete, rest } = splitLabels(control.value);
    const candidates = all && rest.trim() ? [...complete, rest.trim()] : complete;
    let labels = [...this.labels()];
    let problem: string | null = null;
    const refused: string[] = [];
    for (const label of candidates) {
      if (labels.some((l) => l.toLocaleLowerCase('de') === label.toLocaleLowerCase('de'))) {
        continue;
      }
      const why = labelProblem(label, labels);
      if (why) {
        problem ??= why;
        refused.push(label);
      } else {
        labels = [...labels, label];
      }
    }
    if (labels.length !== this.labels().length) {
      this.listNotice.set(`Schlagwörter: ${labels.join(', ')}`);
    }
    this.labels.set(labels);
    control.setValue(all ? refused.join(', ') : [...refused, rest].join(', '));
    this.clearFieldError('labels');
    if (problem) {
      this.setFieldError('labels', problem);
    }
    return !problem;
  }

  protected removeLabel(label: string): void {
    this.labels.set(this.labels().filter((l) => l !== label));
    this.listNotice.set(`Schlagwort „${label}“ entfernt.`);
    this.clearFieldError('labels');
    this.labelInput().nativeElement.focus();
  }

  // --- Checkliste ---

  protected addItem(event?: Event): void {
    event?.preventDefault();
    const control = this.form.controls.newItem;
    const text = control.value.trim();
    if (!text) {
      return;
    }
    if (this.checklist.length >= TASK_LIMITS.checklist) {
      this.setFieldError('checklist', `Höchstens ${TASK_LIMITS.checklist} Punkte.`);
      return;
    }
    if (control.invalid) {
      control.markAsTouched();
      return;
    }
    this.checklist.push(
      this.fb.control(text, [
        Validators.required,
        Validators.pattern(/\S/),
        Validators.maxLength(TASK_LIMITS.checklistItem),
      ]),
    );
    control.setValue('');
    this.listNotice.set(`Punkt „${text}“ hinzugefügt. Die Checkliste hat ${this.checklist.length} Punkte.`);
    this.clearFieldError('checklist');
    this.newItemInput().nativeElement.focus();
  }

  protected removeItem(index: number): void {
    const text = this.checklist.at(index).value;
    this.checklist.removeAt(index);
    this.listNotice.set(`Punkt „${text}“ entfernt.`);
    this.clearFieldError('checklist');
    this.newItemInput().nativeElement.focus();
  }

  // --- Speichern ---

  protected save(): void {
    if (this.saving()) {
      return;
    }
    this.error.set(null);
    // Text still in the helper fields counts: people expect what they see to be saved.
    const labelsOk = this.commitLabels(true);
    if (this.form.controls.newItem.value.trim()) {
      this.addItem();
    }
    if (this.form.invalid || !labelsOk) {
      this.form.markAllAsTouched();
      this.error.set('Die Aufgabe wurde nicht angelegt. Bitte beachten Sie die Hinweise an den Feldern.');
      this.focusFirstInvalid();
      return;
    }
    const v = this.form.getRawValue();
    this.saving.set(true);
    this.tasks
      .create(
        {
          groupId: this.data.groupId,
          title: v.title.trim(),
          description: v.description,
          priority: v.priority,
          assigneeIds: this.members.filter((m) => this.assignees().has(m.id)).map((m) => m.id),
          dueDate: v.dueDate || null,
          labels: [...this.labels()],
          checklist: v.checklist.map((text) => ({ text: text.trim(), done: false })),
        },
        this.idempotencyKey,
      )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (task) => {
          this.saving.set(false);
          this.dialogRef.close(task);
        },
        error: (error: unknown) => {
          this.saving.set(false);
          this.showError(error);
        },
      });
  }

  private showError(error: unknown): void {
    const fields: Partial<Record<Field, string>> = {};
    for (const detail of apiFieldErrors(error)) {
      const field = fieldOfApiError(detail.field);
      if (field && !fields[field]) {
        fields[field] = detail.message;
      }
      // A checklist item's own message goes to that item.
      const item = /^checklist\.(\d+)/.exec(detail.field);
      if (item && this.checklist.at(Number(item[1]))) {
        this.checklist.at(Number(item[1])).setErrors({ server: detail.message });
        this.checklist.at(Number(item[1])).markAsTouched();
      }
    }
    for (const [field, message] of Object.entries(fields) as [Field, string][]) {
      this.setFieldError(field, message);
    }
    if (Object.keys(fields).length) {
      this.error.set('Die Aufgabe wurde nicht angelegt. Bitte beachten Sie die Hinweise an den Feldern.');
      this.focusFirstInvalid();
      return;
    }
    this.error.set(apiErrorText(error));
    this.content().nativeElement.scrollTop = 0;
  }

  private setFieldError(field: Field, message: string): void {
    this.fieldErrors.set({ ...this.fieldErrors(), [field]: message });
    const control = this.controlOf(field);
    if (control) {
      control.setErrors({ ...(control.errors ?? {}), server: message });
      control.markAsTouched();
    }
  }

  private clearFieldError(field: Field): void {
    if (!this.fieldErrors()[field]) {
      return;
    }
    const { [field]: _removed, ...rest } = this.fieldErrors();
    this.fieldErrors.set(rest);
    const control = this.controlOf(field);
    if (control?.hasError('server')) {
      const { server: _server, ...errors } = control.errors ?? {};
      control.setErrors(Object.keys(errors).length ? errors : null);
    }
  }

  /** The control that shows a field's message (assignees show theirs under the list). */
  private controlOf(field: Field): FormControl | null {
    switch (field) {
      case 'labels':
        return this.form.controls.labelText;
      case 'checklist':
        return this.form.controls.newItem;
      case 'assignees':
        return null;
      default:
        return this.form.controls[field] as FormControl;
    }
  }

  private focusFirstInvalid(): void {
    setTimeout(() => {
      const root = this.content().nativeElement;
      const invalid = root.querySelector<HTMLElement>(
        'input.ng-invalid, select.ng-invalid, textarea.ng-invalid, [data-invalid="true"] input',
      );
      invalid?.focus();
    });
  }
}

/** Opens "Neue Aufgabe"; emits the created task, or undefined when the person cancelled. */
export function openTaskForm(dialog: MatDialog, data: TaskFormDialogData): Observable<TaskDetail | undefined> {
  return dialog
    .open<TaskFormDialog, TaskFormDialogData, TaskDetail>(TaskFormDialog, {
      data,
      width: '46rem',
      maxWidth: 'calc(100vw - 2rem)',
      autoFocus: 'first-tabbable',
      restoreFocus: true,
    })
    .afterClosed();
}
