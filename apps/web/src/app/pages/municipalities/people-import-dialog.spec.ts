import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog, MatDialogRef } from '@angular/material/dialog';
import { provideRouter } from '@angular/router';
import { OrganizationDetailDto } from '../../api/generated/models/organization-detail-dto';
import { PeopleImportReportDto } from '../../api/generated/models/people-import-report-dto';
import { PeopleImportRowDto } from '../../api/generated/models/people-import-row-dto';
import { present } from '../../testing/dom-testing';
import {
  MAX_FILE_BYTES,
  PeopleImportData,
  PeopleImportDialog,
  PeopleImportResult,
  TEMPLATE_CSV,
  importSummary,
  readCsvFile,
  tabsToSemicolons,
} from './people-import-dialog';

const ID = '11111111-1111-4111-8111-111111111111';
const URL_IMPORT = `/api/organizations/${ID}/people/import`;
const CSV = 'Name;E-Mail\nAnna Import;import.anna@example.org\n';

const ORGANIZATION = { id: ID, displayName: 'Halle (Saale)' } as OrganizationDetailDto;

function row(line: number, outcome: PeopleImportRowDto['outcome'], messages: string[] = []): PeopleImportRowDto {
  return {
    line,
    name: `Person ${line}`,
    email: `import.person${line}@example.org`,
    functionTitle: line === 2 ? 'Sachgebiet Digitalisierung' : null,
    outcome,
    messages,
  };
}

const REPORT: PeopleImportReportDto = {
  dryRun: true,
  invited: 0,
  rows: [
    row(2, 'invite'),
    row(3, 'invite'),
    row(4, 'renew', ['Ist schon eingeladen: Die Einladung wird erneut gesendet.']),
    row(5, 'skip', ['Hat bereits ein Konto in dieser Organisation.']),
    row(6, 'error', ['Die E-Mail-Adresse ist ungültig.']),
  ],
};

function apiError(status: number, code: string, message: string, details: unknown = {}) {
  return [
    { code, message, details, correlationId: 'test' },
    { status, statusText: 'Fehler' },
  ] as const;
}

// jsdom's Blob lacks the promise-based readers that every supported browser has.
function readBlob(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error);
    reader.readAsArrayBuffer(blob);
  });
}
beforeAll(() => {
  Blob.prototype.arrayBuffer ??= function (this: Blob) {
    return readBlob(this);
  };
  Blob.prototype.text ??= async function (this: Blob) {
    return new TextDecoder().decode(await readBlob(this));
  };
});

describe('people import helpers', () => {
  it('sums up the report in one sentence', () => {
    expect(importSummary(REPORT.rows)).toBe(
      '2 Personen werden eingeladen, 1 Einladung wird erneut gesendet, 1 übersprungen, 1 Zeile mit Fehlern – Zeilen mit Fehlern werden nicht importiert.',
    );
    expect(importSummary([row(2, 'invite')])).toBe('1 Person wird eingeladen.');
    expect(importSummary([row(2, 'skip'), row(3, 'skip'), row(4, 'error'), row(5, 'error')])).toBe(
      'Niemand wird eingeladen, 2 übersprungen, 2 Zeilen mit Fehlern – Zeilen mit Fehlern werden nicht importiert.',
    );
    expect(importSummary([])).toContain('keine Personen');
  });

  it('turns rows copied from a spreadsheet (tabs) into semicolon-separated text, and leaves CSV alone', () => {
    expect(tabsToSemicolons('Name\tFunktion\nAnna "Anni" Import\tBau; Planung\n')).toBe(
      'Name;Funktion\r\n"Anna ""Anni"" Import";"Bau; Planung"\r\n',
    );
    expect(tabsToSemicolons(CSV)).toBe(CSV);
    expect(tabsToSemicolons('Name,E-Mail\nA\tB,a@x.de')).toBe('Name,E-Mail\nA\tB,a@x.de');
  });

  it('reads UTF-8 files, and falls back to Windows-1252 for files saved by older Excel versions', async () => {
    expect(await readCsvFile(new Blob(['Name;E-Mail\nJörg Müßig;j@x.de'], { type: 'text/csv' }))).toContain(
      'Jörg Müßig',
    );
    // "Jörg" in Windows-1252: ö is the single byte 0xF6, invalid as UTF-8.
    const latin = new Uint8Array([0x4a, 0xf6, 0x72, 0x67]);
    expect(await readCsvFile(new Blob([latin]))).toBe('Jörg');
  });

  it('offers a template with a byte order mark, the four columns and a fictitious person', () => {
    expect(TEMPLATE_CSV.startsWith('\uFEFFName;E-Mail;Funktion;Telefon\r\n')).toBe(true);
    expect(TEMPLATE_CSV).toContain('Erika Beispiel;erika.beispiel@example.org;');
  });
});

