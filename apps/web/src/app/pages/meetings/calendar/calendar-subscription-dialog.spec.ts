import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { MatDialog } from '@angular/material/dialog';
import { CalendarFeed } from '../../../core/meetings.service';
import { present } from '../../../testing/dom-testing';
import { feedAddresses, openCalendarSubscription } from './calendar-subscription-dialog';

const GROUP = { id: '3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f', name: 'Digitaler Zwilling', shortName: 'UAG 3' };
const URL = 'https://portal.example/api/calendar/feeds/tok123.ics';

describe('feedAddresses', () => {
  it('lists the personal address and one per group', () => {
    const feed: CalendarFeed = { active: true, createdAt: null, lastUsedAt: null, groups: [GROUP], url: URL };
    expect(feedAddresses(feed)).toEqual([
      { label: 'Meine Termine', url: URL },
      {
        label: 'Arbeitsgruppe Digitaler Zwilling',
        url: `https://portal.example/api/calendar/feeds/tok123/groups/${GROUP.id}.ics`,
      },
    ]);
    expect(feedAddresses({ ...feed, url: null })).toEqual([]);
  });
});

describe('CalendarSubscriptionDialog', () => {
  let backend: HttpTestingController;

  async function settle(): Promise<void> {
    const app = TestBed.inject(ApplicationRef);
    app.tick();
    await app.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    app.tick();
  }

  async function open(feed: CalendarFeed): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    openCalendarSubscription(TestBed.inject(MatDialog));
    await settle();
    backend.expectOne('/api/calendar/feed').flush(feed);
    await settle();
  }

  afterEach(() => {
    backend?.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  const dialogs = () => Array.from(document.querySelectorAll<HTMLElement>('mat-dialog-container'));
  const text = (root: Element) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const button = (root: Element, name: string) =>
    present(
      Array.from(root.querySelectorAll('button')).find((b) => text(b) === name),
      `button ${name}`,
    );

  it('explains the address, creates one and shows it once with the group addresses', async () => {
    await open({ active: false, createdAt: null, lastUsedAt: null, groups: [], url: null });
    const dialog = dialogs()[0];
    expect(text(dialog)).toContain(
      'Diese Adresse ist persönlich. Wer sie kennt, sieht Ihre Termine (ohne Teilnehmende).',
    );
    expect(text(dialog)).toContain('Sie haben noch keine Adresse');
    button(dialog, 'Adresse erzeugen').click();
    await settle();
    const request = backend.expectOne('/api/calendar/feed');
    expect(request.request.method).toBe('POST');
    request.flush({ active: true, createdAt: '2026-11-26T09:00:00Z', lastUsedAt: null, groups: [GROUP], url: URL });
    await settle();
    expect(text(dialog)).toContain(URL);
    expect(text(dialog)).toContain(`tok123/groups/${GROUP.id}.ics`);
    expect(text(dialog)).toContain('erzeugt am 26.11.2026, 10:00 Uhr');
    expect(text(dialog)).toContain('Neue Adresse erzeugen');
  });

  it('revokes the address after confirmation', async () => {
    await open({
      active: true,
      createdAt: '2026-11-01T09:00:00Z',
      lastUsedAt: '2026-11-25T07:30:00Z',
      groups: [],
      url: null,
    });
    const dialog = dialogs()[0];
    expect(text(dialog)).toContain('Zuletzt abgerufen am 25.11.2026, 08:30 Uhr.');
    button(dialog, 'Adresse widerrufen').click();
    await settle();
    const confirm = dialogs()[1];
    expect(text(confirm)).toContain('Adresse widerrufen?');
    button(confirm, 'Adresse widerrufen').click();
    await settle();
    const request = backend.expectOne('/api/calendar/feed');
    expect(request.request.method).toBe('DELETE');
    request.flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(text(dialog)).toContain('Die Adresse wurde widerrufen.');
    expect(text(dialog)).toContain('Sie haben noch keine Adresse');
  });
});
