import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { GROUP_KINDS, GROUP_STATUSES } from '@srp/contracts';
import {
  GROUP_KIND_LABELS,
  GroupChange,
  GroupDetail,
  GroupKind,
  GroupStatus,
  GroupsService,
  NewGroup,
} from '../../core/groups.service';
import { apiErrorBody, apiErrorCode, apiErrorText, apiFieldErrors } from '../../shared/api-errors';
import { MarkdownEditor } from './markdown-editor';

export interface GroupFormDialogData {
  /** Without a group the dialog creates one (coordination). */
  group?: GroupDetail;
  /** Coordination changes everything; leads description, goals and phase. */
  coordination: boolean;
  /** Called with the current state of the group after "Neu laden" (conflict). */
  reloaded?: (group: GroupDetail) => void;
}

export const GROUP_STATUS_LABELS: Record<GroupStatus, string> = {
  active: 'Aktiv',
  archived: 'Archiviert',
};

type Field = 'kind' | 'number' | 'name' | 'shortName' | 'phase' | 'status' | 'description' | 'goals';

interface FormError {
  message: string;
  stale: boolean;
}

const COORDINATION_FIELDS: readonly Field[] = ['kind', 'number', 'name', 'shortName', 'status'];

/**
 * "Arbeitsgruppe anlegen" and "Arbeitsgruppe bearbeiten": saves itself and closes with the group
 * as the api returns it. A stale version (409) keeps the entries and offers to load the current state.
 */
