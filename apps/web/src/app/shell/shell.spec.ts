import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { appRoutes } from '../app.routes';
import { Shell } from './shell';

describe('Shell', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [Shell],
      providers: [provideRouter(appRoutes), provideHttpClient(), provideHttpClientTesting()],
    }).compileComponents();
  });

  async function render(url = '/') {
    const fixture = TestBed.createComponent(Shell);
    await TestBed.inject(Router).navigateByUrl(url);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

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
      'Wissen',
      'Verwaltung',
    ]);
    expect(links.map(([, href]) => href)).toEqual([
      '/',
      '/kommunen',
      '/arbeitsgruppen',
      '/aufgaben',
      '/termine',
      '/wissen',
      '/verwaltung',
    ]);
    const icons = nav?.querySelectorAll('.material-symbols-outlined') ?? [];
    expect(icons).toHaveLength(7);
    icons.forEach((icon) => {
      expect(icon.getAttribute('aria-hidden')).toBe('true');
    });
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
});
