import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { MeDto } from '../api/generated/models/me-dto';
import { appRoutes } from '../app.routes';
import { TEST_USER, answerMe, flushPageData } from '../testing/auth-testing';
import { Shell } from './shell';

/** The text a screen reader reads: without the aria-hidden icon ligatures. */
function spokenText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('Shell', () => {
  beforeAll(() => {
    // jsdom has no scrolling; the shell scrolls to the top after in-app navigation.
    Element.prototype.scrollTo ??= vi.fn();
  });

  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [Shell],
      providers: [
        provideRouter(appRoutes, withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    }).compileComponents();
  });

  let fixture: ComponentFixture<Shell>;

  afterEach(() => {
    flushPageData();
    TestBed.inject(HttpTestingController).verify();
  });

  async function render(url = '/', user: MeDto | null = TEST_USER) {
    fixture = TestBed.createComponent(Shell);
    await answerMe(user);
    await TestBed.inject(Router).navigateByUrl(url);
    await fixture.whenStable();
    // The pages' own data is not the shell's business: answer it empty.
    const http = TestBed.inject(HttpTestingController);
    http
      .match((r) => ['/api/organizations', '/api/districts', '/api/groups'].includes(r.url))
      .forEach((request) => request.flush([]));
    await fixture.whenStable();
    http
      .match('/data/sachsen-anhalt-kreise.geojson')
      .forEach((request) => request.flush({ type: 'FeatureCollection', features: [] }));
    return fixture.nativeElement as HTMLElement;
  }

  /** The user menu and the bell are deferred blocks (loaded when the browser is idle): wait until one is there. */
  async function loaded<T extends Element>(element: HTMLElement, selector: string): Promise<T> {
    for (let i = 0; i < 50; i++) {
      const found = element.querySelector<T>(selector);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 20));
      await fixture.whenStable();
    }
    throw new Error(`${selector} did not load`);
  }

  const userMenuButton = (element: HTMLElement) => loaded<HTMLButtonElement>(element, 'srp-user-menu button');

  it('renders the main navigation with German labels and links', async () => {
    const element = await render();
    const nav = element.querySelector('nav[aria-label="Hauptnavigation"]');
    const links = Array.from(nav?.querySelectorAll('a') ?? []).map((a) => [
      a.querySelector('.nav-label')?.textContent?.trim(),
      a.getAttribute('href'),
    ]);

    expect(links.map(([label]) => label)).toEqual([
      'Übersicht',
      'Kommunen',
      'Arbeitsgruppen',
      'Aufgaben',
      'Termine',
      'Beschlüsse',
      'Wissen',
      'Verwaltung',
    ]);
    expect(links.map(([, href]) => href)).toEqual([
      '/',
      '/kommunen',
      '/arbeitsgruppen',
      '/aufgaben',
      '/termine',
      '/beschluesse',
      '/wissen',
      '/verwaltung',
    ]);
    const icons = nav?.querySelectorAll('.material-symbols-outlined') ?? [];
    expect(icons).toHaveLength(8);
    icons.forEach((icon) => {
      expect(icon.getAttribute('aria-hidden')).toBe('true');
    });
  });

  it('hides the administration from members', async () => {
    const element = await render('/', { ...TEST_USER, role: 'member' });
    const nav = element.querySelector('nav[aria-label="Hauptnavigation"]');
    const labels = Array.from(nav?.querySelectorAll('.nav-label') ?? []).map((label) => label.textContent?.trim());
    expect(labels).toEqual(['Übersicht', 'Kommunen', 'Arbeitsgruppen', 'Aufgaben', 'Termine', 'Beschlüsse', 'Wissen']);
    expect(nav?.querySelector('a[href="/verwaltung"]')).toBeNull();
  });

  it('marks the current page with aria-current', async () => {
    const element = await render('/kommunen');
    const current = element.querySelectorAll('[aria-current="page"]');
    expect(current).toHaveLength(1);
    expect(current[0].getAttribute('href')).toBe('/kommunen');
  });

  it('marks only the start page as current on /', async () => {
    const element = await render('/');
    const current = element.querySelectorAll('[aria-current="page"]');
    expect(current).toHaveLength(1);
    expect(current[0].getAttribute('href')).toBe('/');
  });

  it('has a skip link as first focusable element that focuses main', async () => {
    const element = await render();
    const firstFocusable = element.querySelector<HTMLElement>('a[href], button, [tabindex]:not([tabindex="-1"])');
    expect(firstFocusable?.textContent?.trim()).toBe('Zum Inhalt springen');

    const main = element.querySelector<HTMLElement>('main#inhalt');
    expect(main?.getAttribute('tabindex')).toBe('-1');
    firstFocusable?.click();
    expect(document.activeElement).toBe(main);
  });

  it('has header, navigation, main and footer landmarks', async () => {
    const element = await render();
    expect(element.querySelector('header')).not.toBeNull();
    expect(element.querySelector('nav')).not.toBeNull();
    expect(element.querySelectorAll('main')).toHaveLength(1);
    expect(element.querySelector('footer')).not.toBeNull();
  });

  it('links the legal pages in the footer', async () => {
    const element = await render();
    const links = Array.from(element.querySelectorAll('footer a')).map((a) => [
      a.textContent?.trim(),
      a.getAttribute('href'),
    ]);
    expect(links).toEqual([
      ['Impressum', '/impressum'],
      ['Datenschutz', '/datenschutz'],
      ['Barrierefreiheit', '/barrierefreiheit'],
    ]);
  });

  it('shows the signed-in person in the toolbar with a menu for the profile and signing out', async () => {
    const element = await render('/kommunen');
    const button = await userMenuButton(element);
    expect(element.querySelector('header')?.contains(button)).toBe(true);
    expect(spokenText(button)).toBe('Benutzermenü: Erika Muster');
    expect(button.getAttribute('aria-haspopup')).toBe('menu');
    expect(button.getAttribute('aria-expanded')).toBe('false');

    button.click();
    await fixture.whenStable();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    const items = Array.from(document.querySelectorAll<HTMLElement>('[role="menuitem"]'));
    expect(items.map(spokenText)).toEqual(['Mein Profil', 'Abmelden']);
    expect(items[0].getAttribute('href')).toBe('/profil');

    items[1].click();
    const logout = TestBed.inject(HttpTestingController).expectOne('/api/auth/logout');
    expect(logout.request.method).toBe('POST');
    logout.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/anmelden');
    expect(element.querySelector('srp-user-menu')).toBeNull();
    expect(element.querySelector('nav[aria-label="Hauptnavigation"]')).toBeNull();
  });

  it('shows the bell with the unread count in the toolbar; its menu leads to all notifications', async () => {
    const element = await render('/kommunen');
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/notifications/unread-count').flush({ count: 4, latestAt: '2026-11-26T09:00:00.000Z' });
    await fixture.whenStable();

    const bell = await loaded<HTMLButtonElement>(element, 'srp-notification-bell button');
    expect(element.querySelector('header')?.contains(bell)).toBe(true);
    expect(bell.getAttribute('aria-label')).toBe('Benachrichtigungen, 4 ungelesen');
    expect(bell.querySelector('.badge')?.textContent?.trim()).toBe('4');
    // The bell comes before the user menu in the reading (and tab) order.
    const userButton = await userMenuButton(element);
    expect(bell.compareDocumentPosition(userButton) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();

    bell.click();
    await fixture.whenStable();
    http
      .match((r) => r.url === '/api/notifications')
      .forEach((request) => request.flush({ items: [], unreadCount: 4, nextCursor: null }));
    await fixture.whenStable();
    const all = Array.from(document.querySelectorAll<HTMLElement>('[role="menuitem"]')).find(
      (item) => spokenText(item) === 'Alle Benachrichtigungen',
    );
    expect(all?.getAttribute('href')).toBe('/benachrichtigungen');
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  it('shows signed-out people the frame without navigation, with a sign-in link', async () => {
    const element = await render('/impressum', null);
    TestBed.inject(HttpTestingController)
      .expectOne('/api/site/legal/impressum')
      .flush({
        page: 'impressum',
        title: 'Impressum',
        paragraphs: ['Text'],
      });
    await fixture.whenStable();
    expect(element.querySelector('nav[aria-label="Hauptnavigation"]')).toBeNull();
    expect(element.querySelector('button[aria-controls="hauptnavigation"]')).toBeNull();
    expect(element.querySelector('srp-user-menu')).toBeNull();
    // No bell, and nobody asks for its number.
    expect(element.querySelector('srp-notification-bell, .bell-button-placeholder')).toBeNull();
    TestBed.inject(HttpTestingController).expectNone('/api/notifications/unread-count');
    const signIn = element.querySelector('header a[href="/anmelden"]');
    expect(signIn?.textContent?.trim()).toContain('Anmelden');
    expect(element.querySelectorAll('footer a')).toHaveLength(3);
  });

  it('shows no sign-in link on the sign-in page itself', async () => {
    const element = await render('/anmelden', null);
    expect(element.querySelector('main h1')?.textContent?.trim()).toBe('Anmelden');
    expect(element.querySelector('header a[href="/anmelden"]')).toBeNull();
  });
});
