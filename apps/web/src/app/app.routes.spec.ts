import { Type } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Title } from '@angular/platform-browser';
import { Route, Router, TitleStrategy, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { appRoutes } from './app.routes';
import { authGuard } from './core/auth.guard';
import { PageTitleStrategy } from './core/page-title.strategy';
import { NO_ACCESS_NOTICE } from './core/role.guard';
import { AdministrationPage } from './pages/administration/administration-page';
import { ErrorPage } from './pages/error/error-page';
import { AcceptInvitationPage } from './pages/invitation/accept-invitation-page';
import { KnowledgePage } from './pages/knowledge/knowledge-page';
import { LegalPage } from './pages/legal/legal-page';
import { GuestPage } from './pages/meetings/guest/guest-page';
import { MeetingsPage } from './pages/meetings/meetings-page';
import { MunicipalitiesPage } from './pages/municipalities/municipalities-page';
import { NotFoundPage } from './pages/not-found/not-found-page';
import { NotificationsPage } from './pages/notifications/notifications-page';
import { NotificationPreferencesPage } from './pages/notifications/preferences/notification-preferences-page';
import { NotificationTokenPage } from './pages/notifications/token/notification-token-page';
import { OverviewPage } from './pages/overview/overview-page';
import { ForgotPasswordPage } from './pages/password-reset/forgot-password-page';
import { ResetPasswordPage } from './pages/password-reset/reset-password-page';
import { ProfilePage } from './pages/profile/profile-page';
import { SignInPage } from './pages/sign-in/sign-in-page';
import { TaskBoardPage } from './pages/tasks/board/task-board-page';
import { TaskDetailPage } from './pages/tasks/detail/task-detail-page';
import { MyTasksPage } from './pages/tasks/my-tasks/my-tasks-page';
import { WorkingGroupsPage } from './pages/working-groups/working-groups-page';
import { TEST_USER, answerMe, flushPageData } from './testing/auth-testing';

const NO_COUNTS = { open: 0, overdue: 0, dueThisWeek: 0 };

/** Every path of the route tree with whether a guard above it (or on it) requires sign-in. */
function flatten(routes: Route[], prefix = '', guarded = false): { path: string; guarded: boolean }[] {
  return routes.flatMap((route) => {
    const path = [prefix, route.path].filter((p) => p !== '' && p !== undefined).join('/');
    const isGuarded =
      guarded || !!route.canActivate?.includes(authGuard) || !!route.canActivateChild?.includes(authGuard);
    return route.children
      ? flatten(route.children, path, !!route.canActivateChild?.includes(authGuard) || guarded)
      : [{ path: `/${path}`, guarded: isGuarded }];
  });
}

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
    // The start page asks for my task counts.
    TestBed.inject(HttpTestingController)
      .match('/api/tasks/counts')
      .forEach((request) => request.flush(NO_COUNTS));
    flushPageData();
    TestBed.inject(HttpTestingController).verify();
  });

  it('requires sign-in for every page except sign-in, e-mail and guest links, legal, error and 404 pages', () => {
    const routes = flatten(appRoutes);
    expect(routes.filter((r) => !r.guarded).map((r) => r.path)).toEqual([
      '/anmelden',
      '/einladung/:token',
      '/passwort-vergessen',
      '/passwort-zuruecksetzen/:token',
      '/impressum',
      '/datenschutz',
      '/barrierefreiheit',
      '/gast/:token',
      '/benachrichtigungen/:token',
      '/fehler',
      '/**',
    ]);
    expect(routes.filter((r) => r.guarded).map((r) => r.path)).toEqual(
      expect.arrayContaining([
        '/profil',
        '/aufgaben',
        '/aufgaben/:id',
        '/arbeitsgruppen/:id/aufgaben',
        '/termine',
        '/termine/:id',
        '/termine/:id/anwesenheit',
        '/termine/:id/protokoll',
        '/beschluesse',
        '/benachrichtigungen',
        '/profil/benachrichtigungen',
      ]),
    );
  });

  const pages: [string, Type<unknown>, string, string][] = [
    ['/', OverviewPage, 'Willkommen im SmartRegion Portal', 'Übersicht'],
    ['/kommunen', MunicipalitiesPage, 'Kommunen', 'Kommunen'],
    ['/arbeitsgruppen', WorkingGroupsPage, 'Arbeitsgruppen', 'Arbeitsgruppen'],
    ['/aufgaben', MyTasksPage, 'Meine Aufgaben', 'Meine Aufgaben'],
    ['/termine', MeetingsPage, 'Termine', 'Termine'],
    ['/wissen', KnowledgePage, 'Wissen', 'Wissen'],
    ['/benachrichtigungen', NotificationsPage, 'Benachrichtigungen', 'Benachrichtigungen'],
    ['/verwaltung', AdministrationPage, 'Verwaltung', 'Verwaltung'],
  ];

  it.each(pages)('%s shows its page, heading and German document title', async (url, component, heading, title) => {
    await answerMe(TEST_USER);
    await harness.navigateByUrl(url, component);
    // The administration lists the people at once; the Kommunen page loads its list, map and groups.
    const http = TestBed.inject(HttpTestingController);
    http
      .match((r) => ['/api/accounts', '/api/organizations', '/api/districts', '/api/groups'].includes(r.url))
      .forEach((request) => request.flush([]));
    // Meine Aufgaben lists my tasks.
    http
      .match('/api/tasks/mine')
      .forEach((request) => request.flush({ items: [], counts: NO_COUNTS, today: '2026-11-26' }));
    await harness.fixture.whenStable();
    http
      .match('/data/sachsen-anhalt-kreise.geojson')
      .forEach((request) => request.flush({ type: 'FeatureCollection', features: [] }));
    const h1 = harness.routeNativeElement?.querySelector('h1');
    expect(h1?.textContent?.trim()).toBe(heading);
    expect(TestBed.inject(Title).getTitle()).toBe(`${title} – SmartRegion Portal`);
  });

  it.each(pages.map(([url]) => url))('%s sends signed-out people to the sign-in page', async (url) => {
    await answerMe(null);
    await harness.navigateByUrl(url, SignInPage);
    const router = TestBed.inject(Router);
    expect(router.url).toBe(url === '/' ? '/anmelden' : `/anmelden?ziel=${encodeURIComponent(url)}`);
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe('Anmelden');
    expect(TestBed.inject(Title).getTitle()).toBe('Anmelden – SmartRegion Portal');
  });

  it('sends members from /verwaltung to the overview, as the api refuses them', async () => {
    const open = vi.spyOn(TestBed.inject(MatSnackBar), 'open').mockReturnValue(undefined as never);
    await answerMe({ ...TEST_USER, role: 'member' });
    await harness.navigateByUrl('/verwaltung', OverviewPage);
    await new Promise((resolve) => setTimeout(resolve));
    expect(TestBed.inject(Router).url).toBe('/');
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe(
      'Willkommen im SmartRegion Portal',
    );
    expect(harness.routeNativeElement?.querySelector('a[href="/verwaltung"]')).toBeNull();
    expect(open).toHaveBeenCalledWith(NO_ACCESS_NOTICE, 'Schließen', expect.anything());
  });

  it("shows a group's tasks under /arbeitsgruppen/:id/aufgaben", async () => {
    const groupId = '18514f7f-7785-4a1b-8ee0-27d40092bbdc';
    await answerMe(TEST_USER);
    await harness.navigateByUrl(`/arbeitsgruppen/${groupId}/aufgaben`, TaskBoardPage);
    expect(TestBed.inject(Title).getTitle()).toBe('Aufgaben der Arbeitsgruppe – SmartRegion Portal');
    const group = { id: groupId, number: 3, name: 'Digitaler Zwilling', shortName: 'Zwilling' };
    TestBed.inject(HttpTestingController)
      .expectOne(`/api/groups/${groupId}/board`)
      .flush({
        group,
        columns: ['open', 'in_progress', 'blocked', 'done'].map((status) => ({ status, count: 0, tasks: [] })),
        members: [],
        labels: [],
        permissions: { create: true, archive: false },
      });
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe('Aufgaben – Digitaler Zwilling');
    expect(TestBed.inject(Title).getTitle()).toBe('Aufgaben – Digitaler Zwilling – SmartRegion Portal');
  });

  it('shows a task under its permanent address /aufgaben/:id', async () => {
    const taskId = '20000000-0000-4000-8000-000000000001';
    await answerMe(TEST_USER);
    await harness.navigateByUrl(`/aufgaben/${taskId}`, TaskDetailPage);
    expect(TestBed.inject(Title).getTitle()).toBe('Aufgabe – SmartRegion Portal');
    TestBed.inject(HttpTestingController)
      .expectOne(`/api/tasks/${taskId}`)
      .flush(
        { code: 'NOT_FOUND', message: 'Das Gesuchte wurde nicht gefunden.', details: {}, correlationId: 'test' },
        { status: 404, statusText: 'Not Found' },
      );
    await harness.fixture.whenStable();
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toContain('Aufgabe');
  });

  it('shows the profile page when signed in', async () => {
    await answerMe(TEST_USER);
    await harness.navigateByUrl('/profil', ProfilePage);
    TestBed.inject(HttpTestingController).expectOne('/api/auth/sessions').flush([]);
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe('Mein Profil');
    expect(TestBed.inject(Title).getTitle()).toBe('Mein Profil – SmartRegion Portal');
  });

  it('shows the notification settings under /profil/benachrichtigungen', async () => {
    await answerMe(TEST_USER);
    await harness.navigateByUrl('/profil/benachrichtigungen', NotificationPreferencesPage);
    TestBed.inject(HttpTestingController).expectOne('/api/notification-preferences').flush({ items: [] });
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe('Benachrichtigungen einstellen');
    expect(TestBed.inject(Title).getTitle()).toBe('Benachrichtigungen einstellen – SmartRegion Portal');
  });

  it.each([
    ['/einladung/abc', AcceptInvitationPage, 'Einladung annehmen', '/api/invitations/abc'],
    ['/passwort-vergessen', ForgotPasswordPage, 'Passwort vergessen', undefined],
    ['/passwort-zuruecksetzen/abc', ResetPasswordPage, 'Neues Passwort festlegen', '/api/password-reset/abc'],
    ['/gast/abc', GuestPage, 'Einladung', '/api/guest/abc'],
    // An e-mail's settings link; `/benachrichtigungen` itself is the (guarded) notification centre.
    ['/benachrichtigungen/abc', NotificationTokenPage, 'Benachrichtigungen', '/api/unsubscribe/abc'],
  ] as [string, Type<unknown>, string, string | undefined][])(
    '%s opens without sign-in',
    async (url, component, title, request) => {
      await answerMe(null);
      await harness.navigateByUrl(url, component);
      if (request) {
        TestBed.inject(HttpTestingController).expectOne(request);
      }
      expect(harness.routeNativeElement?.querySelector('h1')?.textContent?.trim()).toBe(title);
      expect(TestBed.inject(Title).getTitle()).toBe(`${title} – SmartRegion Portal`);
    },
  );

  it('shows the error page without sign-in', async () => {
    await answerMe(null);
    await harness.navigateByUrl('/fehler', ErrorPage);
    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe('Es ist ein Fehler aufgetreten');
    expect(TestBed.inject(Title).getTitle()).toBe('Fehler – SmartRegion Portal');
  });

  it('sends a signed-in person from the sign-in page on to ziel', async () => {
    await answerMe(TEST_USER);
    await harness.navigateByUrl('/anmelden?ziel=%2Ftermine', MeetingsPage);
    expect(TestBed.inject(Router).url).toBe('/termine');
  });

  it.each([
    ['/impressum', 'Impressum'],
    ['/datenschutz', 'Datenschutz'],
    ['/barrierefreiheit', 'Barrierefreiheit'],
  ])('%s shows the legal page without sign-in and loads its content', async (url, title) => {
    await answerMe(null);
    await harness.navigateByUrl(url, LegalPage);
    TestBed.inject(HttpTestingController)
      .expectOne(`/api/site/legal${url}`)
      .flush({ page: url.slice(1), title, paragraphs: ['Text'] });
    await harness.fixture.whenStable();

    expect(harness.routeNativeElement?.querySelector('h1')?.textContent).toBe(title);
    expect(TestBed.inject(Title).getTitle()).toBe(`${title} – SmartRegion Portal`);
  });

  it('shows "Seite nicht gefunden" for an unknown URL, also without sign-in', async () => {
    await answerMe(null);
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
