import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  inject,
  signal,
  viewChildren,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
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
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { ORGANIZATION_KINDS } from '@srp/contracts';
import {
  DistrictParticipation,
  OrganizationDetail,
  OrganizationKind,
  OrganizationsService,
} from '../../core/organizations.service';
import { apiFieldErrors } from '../../shared/api-errors';
import { ORGANIZATION_KIND_LABELS } from '../../shared/organization-labels';
import { isMunicipal } from './membership-rules';
import { Problem, ProblemMessage, toProblem } from './problem';

export interface OrganizationFormData {
  districts: DistrictParticipation[];
  /** The organisation to edit; a new one is created without it. */
  organization?: OrganizationDetail;
}

/** Closes with the saved organisation, or 'reload' after a version conflict. */
export type OrganizationFormResult = OrganizationDetail | 'reload';

type Field = 'kind' | 'officialName' | 'displayName' | 'ags' | 'districtKey' | 'population' | 'address' | 'website';

const FIELDS: readonly Field[] = [
  'kind',
  'officialName',
  'displayName',
  'ags',
  'districtKey',
  'population',
  'address',
  'website',
];

const WEBSITE = /^https?:\/\/[^\s/$.?#].[^\s]*$/i;

/** Coordinators: "Organisation hinzufügen" and "Angaben bearbeiten" (kind, names, AGS, district, address, …). */
@Component({
  selector: 'srp-organization-form-dialog',
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
    MatInput,
    MatLabel,
    ProblemMessage,
  ],
  templateUrl: './organization-form-dialog.html',
  styleUrl: './dialog.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OrganizationFormDialog {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialogRef = inject<MatDialogRef<OrganizationFormDialog, OrganizationFormResult>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly data = inject<OrganizationFormData>(MAT_DIALOG_DATA);
  protected readonly editing = !!this.data.organization;
  protected readonly kinds = ORGANIZATION_KINDS;
  protected readonly kindLabels = ORGANIZATION_KIND_LABELS;
  protected readonly districts = [...this.data.districts].sort((a, b) => a.name.localeCompare(b.name, 'de'));

  protected readonly form = this.buildForm();
  protected readonly saving = signal(false);
  protected readonly problem = signal<Problem | null>(null);
  protected readonly serverErrors = signal<Partial<Record<Field, string>>>({});

  private readonly inputs = viewChildren<ElementRef<HTMLElement>>('field');

  constructor() {
    // The first five digits of the AGS are the district key: pick the district for the person.
    this.form.controls.ags.valueChanges.pipe(takeUntilDestroyed()).subscribe((ags) => {
      const key = ags.trim().slice(0, 5);
      if (/^\d{8}$/.test(ags.trim()) && this.districts.some((d) => d.key === key)) {
        this.form.controls.districtKey.setValue(key);
      }
    });
  }

  protected isMunicipalKind(): boolean {
    return isMunicipal(this.form.controls.kind.value as OrganizationKind);
  }

  protected save(): void {
    if (this.saving()) {
      return;
    }
    this.problem.set(null);
    this.serverErrors.set({});
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      this.focusFirstInvalid();
      return;
    }
    const value = this.form.getRawValue();
    const district = this.districts.find((d) => d.key === value.districtKey);
    const officialName = value.officialName.trim();
    const fields = {
      officialName,
      displayName: value.displayName.trim() || officialName,
      ags: value.ags.trim() || null,
      districtKey: district?.key ?? null,
      districtName: district?.name ?? null,
      population: value.population.trim() === '' ? null : Number(value.population.trim()),
      address: value.address.trim() || null,
      website: value.website.trim() || null,
    };
    const kind = value.kind as OrganizationKind;
    const existing = this.data.organization;
    const request = existing
      ? this.organizations.update(existing.id, { ...fields, kind, version: existing.version })
      : this.organizations.create({ ...fields, kind });
    this.saving.set(true);
    request.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (saved) => this.dialogRef.close(saved),
      error: (error: unknown) => {
        this.saving.set(false);
        const errors: Partial<Record<Field, string>> = {};
        for (const detail of apiFieldErrors(error)) {
          const field = (detail.field === 'districtName' ? 'districtKey' : detail.field) as Field;
          if (FIELDS.includes(field)) {
            errors[field] ??= detail.message;
            this.form.controls[field].setErrors({ server: detail.message });
            this.form.controls[field].markAsTouched();
          }
        }
        this.serverErrors.set(errors);
        this.problem.set(toProblem(error));
        this.focusFirstInvalid();
      },
    });
  }

  protected reload(): void {
    this.dialogRef.close('reload');
  }

  private focusFirstInvalid(): void {
    const invalid = FIELDS.find((field) => this.form.controls[field].invalid);
    if (!invalid) {
      return;
    }
    this.inputs()
      .find((ref) => ref.nativeElement.getAttribute('formcontrolname') === invalid)
      ?.nativeElement.focus();
  }

  private buildForm() {
    const o = this.data.organization;
    return inject(NonNullableFormBuilder).group({
      kind: [o?.kind ?? 'municipality', Validators.required],
      officialName: [o?.officialName ?? '', [Validators.required, Validators.maxLength(200)]],
      displayName: [o && o.displayName !== o.officialName ? o.displayName : '', Validators.maxLength(200)],
      ags: [o?.ags ?? '', Validators.pattern(/^\s*\d{8}\s*$/)],
      districtKey: [o?.districtKey ?? ''],
      population: [
        o?.population === null || o?.population === undefined ? '' : String(o.population),
        [Validators.pattern(/^\s*\d{1,9}\s*$/)],
      ],
      address: [o?.address ?? '', Validators.maxLength(500)],
      website: [o?.website ?? '', [Validators.pattern(WEBSITE), Validators.maxLength(300)]],
    });
  }
}
