import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  OnInit,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  NonNullableFormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { TASK_LABEL_PATTERN, TASK_LIMITS, TASK_PRIORITIES, TaskPriority } from '@srp/contracts';
import { TASK_PRIORITY_LABELS } from '../../../core/tasks.service';
import { MarkdownEditor } from '../../working-groups/markdown-editor';

/** What the form edits of a task. */
export interface EditableTask {
  title: string;
  description: string;
  priority: TaskPriority;
  dueDate: string | null;
  labels: string[];
  assignees: Array<{ id: string; name: string }>;
  version: number;
}

/** The changed fields, as PATCH /api/tasks/:id takes them. */
export interface TaskFieldsChange {
  version: number;
  title?: string;
  description?: string;
  priority?: TaskPriority;
  dueDate?: string | null;
  assigneeIds?: string[];
  labels?: string[];
}

interface FormValues {
  title: string;
  description: string;
  priority: TaskPriority;
  dueDate: string;
  labels: string;
  assigneeIds: string[];
}

type Field = keyof FormValues;

/** "Förderung, Sensorik" → ["Förderung", "Sensorik"], without blanks or repeats. */
export function parseLabels(text: string): string[] {
  const labels = text
    .split(',')
    .map((label) => label.trim().replace(/\s+/g, ' '))
    .filter(Boolean);
  return [...new Set(labels)];
}

function labelsValidator(control: AbstractControl<string>): ValidationErrors | null {
  const labels = parseLabels(control.value ?? '');
  if (labels.length > TASK_LIMITS.labels) {
    return { tooMany: true };
  }
  const wrong = labels.find((label) => label.length > TASK_LIMITS.label || !TASK_LABEL_PATTERN.test(label));
  return wrong ? { label: wrong } : null;
}

function valuesOf(task: EditableTask): FormValues {
  return {
    title: task.title,
    description: task.description,
    priority: task.priority,
    dueDate: task.dueDate ?? '',
    labels: task.labels.join(', '),
    assigneeIds: task.assignees.map((person) => person.id).sort(),
  };
}

function same(field: Field, a: FormValues, b: FormValues): boolean {
  switch (field) {
    case 'assigneeIds':
      return [...a.assigneeIds].sort().join() === [...b.assigneeIds].sort().join();
    case 'labels':
      return parseLabels(a.labels).join('\n') === parseLabels(b.labels).join('\n');
    case 'title':
      return a.title.trim() === b.title.trim();
    default:
      return a[field] === b[field];
  }
}

/**
 * "Aufgabe bearbeiten": title, description (Markdown), priority, due date, assignees and labels.
 * Emits only what changed, with the version it is based on. After a conflict the page calls
 * `rebase()` with the current task: the person's own changes stay, the rest shows the new state.
 */
