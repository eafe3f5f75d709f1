import { HttpErrorResponse } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { filter } from 'rxjs';
import {
  OrganizationDetail,
  OrganizationsService,
  PeopleImportOutcome,
  PeopleImportReport,
  PeopleImportRow,
} from '../../core/organizations.service';
import { apiFieldErrors } from '../../shared/api-errors';
import { Problem, ProblemMessage, toProblem } from './problem';

export interface PeopleImportData {
  organization: OrganizationDetail;
}

/** The report of the import that sent the invitations, or 'reload' after a conflict (e.g. retired meanwhile). */
export type PeopleImportResult = PeopleImportReport | 'reload';

/** Largest file the dialog reads (the api takes at most 500 000 characters and 500 people). */
export const MAX_FILE_BYTES = 500 * 1000;

/** The template offered for download: the columns the api reads and one clearly fictitious person. */
export const TEMPLATE_CSV =
  '\uFEFFName;E-Mail;Funktion;Telefon\r\nErika Beispiel;erika.beispiel@example.org;Sachgebiet Digitalisierung;0345 000000\r\n';

export const OUTCOMES: Record<PeopleImportOutcome, { label: string; icon: string }> = {
  invite: { label: 'Wird eingeladen', icon: 'person_add' },
  renew: { label: 'Einladung wird erneut gesendet', icon: 'forward_to_inbox' },
  skip: { label: 'Übersprungen', icon: 'do_not_disturb_on' },
  error: { label: 'Fehler', icon: 'error' },
};

type Counts = Record<PeopleImportOutcome, number>;

export function countOutcomes(rows: readonly PeopleImportRow[]): Counts {
  const counts: Counts = { invite: 0, renew: 0, skip: 0, error: 0 };
  for (const row of rows) {
    counts[row.outcome] += 1;
  }
  return counts;
}

/** "12 Personen werden eingeladen, 2 übersprungen, 1 Zeile mit Fehlern – Zeilen mit Fehlern werden nicht importiert." */
export function importSummary(rows: readonly PeopleImportRow[]): string {
  if (rows.length === 0) {
    return 'Die Tabelle enthält keine Personen, nur die Zeile mit den Spaltenüberschriften.';
  }
  const counts = countOutcomes(rows);
  const parts: string[] = [];
  if (counts.invite > 0) {
    parts.push(counts.invite === 1 ? '1 Person wird eingeladen' : `${counts.invite} Personen werden eingeladen`);
  }
  if (counts.renew > 0) {
    parts.push(
      counts.renew === 1 ? '1 Einladung wird erneut gesendet' : `${counts.renew} Einladungen werden erneut gesendet`,
    );
  }
  if (parts.length === 0) {
    parts.push('Niemand wird eingeladen');
  }
  if (counts.skip > 0) {
    parts.push(`${counts.skip} übersprungen`);
  }
  let text = parts.join(', ');
  if (counts.error > 0) {
    text += `, ${counts.error === 1 ? '1 Zeile' : `${counts.error} Zeilen`} mit Fehlern – Zeilen mit Fehlern werden nicht importiert`;
  }
  return `${text}.`;
}

/**
 * Rows copied from Excel or LibreOffice arrive separated by tabs; the api reads semicolons or
 * commas. Converts tab-separated text (quoting what needs it) and leaves everything else alone.
 */