@Component({
  selector: 'srp-group-form-dialog',
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
    MatInput,
    MatLabel,
    ReactiveFormsModule,
  ],
  templateUrl: './group-form-dialog.html',
  styleUrl: './group-form-dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupFormDialog {
  protected readonly data = inject<GroupFormDialogData>(MAT_DIALOG_DATA);
  private readonly groups = inject(GroupsService);
  private readonly dialogRef = inject<MatDialogRef<GroupFormDialog, GroupDetail>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly creating = !this.data.group;
  protected readonly coordination = this.data.coordination;
  protected readonly kinds = GROUP_KINDS;
  protected readonly kindLabels = GROUP_KIND_LABELS;
  protected readonly statuses = GROUP_STATUSES;
  protected readonly statusLabels = GROUP_STATUS_LABELS;

  protected readonly form = inject(NonNullableFormBuilder).group({
    kind: ['uag' as GroupKind],
    number: ['', Validators.pattern(/^\s*[1-9]\d{0,2}\s*$/)],
    name: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(200)]],
    shortName: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(40)]],
    phase: ['', Validators.maxLength(100)],
    status: ['active' as GroupStatus],
    description: ['', Validators.maxLength(20_000)],
    goals: ['', Validators.maxLength(20_000)],
  });
  protected readonly saving = signal(false);
  protected readonly reloading = signal(false);
  protected readonly error = signal<FormError | null>(null);
  protected readonly notice = signal<string | null>(null);
  protected readonly fieldErrors = signal<Partial<Record<Field, string>>>({});

  /** The group the change is based on: its version and the values to compare with. */
  private base: GroupDetail | undefined = this.data.group;
  private readonly content = viewChild.required<ElementRef<HTMLElement>>('content');

  constructor() {
    if (this.base) {
      this.form.reset(this.valuesOf(this.base));
    }
  }

  protected save(): void {
    if (this.saving()) {
      return;
    }
    this.error.set(null);
    this.notice.set(null);
    this.fieldErrors.set({});
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const request = this.base ? this.changeRequest(this.base) : this.createRequest();
    if (!request) {
      // Nothing changed: nothing to send.
      this.dialogRef.close();
      return;
    }
    this.saving.set(true);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (group) => {
        this.saving.set(false);
        this.dialogRef.close(group);
      },
      error: (error: unknown) => {
        this.saving.set(false);
        this.showError(error);
      },
    });
  }

  /** After a conflict: loads the group again; the entries stay and are now based on the current version. */
  protected reload(): void {
    const id = this.base?.id;
    if (!id || this.reloading()) {
      return;
    }
    this.reloading.set(true);
    this.groups
      .detail(id)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (group) => {
          this.reloading.set(false);
          // Fields the person did not touch take the current values; their own changes stay.
          const before = this.base ? this.valuesOf(this.base) : undefined;
          const now = this.valuesOf(this.form.getRawValue());
          const current = this.valuesOf(group);
          for (const field of Object.keys(current) as Field[]) {
            if (before && now[field] === before[field] && now[field] !== current[field]) {
              (this.form.controls[field] as FormControl<string>).setValue(current[field]);
            }
          }
          this.base = group;
          this.data.reloaded?.(group);
          this.error.set(null);
          this.notice.set(
            'Die aktuelle Fassung der Gruppe wurde geladen. Ihre Eingaben sind erhalten geblieben; Felder, die Sie nicht geändert haben, zeigen jetzt den aktuellen Stand. Prüfen Sie alles und speichern Sie erneut.',
          );
        },
        error: (error: unknown) => {
          this.reloading.set(false);
          this.error.set({ message: apiErrorText(error), stale: true });
        },
      });
  }

  private createRequest() {
    const v = this.form.getRawValue();
    const group: NewGroup = {
      kind: v.kind,
      number: v.number.trim() ? Number(v.number) : null,
      name: v.name.trim(),
      shortName: v.shortName.trim(),
      phase: v.phase.trim() || null,
      description: v.description,
      goals: v.goals,
    };
    return this.groups.create(group);
  }

  /** Only the fields the person changed (and may change) go to the api. */
  private changeRequest(base: GroupDetail) {
    const now = this.valuesOf(this.form.getRawValue());
    const before = this.valuesOf(base);
    const change: GroupChange = { version: base.version };
    let changed = false;
    const fields: Field[] = this.coordination
      ? [...COORDINATION_FIELDS, 'phase', 'description', 'goals']
      : ['phase', 'description', 'goals'];
    for (const field of fields) {
      if (now[field] === before[field]) {
        continue;
      }
      changed = true;
      switch (field) {
        case 'number':
          change.number = now.number ? Number(now.number) : null;
          break;
        case 'phase':
          change.phase = now.phase || null;
          break;
        case 'kind':
          change.kind = now.kind;
          break;
        case 'status':
          change.status = now.status;
          break;
        default:
          change[field] = now[field];
      }
    }
    return changed ? this.groups.update(base.id, change) : null;
  }

  /** Comparable values: trimmed single-line fields, Markdown as written. */
  private valuesOf(source: {
    kind: GroupKind;
    number: number | string | null;
    name: string;
    shortName: string;
    phase: string | null;
    status: GroupStatus;
    description: string;
    goals: string;
  }): Record<Field, string> & { kind: GroupKind; status: GroupStatus } {
    return {
      kind: source.kind,
      number: source.number === null ? '' : String(source.number).trim(),
      name: source.name.trim(),
      shortName: source.shortName.trim(),
      phase: (source.phase ?? '').trim(),
      status: source.status,
      description: source.description,
      goals: source.goals,
    };
  }

  private showError(error: unknown): void {
    const fields: Partial<Record<Field, string>> = {};
    for (const detail of apiFieldErrors(error)) {
      const field = detail.field as Field;
      if (field in this.form.controls && !fields[field]) {
        fields[field] = detail.message;
        this.form.controls[field].setErrors({ server: detail.message });
        this.form.controls[field].markAsTouched();
      }
    }
    this.fieldErrors.set(fields);
    if (Object.keys(fields).length) {
      this.error.set({
        message: 'Die Angaben wurden nicht gespeichert. Bitte beachten Sie die Hinweise an den Feldern.',
        stale: false,
      });
      this.focusFirstInvalid();
      return;
    }
    const details = apiErrorBody(error)?.details as { currentVersion?: number } | undefined;
    const stale = apiErrorCode(error) === 'CONFLICT' && !!this.base && typeof details?.currentVersion === 'number';
    this.error.set({
      message: stale
        ? 'Die Gruppe wurde inzwischen von jemand anderem geändert. Laden Sie die aktuelle Fassung; Ihre Eingaben bleiben dabei erhalten.'
        : apiErrorText(error),
      stale,
    });
    if (!stale && apiErrorCode(error) === 'CONFLICT' && this.coordination) {
      // The other conflict: the number is taken.
      this.form.controls.number.setErrors({ server: apiErrorText(error) });
      this.form.controls.number.markAsTouched();
      this.fieldErrors.set({ number: apiErrorText(error) });
    }
    this.content().nativeElement.scrollTop = 0;
  }

  private focusFirstInvalid(): void {
    setTimeout(() => {
      const invalid = this.content().nativeElement.querySelector<HTMLElement>(
        'input.ng-invalid, select.ng-invalid, textarea.ng-invalid',
      );
      invalid?.focus();
    });
  }
}
