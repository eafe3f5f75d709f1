import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Title } from '@angular/platform-browser';
import { provideRouter } from '@angular/router';
import { TokenPreference } from '../../../core/notifications.service';
import { present } from '../../../testing/dom-testing';
import { NotificationTokenPage } from './notification-token-page';

const TOKEN = 'MzAwMDAwMDAtMDAwMC00MDAwLTgwMDAtMDAwMDAwMDAwMDAxLjc.c2lnbmF0dXJl';
const URL = `/api/unsubscribe/${TOKEN}`;

function view(overrides: Partial<TokenPreference> = {}): TokenPreference {
  return {
    kind: 'task_due',
    label: 'Fällige Aufgaben',
    channel: 'email',
    mandatory: false,
    name: 'Jana Janßen',
    ...overrides,
  };
}

describe('NotificationTokenPage', () => {
  let fixture: ComponentFixture<NotificationTokenPage>;
  let backend: HttpTestingController;

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [NotificationTokenPage],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationTokenPage);
    fixture.componentRef.setInput('token', TOKEN);
    await settle();
  });

  afterEach(() => backend.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = () => element().textContent?.replace(/\s+/g, ' ').trim() ?? '';
  /** What the page says the setting is now. */
  const current = () => element().querySelector('dd')?.textContent?.trim();
  /** The text a screen reader reads: without the aria-hidden icon ligatures. */
  const spoken = (selector: string) => {
    const copy = present(element().querySelector(selector), selector).cloneNode(true) as Element;
    copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
    return copy.textContent?.replace(/\s+/g, ' ').trim();
  };
  const buttons = () =>
    Array.from(element().querySelectorAll<HTMLButtonElement>('.actions button')).map((b) => b.textContent?.trim());
  const button = (label: string) =>
    present(
      Array.from(element().querySelectorAll<HTMLButtonElement>('.actions button')).find(
        (b) => b.textContent?.trim() === label,
      ),
      label,
    );

  it('shows whose setting for which kind it is, and changes nothing by opening', async () => {
    const request = backend.expectOne(URL);
    expect(request.request.method).toBe('GET');
    request.flush(view());
    await settle();

    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Benachrichtigungen für „Fällige Aufgaben“');
    expect(text()).toContain('Diese Einstellung gehört zum Zugang von Jana Janßen.');
    expect(current()).toBe('Sie erhalten eine E-Mail und sehen die Benachrichtigung im Portal.');
    expect(buttons()).toEqual(['Nur noch im Portal anzeigen', 'Ganz abbestellen']);
    expect(button('Nur noch im Portal anzeigen').className).toContain('mat-mdc-unelevated-button');
    expect(element().querySelector('a[href="/profil/benachrichtigungen"]')?.textContent?.trim()).toBe(
      'Alle Benachrichtigungen einstellen',
    );
    expect(TestBed.inject(Title).getTitle()).toBe('Benachrichtigungen für „Fällige Aufgaben“ – SmartRegion Portal');
    backend.expectNone({ method: 'POST', url: URL });
  });

  it('switches the kind to the portal only with the primary button', async () => {
    backend.expectOne(URL).flush(view());
    await settle();
    button('Nur noch im Portal anzeigen').click();
    await settle();
    const post = backend.expectOne({ method: 'POST', url: URL });
    expect(post.request.body).toEqual({ channel: 'in_app' });
    post.flush(view({ channel: 'in_app' }));
    await settle();

    expect(spoken('[role="status"]')).toBe(
      'Gespeichert: Benachrichtigungen zu „Fällige Aufgaben“ sehen Sie jetzt nur noch im Portal.',
    );
    expect(current()).toBe('Sie sehen die Benachrichtigung nur im Portal, ohne E-Mail.');
    // The way back is offered.
    expect(buttons()).toEqual(['Ganz abbestellen', 'Wieder per E-Mail']);
  });

  it('unsubscribes entirely, and brings e-mails back', async () => {
    backend.expectOne(URL).flush(view());
    await settle();
    button('Ganz abbestellen').click();
    await settle();
    const off = backend.expectOne({ method: 'POST', url: URL });
    expect(off.request.body).toEqual({ channel: 'off' });
    off.flush(view({ channel: 'off' }));
    await settle();
    expect(current()).toBe('Sie erhalten dazu keine Benachrichtigungen.');

    button('Wieder per E-Mail').click();
    await settle();
    const email = backend.expectOne({ method: 'POST', url: URL });
    expect(email.request.body).toEqual({ channel: 'email' });
    email.flush(view({ channel: 'email' }));
    await settle();
    expect(spoken('[role="status"]')).toBe(
      'Gespeichert: Benachrichtigungen zu „Fällige Aufgaben“ erhalten Sie wieder per E-Mail.',
    );
  });

  it('explains that invitations always arrive, without buttons to switch them off', async () => {
    backend
      .expectOne(URL)
      .flush(view({ kind: 'meeting_invitation', label: 'Einladungen zu Terminen', mandatory: true }));
    await settle();
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Benachrichtigungen für „Einladungen zu Terminen“');
    expect(current()).toBe('Immer per E-Mail');
    expect(text()).toContain(
      'Einladungen und Absagen von Terminen erhalten Sie immer per E-Mail, weil sie Ihren Kalender betreffen.',
    );
    expect(element().querySelectorAll('.actions button')).toHaveLength(0);
    // The only way on: all settings, after signing in.
    expect(element().querySelector('a[href="/profil/benachrichtigungen"]')?.textContent?.trim()).toBe(
      'Alle Benachrichtigungen einstellen',
    );
    expect(text()).toContain('Dazu melden Sie sich im Portal an.');
  });

  it('shows an error of the change in German', async () => {
    backend.expectOne(URL).flush(view());
    await settle();
    button('Ganz abbestellen').click();
    await settle();
    backend
      .expectOne({ method: 'POST', url: URL })
      .flush(
        { code: 'INTERNAL', message: 'Auf dem Server ist ein Fehler aufgetreten.', details: {}, correlationId: 't' },
        { status: 500, statusText: 'Server Error' },
      );
    await settle();
    expect(spoken('[role="alert"]')).toBe('Auf dem Server ist ein Fehler aufgetreten.');
    expect(buttons()).toEqual(['Nur noch im Portal anzeigen', 'Ganz abbestellen']);
  });

  it('says kindly that an unknown link is invalid', async () => {
    backend
      .expectOne(URL)
      .flush(
        { code: 'NOT_FOUND', message: 'Das Gesuchte wurde nicht gefunden.', details: {}, correlationId: 't' },
        { status: 404, statusText: 'Not Found' },
      );
    await settle();
    expect(element().querySelector('h1')?.textContent?.trim()).toBe('Dieser Link ist ungültig');
    expect(element().querySelector('a[href="/profil/benachrichtigungen"]')?.textContent?.trim()).toBe(
      'Benachrichtigungen einstellen',
    );
    expect(element().querySelectorAll('.actions button')).toHaveLength(0);
    expect(TestBed.inject(Title).getTitle()).toBe('Ungültiger Link – SmartRegion Portal');
  });
});
