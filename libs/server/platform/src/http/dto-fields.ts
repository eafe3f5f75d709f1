import { ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';

/** Something other than white space (for required text fields). */
export const NOT_BLANK = /\S/;

/** A real calendar date in ISO form (2026-02-30 is refused). */
@ValidatorConstraint({ name: 'calendarDate' })
export class IsCalendarDate implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
    const date = new Date(`${value}T00:00:00Z`);
    return (
      !Number.isNaN(date.getTime()) &&
      date.toISOString().startsWith(value) &&
      value >= '2000-01-01' &&
      value <= '2199-12-31'
    );
  }

  defaultMessage(): string {
    return 'Bitte geben Sie ein gültiges Datum an (TT.MM.JJJJ).';
  }
}

/** Transform: ids are compared as text, so 'ABC…' and 'abc…' must be the same. */
export const lowerIds = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value.toLowerCase()
    : Array.isArray(value)
      ? value.map((v) => (typeof v === 'string' ? v.toLowerCase() : v))
      : value;

/** Transform: "a,b" or ["a","b"] from a query string into a list. */
export const toList = ({ value }: { value: unknown }) =>
  value === undefined || value === ''
    ? undefined
    : (Array.isArray(value) ? value : String(value).split(',')).map((v) => String(v).trim()).filter(Boolean);
