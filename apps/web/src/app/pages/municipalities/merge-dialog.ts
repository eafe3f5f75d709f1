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
import { MatError, MatFormField, MatHint, MatLabel, MatPrefix } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { OrganizationDetail, OrganizationSummary, OrganizationsService } from '../../core/organizations.service';
import { apiFieldErrors } from '../../shared/api-errors';
import { organizationKindLabel } from '../../shared/organization-labels';
import { Problem, ProblemMessage, toProblem } from './problem';

export type MergeResult = OrganizationDetail | 'reload';

const SHOWN = 8;

/** Coordinators: merge this organisation into another (a municipal merger); its people move there. */
@Component({
  selector: 'srp-merge-dialog',
  imports: [
    ReactiveFormsModule,
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
    MatPrefix,
    MatProgressBar,
    ProblemMessage,
  ],
  template: `
    <h2 mat-dialog-title>Mit anderer Organisation zusammenführen</h2>
    <mat-dialog-content>
      <p class="intro">
        {{ source.displayName }} geht in der gewählten Organisation auf, zum Beispiel bei einer Eingemeindung.
        {{ peopleText }} {{ source.displayName }} wird stillgelegt und verweist auf die neue Organisation. Das lässt
        sich nicht rückgängig machen.
      </p>
      <div role="alert">
        @if (problem(); as current) {
          <srp-problem [problem]="current" (reload)="reload()" />
        }
      </div>
      <form id="merge-form" [formGroup]="form" (ngSubmit)="save()" novalidate>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Ziel-Organisation suchen</mat-label>
          <mat-icon matPrefix>search</mat-icon>
          <input
            matInput
            #searchInput
            type="search"
            formControlName="search"
            autocomplete="off"
            spellcheck="false"
            aria-describedby="merge-candidates-count"
          />
          <mat-hint>Name oder AGS</mat-hint>
        </mat-form-field>
        <fieldset>
          <legend>Ziel-Organisation</legend>
          @if (candidates() === null) {
            <mat-progress-bar mode="indeterminate" aria-label="Organisationen werden geladen" />
          } @else {
            <p id="merge-candidates-count" class="muted count" role="status">{{ matchText() }}</p>
            <div class="choices">
              @for (candidate of matches(); track candidate.id) {
                <label class="choice">
                  <input #targetChoice type="radio" formControlName="targetId" [value]="candidate.id" />
                  <span>
                    {{ candidate.displayName }}
                    <span class="choice-hint">
                      {{ kindLabel(candidate.kind) }}{{ candidate.districtName ? ' · ' + candidate.districtName : ''
                      }}{{ candidate.ags ? ' · AGS ' + candidate.ags : '' }}
                    </span>
                  </span>
                </label>
              }
            </div>
          }
          @if (form.controls.targetId.touched && form.controls.targetId.hasError('required')) {
            <p class="field-error" role="alert">Bitte wählen Sie die Organisation, in der sie aufgeht.</p>
          }
        </fieldset>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>Begründung</mat-label>
          <textarea matInput #reasonInput rows="3" formControlName="reason" required maxlength="500"></textarea>
          <mat-hint>Zum Beispiel „Eingemeindet zum 01.01.2027“</mat-hint>
          @if (form.controls.reason.hasError('required') || form.controls.reason.hasError('pattern')) {
            <mat-error>Bitte begründen Sie die Zusammenführung.</mat-error>
          } @else if (form.controls.reason.hasError('server')) {
            <mat-error>{{ form.controls.reason.getError('server') }}</mat-error>
          }
        </mat-form-field>
      </form>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button matButton type="button" [mat-dialog-close]="undefined">Abbrechen</button>
      <button matButton="filled" type="submit" form="merge-form" class="destructive" [aria-disabled]="saving()">
        {{ saving() ? 'Wird zusammengeführt …' : 'Zusammenführen' }}
      </button>
    </mat-dialog-actions>
  `,
  styleUrl: './dialog.scss',
  styles: `
    .count {
      margin: 0 0 0.5rem;
      font: var(--mat-sys-body-small);
    }
    .destructive {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MergeDialog {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialogRef = inject<MatDialogRef<MergeDialog, MergeResult>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly source = inject<OrganizationDetail>(MAT_DIALOG_DATA);
  protected readonly kindLabel = organizationKindLabel;
  protected readonly peopleText =
    this.source.people.length === 0
      ? ''
      : this.source.people.length === 1
        ? 'Die zugehörige Person wechselt dorthin;'
        : `Alle ${this.source.people.length} zugehörigen Personen wechseln dorthin;`;

  protected readonly form = inject(NonNullableFormBuilder).group({
    search: [''],
    targetId: ['', Validators.required],
    reason: ['', [Validators.required, Validators.pattern(/\S/), Validators.maxLength(500)]],
  });
  private readonly search = toSignal(this.form.controls.search.valueChanges, { initialValue: '' });
  private readonly targetId = toSignal(this.form.controls.targetId.valueChanges, { initialValue: '' });

  protected readonly candidates = signal<OrganizationSummary[] | null>(null);
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);

  private readonly allMatches = computed(() => {
    const needle = this.search().trim().toLocaleLowerCase('de');
    return (this.candidates() ?? []).filter(
      (o) =>
        !needle ||
        o.displayName.toLocaleLowerCase('de').includes(needle) ||
        o.officialName.toLocaleLowerCase('de').includes(needle) ||
        (o.ags?.startsWith(needle) ?? false),
    );
  });

  /** The first matches, keeping the chosen one visible while the person searches on. */
  protected readonly matches = computed(() => {
    const shown = this.allMatches().slice(0, SHOWN);
    const chosen = (this.candidates() ?? []).find((o) => o.id === this.targetId());
    return chosen && !shown.includes(chosen) ? [chosen, ...shown] : shown;
  });

  protected readonly matchText = computed(() => {
    const total = this.allMatches().length;
    if (total === 0) {
      return 'Keine Organisation gefunden. Ändern Sie die Suche.';
    }
    return total > SHOWN ? `${total} Treffer, die ersten ${SHOWN} werden gezeigt.` : `${total} Treffer`;
  });

  private readonly searchInput = viewChild.required<ElementRef<HTMLInputElement>>('searchInput');
  private readonly targetChoice = viewChild<ElementRef<HTMLInputElement>>('targetChoice');
  private readonly reasonInput = viewChild.required<ElementRef<HTMLTextAreaElement>>('reasonInput');

  constructor() {
    this.organizations
      .list()
      .pipe(takeUntilDestroyed())
      .subscribe({
        next: (list) => this.candidates.set(list.filter((o) => o.id !== this.source.id)),
        error: (error: unknown) => {
          this.candidates.set([]);
          this.problem.set(toProblem(error));
        },
      });
  }

  protected save(): void {
    if (this.saving()) {
      return;
    }
    this.problem.set(null);
    const controls = this.form.controls;
    if (controls.targetId.invalid || controls.reason.invalid) {
      this.form.markAllAsTouched();
      if (controls.targetId.invalid) {
        (this.targetChoice() ?? this.searchInput()).nativeElement.focus();
      } else {
        this.reasonInput().nativeElement.focus();
      }
      return;
    }
    const { targetId, reason } = this.form.getRawValue();
    this.saving.set(true);
    this.organizations
      .merge(this.source.id, targetId, reason.trim(), this.source.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (target) => this.dialogRef.close(target),
        error: (error: unknown) => {
          this.saving.set(false);
          for (const detail of apiFieldErrors(error)) {
            if (detail.field === 'reason') {
              controls.reason.setErrors({ server: detail.message });
              controls.reason.markAsTouched();
            }
          }
          this.problem.set(toProblem(error));
        },
      });
  }

  protected reload(): void {
    this.dialogRef.close('reload');
  }
}
