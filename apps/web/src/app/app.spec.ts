import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { App } from './app';
import { appConfig } from './app.config';
import { TEST_USER, flushPageData } from './testing/auth-testing';

describe('App', () => {
  beforeEach(async () => {
    await TestBed.configureTestingModule({
      imports: [App],
      providers: [...appConfig.providers, provideHttpClientTesting()],
    }).compileComponents();
  });

  afterEach(() => {
    flushPageData();
    TestBed.inject(HttpTestingController).verify();
  });

  it('asks who is signed in at start and renders the shell with the start page', async () => {
    const fixture = TestBed.createComponent(App);
    const navigated = TestBed.inject(Router).navigateByUrl('/');
    // One request at start (app initializer), shared with the guard of the first page.
    TestBed.inject(HttpTestingController).expectOne('/api/auth/me').flush(TEST_USER);
    await navigated;
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;

    expect(element.querySelector('header')?.textContent).toContain('SmartRegion Portal');
    expect(element.querySelector('main h1')?.textContent).toContain('Willkommen im SmartRegion Portal');
  });

  it('opens the sign-in page with the requested address when nobody is signed in', async () => {
    const fixture = TestBed.createComponent(App);
    const navigated = TestBed.inject(Router).navigateByUrl('/termine');
    TestBed.inject(HttpTestingController)
      .expectOne('/api/auth/me')
      .flush({ code: 'UNAUTHENTICATED', message: 'Bitte melden Sie sich an.' }, { status: 401, statusText: 'x' });
    await navigated;
    await fixture.whenStable();

    expect(TestBed.inject(Router).url).toBe('/anmelden?ziel=%2Ftermine');
    expect((fixture.nativeElement as HTMLElement).querySelector('main h1')?.textContent?.trim()).toBe('Anmelden');
  });
});