export function tabsToSemicolons(text: string): string {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  if (!firstLine.includes('\t') || firstLine.includes(';') || firstLine.includes(',')) {
    return text;
  }
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .split('\t')
        .map((cell) => (!cell.startsWith('"') && /[;"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell))
        .join(';'),
    )
    .join('\r\n');
}

/** Reads a chosen file as UTF-8; files saved by Excel as "CSV (Trennzeichen-getrennt)" are Windows-1252. */
export async function readCsvFile(file: Blob): Promise<string> {
  const text = await file.text();
  if (!text.includes('\uFFFD')) {
    return text;
  }
  return new TextDecoder('windows-1252').decode(await file.arrayBuffer());
}

function lineCount(text: string): number {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').length;
}

/**
 * "Aus Tabelle importieren": onboarding colleagues from a CSV file in three steps: choose or paste
 * the table, read the api's dry-run report per row, send the invitations. Closes with the report of
 * the real import (so the page reloads the people), or with nothing when nobody was invited.
 */
@Component({
  selector: 'srp-people-import-dialog',
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogActions,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatHint,
    MatIcon,
    MatInput,
    MatLabel,
    MatProgressBar,
    ProblemMessage,
  ],
  templateUrl: './people-import-dialog.html',
  styleUrls: ['./dialog.scss', './people-import-dialog.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeopleImportDialog {
  private readonly organizations = inject(OrganizationsService);
  private readonly dialogRef = inject<MatDialogRef<PeopleImportDialog, PeopleImportResult>>(MatDialogRef);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);
  protected readonly data = inject<PeopleImportData>(MAT_DIALOG_DATA);

  protected readonly outcomes = OUTCOMES;
  protected readonly maxFileKb = MAX_FILE_BYTES / 1000;

  protected readonly step = signal<'input' | 'report' | 'done'>('input');
  protected readonly csv = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/)],
  });
  /** What was read from the chosen file. */
  protected readonly file = signal<{ name: string; lines: number } | null>(null);
  protected readonly fileProblem = signal<string | null>(null);
  protected readonly reading = signal(false);
  protected readonly busy = signal<'check' | 'import' | null>(null);
  protected readonly problem = signal<Problem | null>(null);
  /** The dry run's report, and the text it was made for (the import sends exactly that text). */
  protected readonly report = signal<PeopleImportReport | null>(null);
  private checkedCsv = '';
  /** The real import's report. */
  protected readonly result = signal<PeopleImportReport | null>(null);

  /** The report's rows, those with errors first (they need the person's attention), otherwise in file order. */
  protected readonly rows = computed(() => {
    const rows = this.report()?.rows ?? [];
    return [...rows.filter((row) => row.outcome === 'error'), ...rows.filter((row) => row.outcome !== 'error')];
  });
  protected readonly counts = computed(() => countOutcomes(this.report()?.rows ?? []));
  protected readonly summary = computed(() => importSummary(this.report()?.rows ?? []));
  /** Invitations the import will send: new ones and renewed pending ones. */
  protected readonly toSend = computed(() => this.counts().invite + this.counts().renew);
  protected readonly notImported = computed(() => {
    const rows = this.result()?.rows ?? [];
    return rows.filter((row) => row.outcome === 'error' || row.outcome === 'skip').length;
  });

  private readonly stepHeading = viewChild<ElementRef<HTMLElement>>('stepHeading');
  private readonly csvInput = viewChild<ElementRef<HTMLTextAreaElement>>('csvInput');
  private readonly fileInput = viewChild<ElementRef<HTMLInputElement>>('fileInput');

  constructor() {
    // Escape and a click beside the dialog close it too, but not while the invitations are being
    // sent, and after the import the page must learn about it: so the dialog decides how to close.
    this.dialogRef.disableClose = true;
    this.dialogRef
      .keydownEvents()
      .pipe(
        filter((event) => event.key === 'Escape'),
        takeUntilDestroyed(),
      )
      .subscribe((event) => {
        event.preventDefault();
        this.close();
      });
    this.dialogRef
      .backdropClick()
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.close());
  }

  /** The address in two parts, so that a narrow column breaks it before the "@". */
  protected splitEmail(email: string): { local: string; domain: string } {
    const at = email.indexOf('@');
    return at > 0 ? { local: email.slice(0, at), domain: email.slice(at) } : { local: email, domain: '' };
  }

  protected chooseFile(): void {
    this.fileInput()?.nativeElement.click();
  }

  protected async readFile(input: HTMLInputElement): Promise<void> {
    const chosen = input.files?.[0];
    // Forget the selection so that choosing the same (corrected) file again is noticed.
    input.value = '';
    if (!chosen) {
      return;
    }
    this.fileProblem.set(null);
    this.problem.set(null);
    if (chosen.size > MAX_FILE_BYTES) {
      this.fileProblem.set(
        `Die Datei „${chosen.name}“ ist größer als ${this.maxFileKb} kB. Bitte teilen Sie die Tabelle auf (höchstens 500 Personen auf einmal).`,
      );
      return;
    }
    this.reading.set(true);
    try {
      const text = await readCsvFile(chosen);
      this.csv.setValue(text);
      this.csv.markAsTouched();
      this.file.set({ name: chosen.name, lines: lineCount(text) });
    } catch {
      this.fileProblem.set(`Die Datei „${chosen.name}“ konnte nicht gelesen werden. Bitte versuchen Sie es erneut.`);
    } finally {
      this.reading.set(false);
    }
  }

  protected downloadTemplate(): void {
    const url = URL.createObjectURL(new Blob([TEMPLATE_CSV], { type: 'text/csv;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'personen-vorlage.csv';
    link.click();
    setTimeout(() => URL.revokeObjectURL(url));
  }

  /** Step 1 → 2: the dry run. */
  protected check(): void {
    if (this.busy()) {
      return;
    }
    this.problem.set(null);
    if (this.csv.invalid) {
      this.csv.markAsTouched();
      this.goTo('input', 'csv');
      return;
    }
    const text = tabsToSemicolons(this.csv.value);
    this.busy.set('check');
    this.organizations
      .importPeople(this.data.organization.id, text, true)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (report) => {
          this.busy.set(null);
          this.checkedCsv = text;
          this.report.set(report);
          this.goTo('report');
        },
        error: (error: unknown) => this.fail(error),
      });
  }

  /** Step 2 → 3: the real import, with exactly the text that was checked. */
  protected send(): void {
    if (this.busy() || this.toSend() === 0) {
      return;
    }
    this.problem.set(null);
    this.busy.set('import');
    this.organizations
      .importPeople(this.data.organization.id, this.checkedCsv, false)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.busy.set(null);
          this.result.set(result);
          this.goTo('done');
        },
        error: (error: unknown) => this.fail(error),
      });
  }

  /** Step 2 → 1, to correct the table. */
  protected back(): void {
    if (this.busy()) {
      return;
    }
    this.problem.set(null);
    this.goTo('input');
  }

  protected close(): void {
    if (this.busy() === 'import') {
      return;
    }
    this.dialogRef.close(this.result() ?? undefined);
  }

  protected reload(): void {
    this.dialogRef.close('reload');
  }

  private fail(error: unknown): void {
    this.busy.set(null);
    const message =
      apiFieldErrors(error).find((detail) => detail.field === 'csv')?.message ??
      (error instanceof HttpErrorResponse && error.status === 413
        ? 'Die Tabelle ist zu groß. Bitte importieren Sie höchstens 500 Personen auf einmal.'
        : null);
    if (message) {
      // A problem with the table itself: show it at the table, where it can be fixed.
      this.csv.setErrors({ server: message });
      this.csv.markAsTouched();
      this.goTo('input', 'csv');
      return;
    }
    this.problem.set(toProblem(error));
  }

  private goTo(step: 'input' | 'report' | 'done', focus: 'heading' | 'csv' = 'heading'): void {
    this.step.set(step);
    afterNextRender(
      () => {
        const target = (focus === 'csv' ? this.csvInput() : this.stepHeading())?.nativeElement;
        target?.focus();
        // The field's message sits below it: bring it into view as well.
        target?.closest('mat-form-field')?.scrollIntoView?.({ block: 'nearest' });
      },
      { injector: this.injector },
    );
  }
}