describe('PeopleImportDialog', () => {
  let backend: HttpTestingController;
  let dialogRef: MatDialogRef<PeopleImportDialog, PeopleImportResult>;
  let closedWith: PeopleImportResult | undefined | 'open';

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    dialogRef = TestBed.inject(MatDialog).open<PeopleImportDialog, PeopleImportData, PeopleImportResult>(
      PeopleImportDialog,
      { data: { organization: ORGANIZATION } },
    );
    closedWith = 'open';
    dialogRef.afterClosed().subscribe((result) => (closedWith = result));
    await settle();
  });

  afterEach(() => {
    backend.verify();
    TestBed.inject(MatDialog).closeAll();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  async function settle(): Promise<void> {
    const app = TestBed.inject(ApplicationRef);
    await app.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await app.whenStable();
  }

  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
  const text = (root: Element = dialog()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const buttons = () => Array.from(dialog().querySelectorAll<HTMLButtonElement>('button'));
  const button = (label: string) =>
    present(
      buttons().find((b) => text(b).includes(label)),
      `button ${label}`,
    );
  const textarea = () => present(dialog().querySelector('textarea'), 'textarea');

  async function paste(value: string): Promise<void> {
    textarea().value = value;
    textarea().dispatchEvent(new Event('input'));
    await settle();
  }

  async function click(label: string): Promise<void> {
    button(label).click();
    await settle();
  }

  async function choose(file: File): Promise<void> {
    const input = present(dialog().querySelector<HTMLInputElement>('input[type="file"]'), 'file input');
    expect(input.accept).toBe('.csv,text/csv');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    input.dispatchEvent(new Event('change'));
    // Reading the file is asynchronous.
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
  }

  async function checkAndAnswer(report: PeopleImportReportDto = REPORT): Promise<void> {
    await click('Prüfen');
    const request = backend.expectOne({ method: 'POST', url: URL_IMPORT });
    expect(request.request.body.dryRun).toBe(true);
    request.flush(report);
    await settle();
  }

  it('explains the columns and asks for a table before checking', async () => {
    const intro = text();
    expect(intro).toContain('Schritt 1 von 3');
    expect(intro).toContain('Name und E-Mail (Pflicht)');
    expect(intro).toContain('Name;E-Mail;Funktion;Telefon');
    expect(button('Vorlage herunterladen')).toBeTruthy();

    await click('Prüfen');
    expect(text()).toContain('Bitte wählen Sie eine CSV-Datei aus oder fügen Sie den Inhalt der Tabelle ein.');
    expect(document.activeElement).toBe(textarea());
    backend.expectNone(URL_IMPORT);
  });

  it('checks the table, shows the report per row, sends the invitations and closes with the result', async () => {
    await paste(CSV);
    await click('Prüfen');
    const check = backend.expectOne({ method: 'POST', url: URL_IMPORT });
    expect(check.request.body).toEqual({ csv: CSV, dryRun: true });
    check.flush(REPORT);
    await settle();

    expect(text()).toContain('Schritt 2 von 3');
    expect(text()).toContain(
      '2 Personen werden eingeladen, 1 Einladung wird erneut gesendet, 1 übersprungen, 1 Zeile mit Fehlern – Zeilen mit Fehlern werden nicht importiert.',
    );
    const table = present(dialog().querySelector('table'), 'report table');
    expect(text(present(table.querySelector('caption'), 'caption'))).toBe(
      'Prüfergebnis je Zeile der Tabelle, Zeilen mit Fehlern zuerst',
    );
    expect(Array.from(table.querySelectorAll('th')).map((th) => text(th))).toEqual([
      'Zeile',
      'Name',
      'E-Mail',
      'Funktion',
      'Ergebnis',
    ]);
    const rows = Array.from(table.querySelectorAll('tbody tr')).map((tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => text(td)),
    );
    // "Zeile" is only shown when narrow screens stack the cells.
    expect(rows.map((cells) => cells[0])).toEqual(['Zeile 6', 'Zeile 2', 'Zeile 3', 'Zeile 4', 'Zeile 5']);
    expect(rows[1]).toEqual([
      'Zeile 2',
      'Person 2',
      'import.person2@example.org',
      'Sachgebiet Digitalisierung',
      // The icon's ligature is part of the text content; screen readers skip it (aria-hidden).
      'person_add Wird eingeladen',
    ]);
    expect(rows.map((cells) => cells[4].replace(/^\S+ /, ''))).toEqual([
      'Fehler Die E-Mail-Adresse ist ungültig.',
      'Wird eingeladen',
      'Wird eingeladen',
      'Einladung wird erneut gesendet Ist schon eingeladen: Die Einladung wird erneut gesendet.',
      'Übersprungen Hat bereits ein Konto in dieser Organisation.',
    ]);
    expect(table.querySelector('.outcome mat-icon')?.getAttribute('aria-hidden')).toBe('true');

    await click('3 Einladungen senden');
    const run = backend.expectOne({ method: 'POST', url: URL_IMPORT });
    expect(run.request.body).toEqual({ csv: CSV, dryRun: false });
    const result = { ...REPORT, dryRun: false, invited: 3 };
    run.flush(result);
    await settle();

    expect(text()).toContain('Schritt 3 von 3');
    expect(text()).toContain('3 Einladungen wurden gesendet.');
    expect(text()).toContain('2 Zeilen wurden nicht importiert');
    expect(closedWith).toBe('open');
    await click('Schließen');
    expect(closedWith).toEqual(result);
  });

  it('sends rows pasted from a spreadsheet as semicolon-separated text', async () => {
    await paste('Name\tE-Mail\nAnna Import\timport.anna@example.org');
    await click('Prüfen');
    const check = backend.expectOne({ method: 'POST', url: URL_IMPORT });
    expect(check.request.body.csv).toBe('Name;E-Mail\r\nAnna Import;import.anna@example.org');
    check.flush(REPORT);
    await settle();
  });

  it('offers no sending when nobody would be invited, and goes back to the unchanged table', async () => {
    await paste(CSV);
    await checkAndAnswer({ ...REPORT, rows: [row(2, 'skip', ['Hat bereits ein Konto in dieser Organisation.'])] });
    expect(text()).toContain('Niemand wird eingeladen, 1 übersprungen.');
    expect(buttons().some((b) => text(b).includes('senden'))).toBe(false);

    await click('Zurück');
    expect(text()).toContain('Schritt 1 von 3');
    expect(textarea().value).toBe(CSV);
    expect(document.activeElement?.textContent).toContain('Schritt 1 von 3');
  });

  it('shows a wrong file format at the table, in the api’s words', async () => {
    await paste('Vorname;Mail\nAnna;a@example.org');
    await click('Prüfen');
    backend
      .expectOne({ method: 'POST', url: URL_IMPORT })
      .flush(
        ...apiError(400, 'VALIDATION_FAILED', 'Die Eingaben sind unvollständig oder ungültig.', [
          { field: 'csv', code: 'format', message: 'Die erste Zeile muss die Spalten „Name“ und „E-Mail“ enthalten.' },
        ]),
      );
    await settle();
    const error = present(dialog().querySelector('mat-error'), 'field error');
    expect(text(error)).toBe('Die erste Zeile muss die Spalten „Name“ und „E-Mail“ enthalten.');
    expect(dialog().querySelector('srp-problem')).toBeNull();
    expect(document.activeElement).toBe(textarea());

    // Correcting the table removes the message.
    await paste(CSV);
    expect(dialog().querySelector('mat-error')).toBeNull();

    // Too large for the api: also a matter of the table.
    await click('Prüfen');
    backend.expectOne(URL_IMPORT).flush(...apiError(413, 'PAYLOAD_TOO_LARGE', 'Die Anfrage ist zu groß.'));
    await settle();
    expect(text(present(dialog().querySelector('mat-error'), 'field error'))).toBe(
      'Die Tabelle ist zu groß. Bitte importieren Sie höchstens 500 Personen auf einmal.',
    );
  });

  it('explains a missing permission and a lost connection, and keeps the table', async () => {
    await paste(CSV);
    await click('Prüfen');
    backend.expectOne(URL_IMPORT).flush(...apiError(403, 'FORBIDDEN', 'Dafür fehlt Ihnen die Berechtigung.'));
    await settle();
    expect(text(present(dialog().querySelector('srp-problem'), 'problem'))).toContain(
      'Dafür fehlt Ihnen die Berechtigung.',
    );

    await click('Prüfen');
    backend.expectOne(URL_IMPORT).error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await settle();
    expect(text(present(dialog().querySelector('srp-problem'), 'problem'))).toContain(
      'Der Server ist gerade nicht erreichbar.',
    );
    expect(textarea().value).toBe(CSV);
  });

  it('offers to reload the page when the organisation was retired meanwhile', async () => {
    await paste(CSV);
    await checkAndAnswer();
    await click('3 Einladungen senden');
    backend.expectOne(URL_IMPORT).flush(...apiError(409, 'CONFLICT', 'Die Organisation ist stillgelegt.'));
    await settle();
    expect(text(present(dialog().querySelector('srp-problem'), 'problem'))).toContain(
      'Die Organisation ist stillgelegt.',
    );
    await click('Neu laden');
    expect(closedWith).toBe('reload');
  });

  it('reads a chosen file into the table, and refuses files that are too large', async () => {
    await choose(new File(['x'.repeat(MAX_FILE_BYTES + 1)], 'gross.csv', { type: 'text/csv' }));
    expect(text()).toContain('Die Datei „gross.csv“ ist größer als 500 kB.');
    expect(textarea().value).toBe('');

    await choose(new File([CSV], 'kollegium.csv', { type: 'text/csv' }));
    expect(text()).not.toContain('größer als 500 kB');
    expect(text()).toContain('„kollegium.csv“ eingelesen: 2 Zeilen');
    expect(textarea().value).toBe(CSV);
  });

  it('downloads the template as a CSV file', async () => {
    const createObjectURL = vi.fn(() => 'blob:vorlage');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicked = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      expect(this.download).toBe('personen-vorlage.csv');
      expect(this.href).toBe('blob:vorlage');
    });
    await click('Vorlage herunterladen');
    expect(clicked).toHaveBeenCalledTimes(1);
    const blob = (createObjectURL.mock.calls[0] as unknown as [Blob])[0];
    expect(blob.type).toBe('text/csv;charset=utf-8');
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect(Array.from(bytes.slice(0, 3))).toEqual([0xef, 0xbb, 0xbf]);
    await new Promise((resolve) => setTimeout(resolve));
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:vorlage');
    clicked.mockRestore();
  });

  it('closes on Escape without a result before the import, but not while the invitations are being sent', async () => {
    await paste(CSV);
    await checkAndAnswer();
    await click('3 Einladungen senden');
    const escape = () =>
      dialog().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, cancelable: true }));
    escape();
    await settle();
    expect(closedWith).toBe('open');
    const result = { ...REPORT, dryRun: false, invited: 3 };
    backend.expectOne(URL_IMPORT).flush(result);
    await settle();
    escape();
    await settle();
    expect(closedWith).toEqual(result);
  });

  it('closes without a result when cancelled', async () => {
    await click('Abbrechen');
    expect(closedWith).toBeUndefined();
  });
});
