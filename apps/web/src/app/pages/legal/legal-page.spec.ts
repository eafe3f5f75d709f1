import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { LegalPage } from './legal-page';

describe('LegalPage', () => {
  let fixture: ComponentFixture<LegalPage>;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [LegalPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LegalPage);
    fixture.componentRef.setInput('page', 'impressum');
    fixture.componentRef.setInput('heading', 'Impressum');
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const element = () => fixture.nativeElement as HTMLElement;

  it('shows a progress bar while loading', () => {
    http.expectOne('/api/site/legal/impressum');
    expect(element().querySelector('mat-progress-bar')).not.toBeNull();
    expect(element().querySelector('h1')?.textContent).toBe('Impressum');
  });

  it('renders the title and every paragraph as plain text', async () => {
    http.expectOne('/api/site/legal/impressum').flush({
      page: 'impressum',
      title: 'Impressum des Portals',
      paragraphs: ['Erster Absatz.', '<b>Kein</b> HTML, nur Text.'],
    });
    await fixture.whenStable();

    expect(element().querySelector('mat-progress-bar')).toBeNull();
    expect(element().querySelector('h1')?.textContent).toBe('Impressum des Portals');
    const paragraphs = Array.from(element().querySelectorAll('p'));
    expect(paragraphs.map((p) => p.textContent)).toEqual(['Erster Absatz.', '<b>Kein</b> HTML, nur Text.']);
    expect(element().querySelector('b')).toBeNull();
  });

  it('shows a German error message and retries on request', async () => {
    http
      .expectOne('/api/site/legal/impressum')
      .flush({ code: 'INTERNAL', message: 'Fehler' }, { status: 500, statusText: 'Internal Server Error' });
    await fixture.whenStable();

    const alert = element().querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('Der Inhalt dieser Seite konnte nicht geladen werden.');
    expect(element().querySelector('mat-progress-bar')).toBeNull();

    alert?.querySelector('button')?.click();
    await fixture.whenStable();
    expect(element().querySelector('mat-progress-bar')).not.toBeNull();

    http.expectOne('/api/site/legal/impressum').flush({
      page: 'impressum',
      title: 'Impressum',
      paragraphs: ['Jetzt geht es.'],
    });
    await fixture.whenStable();
    expect(element().querySelector('[role="alert"]')).toBeNull();
    expect(element().textContent).toContain('Jetzt geht es.');
  });

  it('says so when the server has no text for the page (404)', async () => {
    http
      .expectOne('/api/site/legal/impressum')
      .flush({ code: 'NOT_FOUND', message: 'Nicht gefunden.' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();

    expect(element().textContent).toContain('Für diese Seite ist noch kein Text hinterlegt.');
    expect(element().querySelector('[role="alert"]')).toBeNull();
    expect(element().querySelector('mat-progress-bar')).toBeNull();
  });
});
