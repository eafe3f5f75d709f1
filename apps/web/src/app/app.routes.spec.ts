import { Type } from '@angular/core';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { appRoutes } from './app.routes';
import { PageTitleStrategy } from './core/page-title.strategy';
import { AdministrationPage } from './pages/administration/administration-page';
import { ErrorPage } from './pages/error/error-page';
import { KnowledgePage } from './pages/knowledge/knowledge-page';
import { LegalPage } from './pages/legal/legal-page';
import { MeetingsPage } from './pages/meetings/meetings-page';
import { MunicipalitiesPage } from './pages/municipalities/municipalities-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { OverviewPage } from './pages/overview/overview-page';
import { TasksPage } from './pages/tasks/tasks-page';
import { WorkingGroupsPage } from './pages/working-groups/working-groups-page';

describe('appRoutes', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        { provide: TitleStrategy, useClass: PageTitleStrategy },
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
  });

  const pages: [string, Type<unknown>, string, string][] = [
    ['/', OverviewPage, 'Willkommen im SmartRegion Portal', 'Übersicht'],
    ['/kommunen', MunicipalitiesPage, 'Kommunen', 'Kommunen'],
    ['/arbeitsgruppen', WorkingGroupsPage, 'Arbeitsgruppen', 'Arbeitsgruppen'],
    ['/aufgaben', TasksPage, 'Aufgaben', 'Aufgaben'],
    ['/termine', MeetingsPage, 'Termine', 'Termine'],
    ['/wissen', KnowledgePage, 'Wissen', 'Wissen'],
    ['/verwaltung', AdministrationPage, 'Verwaltung', 'Verwaltung'],
    ['/fehler', ErrorPage, 'Es ist ein Fehler aufgetreten', 'Fehler'],
  ];

  it.each(pages)('%s shows its page, heading and German document title', async (url, component, heading, title) => {
    await harness.navigateByUrl(url, component);
    const h1 = harness.routeNativeElement?.querySelector('h1');
    expect(h1?.textContent?.trim()).toBe(heading);
    expect(TestBed.inject(Title).getTitle()).toBe(`${title} – SmartRegion Portal`);
  });

  it.each([
    ['/impressum', 'Impressum'],
    ['/datenschutz', 'Datenschutz'],
    ['/barrierefreiheit', 'Barrierefreiheit'],
  ])('%s shows the legal page and loads its content', async (url, title) => {
    await harness.navigateByUrl(url, LegalPage);
    TestBed.inject(HttpTestingController)
      .expectOne(`/api/site/legal${url}`)
      .flush({ page: url.slice(1), title, paragraphs: ['Text'] });
    await harness.fixture.whenStable();

    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(title);
    expect(TestBed.inject(Title).getTitle()).toBe(`${title} – SmartRegion Portal`);
  });

  it('shows "Seite nicht gefunden" for an unknown URL', async () => {
    await harness.navigateByUrl('/gibt-es-nicht/auch-nicht', NotFoundPage);
    const element = harness.routeNativeElement as HTMLElement;
    expect(element.querySelector('h1')?.textContent).toBe('Seite nicht gefunden');
    expect(element.querySelector('a[href="/"]')?.textContent).toContain('Zur Übersicht');
    expect(TestBed.inject(Title).getTitle()).toBe('Seite nicht gefunden – SmartRegion Portal');
  });

  it('shows the correlation id on the error page', async () => {
    await harness.navigateByUrl('/fehler?ref=abc-123', ErrorPage);
    expect(harness.routeNativeElement?.textContent).toContain('Fehlernummer: abc-123');
  });

  it('shows no correlation id on the error page without ref', async () => {
    await harness.navigateByUrl('/fehler', ErrorPage);
    expect(harness.routeNativeElement?.textContent).not.toContain('Fehlernummer');
  });
});
