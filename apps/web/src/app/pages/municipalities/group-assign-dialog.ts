import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, inject, signal, viewChild } from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { OrganizationsService, Person } from '../../core/organizations.service';
import { Problem, ProblemMessage, toProblem } from './problem';

export interface GroupOption {
  id: string;
  /** "UAG 3: Digitaler Zwilling". */
  label: string;
}

export interface GroupAssignData {
  organizationName: string;
  /** The organisation's active people. */
  people: Person[];
  /** The active groups. */
  groups: GroupOption[];
  /** Per person id, the groups they are in already. */
  memberOf: Record<string, string[]>;
  /** Preselected person. */
  personId?: string;
}

export interface GroupAssignResult {
  person: Person;
  group: GroupOption;
}

/** "In Arbeitsgruppe eintragen": one person of the organisation into one working group. */
@Component({
  selector: 'srp-group-assign-dialog',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatInput,
    MatLabel,
    ProblemMessage,
  ],
  template: `
    <h2 mat-dialog-title>In Arbeitsgruppe eintragen</h2>
    <mat-dialog-content>
      <p class="intro">
        Die Person wird sofort Mitglied der Arbeitsgruppe und erhält deren Einladungen und Protokolle.
      </p>
      <div role="alert">
        @if (problem(); as current) {
          <srp-problem [problem]="current" [showReload]="false" />
        }
      </div>
      <form id="group-assign-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Person aus {{ data.organizationName }}</mat-label>
          <select matNativeControl #personInput formControlName="personId" required>
            <option value="" disabled>Bitte wählen</option>
            @for (person of data.people; track person.id) {
              <option [value]="person.id">{{ person.name }}</option>
            }
          </select>
          @if (form.controls.personId.hasError('required')) {
            <mat-error>Bitte wählen Sie eine Person.</mat-error>
          }
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Arbeitsgruppe</mat-label>
          <select matNativeControl #groupInput formControlName="groupId" required>
            <option value="" disabled>Bitte wählen</option>
            @for (group of data.groups; track group.id) {
              <option [value]="group.id" [disabled]="isMember(group.id)">
                {{ group.label }}{{ isMember(group.id) ? ' (bereits dabei)' : '' }}
              </option>
            }
          </select>
          @if (form.controls.groupId.hasError('required')) {
            <mat-error>Bitte wählen Sie eine Arbeitsgruppe.</mat-error>
          }
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
      <button matButton="filled" type="submit" form="group-assign-form" [aria-disabled]="saving()">
        {{ saving() ? 'Wird eingetragen …' : 'Eintragen' }}
      </button>
    </mat-dialog-actions>
  `,
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class GroupAssignDialog {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialogRef = inject<MatDialogRef<GroupAssignDialog, GroupAssignResult>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<GroupAssignData>(MAT_DIALOG_DATA);

  protected readonly form = inject(NonNullableFormBuilder).group({
    personId: [
      this.data.personId ?? (this.data.people.length === 1 ? this.data.people[0].id : ''),
      Validators.required,
    ],
    groupId: ['', Validators.required],
  });
  private readonly personId = toSignal(this.form.controls.personId.valueChanges, {
    initialValue: this.form.controls.personId.value,
  });
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  private readonly personInput = viewChild.required<ElementRef<HTMLSelectElement>>('personInput');
  private readonly groupInput = viewChild.required<ElementRef<HTMLSelectElement>>('groupInput');

  constructor() {
    // A group the newly chosen person is in already cannot stay selected.
    this.form.controls.personId.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => {
      if (this.isMember(this.form.controls.groupId.value)) {
        this.form.controls.groupId.setValue('');
      }
    });
  }

  protected isMember(groupId: string): boolean {
    return (this.data.memberOf[this.personId()] ?? []).includes(groupId);
  }

  protected save(): void {
    if (this.saving()) {
      return;
    }
    this.problem.set(null);
    const controls = this.form.controls;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      (controls.personId.invalid ? this.personInput() : this.groupInput()).nativeElement.focus();
      return;
    }
    const { personId, groupId } = this.form.getRawValue();
    const person = this.data.people.find((p) => p.id === personId);
    const group = this.data.groups.find((g) => g.id === groupId);
    if (!person || !group) {
      return;
    }
    this.saving.set(true);
    this.organizations
      .addToGroup(groupId, personId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: () => this.dialogRef.close({ person, group }),
        error: (error: unknown) => {
          this.saving.set(false);
          this.problem.set(toProblem(error));
        },
      });
  }
}
