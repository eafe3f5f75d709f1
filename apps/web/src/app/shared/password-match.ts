import { AbstractControl, ValidationErrors, ValidatorFn } from '@angular/forms';

/** For a "repeat the password" field: `{ mismatch: true }` while it differs from the sibling `field`. */
export function sameAs(field: string): ValidatorFn {
  return (control: AbstractControl<string>): ValidationErrors | null => {
    const other = control.parent?.get(field)?.value as string | undefined;
    return control.value && other !== undefined && control.value !== other ? { mismatch: true } : null;
  };
}