@Component({
  selector: 'srp-task-edit-form',
  imports: [
    MarkdownEditor,
    MatButton,
    MatCheckbox,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
        <mat-label>Titel</mat-label>
        <input matInput formControlName="title" required [attr.maxlength]="limits.title" autocomplete="off" />
        @if (form.controls.title.invalid) {
          <mat-error>Bitte geben Sie einen Titel an.</mat-error>
        }
      </mat-form-field>

      <srp-markdown-editor
        label="Beschreibung"
        [control]="form.controls.description"
        [maxLength]="limits.description"
      />

      <div class="row">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Priorität</mat-label>
          <select matNativeControl formControlName="priority">
            @for (priority of priorities; track priority) {
              <option [value]="priority">{{ priorityLabels[priority] }}</option>
            }
          </select>
        </mat-form-field>
        <div class="due">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Fällig am</mat-label>
            <input matInput type="date" formControlName="dueDate" min="2000-01-01" max="2199-12-31" />
            <mat-hint>Leer lassen, wenn es keine Frist gibt</mat-hint>
          </mat-form-field>
          @if (form.controls.dueDate.value) {
            <button matButton type="button" (click)="clearDue()">
              <mat-icon>event_busy</mat-icon>
              Fälligkeit entfernen
            </button>
          }
        </div>
      </div>

      <fieldset class="assignees">
        <legend>Zuständig</legend>
        @if (people().length === 0) {
          <p class="muted">Die Gruppe hat noch keine aktiven Mitglieder.</p>
        } @else {
          <div class="people">
            @for (person of people(); track person.id) {
              <mat-checkbox [checked]="isAssigned(person.id)" (change)="setAssigned(person.id, $event.checked)">
                {{ person.name }}
                @if (person.former) {
                  <span class="former">(nicht mehr in der Gruppe)</span>
                }
              </mat-checkbox>
            }
          </div>
        }
        @if (tooManyAssignees()) {
          <p class="field-error" role="alert">Höchstens {{ limits.assignees }} Personen können zuständig sein.</p>
        }
      </fieldset>

      <mat-form-field appearance="outline" subscriptSizing="dynamic" class="wide">
        <mat-label>Schlagwörter</mat-label>
        <input matInput formControlName="labels" autocomplete="off" />
        <mat-hint>Durch Komma getrennt, z. B. „Förderung, Sensorik“; höchstens {{ limits.labels }}</mat-hint>
        @if (form.controls.labels.hasError('tooMany')) {
          <mat-error>Bitte höchstens {{ limits.labels }} Schlagwörter.</mat-error>
        } @else if (form.controls.labels.hasError('label')) {
          <mat-error
            >„{{ form.controls.labels.getError('label') }}“: Schlagwörter bestehen aus Buchstaben, Ziffern, Leerzeichen
            und - . _ / &amp; + (höchstens {{ limits.label }} Zeichen).</mat-error
          >
        }
      </mat-form-field>

      <div class="actions">
        <button matButton type="button" (click)="cancelled.emit()">Abbrechen</button>
        <button matButton="filled" type="submit" [aria-disabled]="saving()">
          <mat-icon>save</mat-icon>
          @if (saving()) {
            Wird gespeichert …
          } @else {
            Änderungen speichern
          }
        </button>
      </div>
    </form>
  `,
  styles: `
    :host {
      display: block;
    }
    form {
      display: flex;
      flex-direction: column;
      gap: 1rem;
    }
    .wide {
      width: 100%;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: flex-start;
    }
    .due {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    fieldset {
      margin: 0;
      padding: 0.75rem 1rem 1rem;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: var(--mat-sys-corner-small);
    }
    legend {
      padding: 0 0.25rem;
      font: var(--mat-sys-title-small);
    }
    .people {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr));
      gap: 0 1rem;
    }
    .former,
    .muted {
      color: var(--mat-sys-on-surface-variant);
    }
    .muted {
      margin: 0;
    }
    .field-error {
      margin: 0.5rem 0 0;
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
    }
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      justify-content: flex-end;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskEditForm implements OnInit {
  /** The task as loaded when editing started; later bases come through `rebase()`. */
  readonly task = input.required<EditableTask>();
  /** Who may be assigned: the group's active members. */
  readonly members = input.required<ReadonlyArray<{ id: string; name: string }>>();
  readonly saving = input(false);
  readonly save = output<TaskFieldsChange>();
  readonly cancelled = output<void>();

  protected readonly limits = TASK_LIMITS;
  protected readonly priorities = TASK_PRIORITIES;
  protected readonly priorityLabels = TASK_PRIORITY_LABELS;
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);

  protected readonly form = inject(NonNullableFormBuilder).group({
    title: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(TASK_LIMITS.title)]],
    description: ['', Validators.maxLength(TASK_LIMITS.description)],
    priority: ['normal' as TaskPriority],
    dueDate: [''],
    labels: ['', labelsValidator],
    assigneeIds: [[] as string[]],
  });
  private readonly assigned = signal<readonly string[]>([]);
  protected readonly tooManyAssignees = computed(() => this.assigned().length > TASK_LIMITS.assignees);

  /** The version and values the change is based on. */
  private base: EditableTask | null = null;

  /** Members, plus assignees who have left the group (so that they can be taken off the task). */
  protected readonly people = computed(() => {
    const members = this.members().map((m) => ({ id: m.id, name: m.name, former: false }));
    const known = new Set(members.map((m) => m.id));
    const former = this.task()
      .assignees.filter((a) => !known.has(a.id))
      .map((a) => ({ id: a.id, name: a.name, former: true }));
    return [...members, ...former].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  });

  constructor() {
    this.form.controls.assigneeIds.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((ids) => this.assigned.set(ids));
  }

  ngOnInit(): void {
    this.base = this.task();
    this.form.reset(valuesOf(this.base));
  }

  /**
   * After a conflict: the current task becomes the base. Fields the person changed keep their
   * value; the others show what is saved now.
   */
  rebase(current: EditableTask): void {
    const before = this.base ? valuesOf(this.base) : valuesOf(current);
    const now = this.form.getRawValue();
    const fresh = valuesOf(current);
    for (const field of Object.keys(fresh) as Field[]) {
      if (same(field, now, before) && !same(field, now, fresh)) {
        this.form.controls[field].setValue(fresh[field] as never);
      }
    }
    this.base = current;
  }

  protected isAssigned(id: string): boolean {
    return this.assigned().includes(id);
  }

  protected setAssigned(id: string, on: boolean): void {
    const ids = this.form.controls.assigneeIds.value.filter((other) => other !== id);
    this.form.controls.assigneeIds.setValue(on ? [...ids, id] : ids);
    this.form.controls.assigneeIds.markAsDirty();
  }

  protected clearDue(): void {
    this.form.controls.dueDate.setValue('');
    this.host.nativeElement.querySelector<HTMLInputElement>('input[type="date"]')?.focus();
  }

  protected submit(): void {
    if (this.saving()) {
      return;
    }
    if (this.form.invalid || this.tooManyAssignees()) {
      this.form.markAllAsTouched();
      this.host.nativeElement
        .querySelector<HTMLElement>(
          '.ng-invalid:not(form) input, .ng-invalid:not(form) textarea, input.ng-invalid, textarea.ng-invalid',
        )
        ?.focus();
      return;
    }
    const base = this.base ?? this.task();
    const before = valuesOf(base);
    const now = this.form.getRawValue();
    const change: TaskFieldsChange = { version: base.version };
    for (const field of Object.keys(before) as Field[]) {
      if (same(field, now, before)) {
        continue;
      }
      switch (field) {
        case 'title':
          change.title = now.title.trim();
          break;
        case 'description':
          change.description = now.description;
          break;
        case 'priority':
          change.priority = now.priority;
          break;
        case 'dueDate':
          change.dueDate = now.dueDate || null;
          break;
        case 'labels':
          change.labels = parseLabels(now.labels);
          break;
        case 'assigneeIds':
          change.assigneeIds = [...now.assigneeIds];
          break;
      }
    }
    this.save.emit(change);
  }
}
