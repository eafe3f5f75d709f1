import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { provideRouter } from '@angular/router';
import {
  FailedDelivery,
  FailedDeliveryList,
  FailedReminder,
  NotificationHealth,
} from '../../../core/notifications-admin.service';
import { present } from '../../../testing/dom-testing';
import { NotificationsHealthSection } from './notifications-health-section';

const HEALTH_URL = '/api/admin/notifications/health';
const FAILED_URL = '/api/admin/notifications/failed';

function health(overrides: Partial<NotificationHealth> = {}): NotificationHealth {
  return {
    redisReachable: true,
    queues: [
      { name: 'mail', waiting: 1, active: 0, delayed: 2, failed: 0, completed: 40 },
      { name: 'notifications', waiting: 0, active: 1, delayed: 0, failed: 3, completed: 120 },
    ],
    schedules: [
      { id: 'reminder-sweep', rule: 'alle 2 s', nextRunAt: '2026-11-27T07:00:02.000Z' },
      { id: 'digest-weekly', rule: '0 7 * * 1 (Europe/Berlin)', nextRunAt: '2026-11-30T06:00:00.000Z' },
      { id: 'digest-overdue', rule: '0 8 * * * (Europe/Berlin)', nextRunAt: null },
    ],
    reminders: [
      { status: 'done', count: 17 },
      { status: 'planned', count: 5 },
    ],
    mails: [
      { status: 'sent', count: 15 },
      { status: 'failed', count: 1 },
      { status: 'uncertain', count: 1 },
    ],
    oldestDueSeconds: 12,
    ...overrides,
  };
}

function delivery(id: string, status: FailedDelivery['status'], recipient: string): FailedDelivery {
  return {
    id,
    status,
    recipient,
    subject: 'Erinnerung: Monatsrunde morgen, 10:00',
    lastError: status === 'failed' ? '550 Mailbox unavailable' : null,
    attempts: status === 'failed' ? 1 : 2,
    createdAt: '2026-11-26T12:00:00.000Z',
    updatedAt: '2026-11-26T13:05:00.000Z',
  };
}

function failedReminder(id: string, overrides: Partial<FailedReminder> = {}): FailedReminder {
  return {
    id,
    kind: 'task_due',
    label: 'Aufgabe bald fällig',
    recipient: 'Jonas Beispiel',
    reason: 'Die Aufgabe gibt es nicht mehr.',
    dueAt: '2026-11-26T07:00:00.000Z',
    failedAt: '2026-11-26T07:00:05.000Z',
    ...overrides,
  };
}

const FAILED: FailedDeliveryList = {
  items: [delivery('m1', 'failed', 'jonas@magdeburg.de'), delivery('m2', 'uncertain', 'nora@halle.de')],
  failedReminders: [],
};

const WITH_FAILED_REMINDERS: FailedDeliveryList = {
  items: [],
  failedReminders: [
    failedReminder('r1'),
    failedReminder('r2', {
      kind: 'meeting_reminder',
      label: 'Erinnerung an eine Sitzung',
      recipient: null,
      reason: null,
      dueAt: '2026-11-25T23:30:00.000Z',
      failedAt: '2026-11-25T23:30:04.000Z',
    }),
  ],
};

function apiError(status: number, code: string, message: string) {
  return [
    { code, message, details: {}, correlationId: 'test' },
    { status, statusText: 'Fehler' },
  ] as const;
}

describe('NotificationsHealthSection', () => {
  let fixture: ComponentFixture<NotificationsHealthSection>;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [NotificationsHealthSection],
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(NotificationsHealthSection);
  });

  afterEach(() => {
    backend.verify();
    document.querySelectorAll('.cdk-overlay-container').forEach((overlay) => (overlay.innerHTML = ''));
  });

  async function settle(): Promise<void> {
    await fixture.whenStable();
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  async function answer(healthBody: NotificationHealth = health(), failedBody: FailedDeliveryList = FAILED) {
    await settle();
    backend.expectOne({ method: 'GET', url: HEALTH_URL }).flush(healthBody);
    backend.expectOne({ method: 'GET', url: FAILED_URL }).flush(failedBody);
    await settle();
  }

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  const buttons = (root: ParentNode, name: string) =>
    Array.from(root.querySelectorAll<HTMLButtonElement>('button')).filter((b) => b.textContent?.includes(name));
  const rowsOf = (selector: string) =>
    Array.from(element().querySelectorAll(`${selector} tbody tr`)).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => text(cell)),
    );
  const dialog = () => present(document.querySelector<HTMLElement>('mat-dialog-container'), 'dialog');
  const snackBar = () => document.querySelector('mat-snack-bar-container')?.textContent ?? '';

  it('shows the queues, schedules and counts in German', async () => {
    await answer();
    expect(text()).toContain('Redis ist erreichbar.');
    expect(text()).toContain('Ältester fälliger Hinweis: vor 12 s');
    expect(element().querySelector('.message.warning')).toBeNull();
    expect(rowsOf('table.queues')).toEqual([
      ['E-Mail', '1', '0', '2', '0', '40'],
      ['Benachrichtigungen', '0', '1', '0', '3', '120'],
    ]);
    expect(rowsOf('table.schedules')).toEqual([
      ['Fällige Hinweise einsammeln', 'alle 2 Sekunden', '27.11.2026, 08:00 Uhr'],
      ['Wochenübersicht', 'montags um 07:00 Uhr', '30.11.2026, 07:00 Uhr'],
      ['Tägliche Übersicht überfälliger Aufgaben', 'täglich um 08:00 Uhr', 'nicht eingeplant'],
    ]);
    expect(rowsOf('table.reminder-counts')).toEqual([
      ['geplant', '5'],
      ['in Zustellung', '0'],
      ['zugestellt', '17'],
      ['übersprungen', '0'],
      ['abgesagt', '0'],
      ['fehlgeschlagen', '0'],
    ]);
    expect(rowsOf('table.mail-counts')).toEqual([
      ['wartend', '0'],
      ['wird gesendet', '0'],
      ['erneuter Versuch', '0'],
      ['gesendet', '15'],
      ['fehlgeschlagen', '1'],
      ['unklar', '1'],
    ]);
    expect(rowsOf('table.failed')).toEqual([
      [
        'jonas@magdeburg.de',
        'Erinnerung: Monatsrunde morgen, 10:00',
        'fehlgeschlagen',
        '550 Mailbox unavailable',
        '1',
        '26.11.2026, 14:05 Uhr',
        'Erneut senden',
      ],
      [
        'nora@halle.de',
        'Erinnerung: Monatsrunde morgen, 10:00',
        'unklar',
        'nicht bekannt',
        '2',
        '26.11.2026, 14:05 Uhr',
        'Erneut senden',
      ],
    ]);
  });

  it('warns when a due notice waits longer than a minute and when Redis does not answer', async () => {
    await answer(health({ redisReachable: false, queues: [], schedules: [], oldestDueSeconds: 61 }), {
      items: [],
      failedReminders: [],
    });
    expect(text()).toContain('Redis ist nicht erreichbar.');
    expect(text()).toContain('Ältester fälliger Hinweis: vor 61 s');
    expect(text(present(element().querySelector('.message.late'), 'late warning'))).toContain(
      'wartet seit mehr als einer Minute',
    );
    expect(text()).toContain('Es geht nichts verloren');
    expect(text()).toContain('Keine Angaben, solange Redis nicht erreichbar ist.');
    expect(element().querySelector('table.queues')).toBeNull();
    expect(text()).toContain('Keine fehlgeschlagenen oder unklaren E-Mails.');
    expect(text()).toContain('Keine fehlgeschlagenen Hinweise.');
    expect(element().querySelector('table.failed-reminders')).toBeNull();
  });

  it('does not warn at exactly a minute, and says when nothing is due', async () => {
    await answer(health({ oldestDueSeconds: 60 }));
    expect(element().querySelector('.message.late')).toBeNull();
    buttons(element(), 'Aktualisieren')[0].click();
    await answer(health({ oldestDueSeconds: 0 }));
    expect(text()).toContain('Ältester fälliger Hinweis: keiner offen');
  });

  it('loads again with "Aktualisieren", keeping the last answer on screen meanwhile', async () => {
    await answer();
    buttons(element(), 'Aktualisieren')[0].click();
    await settle();
    expect(element().querySelector('mat-progress-bar')).not.toBeNull();
    expect(rowsOf('table.queues')).toHaveLength(2);
    backend.expectOne(HEALTH_URL).flush(health({ queues: [] }));
    backend.expectOne(FAILED_URL).flush({ items: [], failedReminders: [] });
    await settle();
    expect(element().querySelector('mat-progress-bar')).toBeNull();
    expect(element().querySelector('table.queues')).toBeNull();
  });

  it('sends a failed e-mail again without asking, confirms with a snack bar and reloads', async () => {
    await answer();
    const row = present(element().querySelectorAll('table.failed tbody tr')[0], 'failed row');
    const button = buttons(row, 'Erneut senden')[0];
    button.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(text(row)).toContain('Wird gesendet …');
    // A second click while the first is on its way sends nothing more.
    button.click();
    const request = backend.expectOne({ method: 'POST', url: '/api/admin/mail/m1/retry' });
    request.flush({ queued: true }, { status: 201, statusText: 'Created' });
    await settle();
    expect(snackBar()).toContain('Die E-Mail an jonas@magdeburg.de wird erneut gesendet.');
    await answer(health(), { items: [FAILED.items[1]], failedReminders: [] });
    expect(rowsOf('table.failed')).toHaveLength(1);
  });

  it('asks before sending an uncertain e-mail again, as it may arrive twice', async () => {
    await answer();
    const row = element().querySelectorAll('table.failed tbody tr')[1];
    buttons(row, 'Erneut senden')[0].click();
    await settle();
    expect(text(dialog())).toContain('Unklare E-Mail erneut senden?');
    expect(text(dialog())).toContain('nora@halle.de');
    expect(text(dialog())).toContain('möglicherweise zweimal');
    buttons(dialog(), 'Abbrechen')[0].click();
    await settle();
    backend.expectNone('/api/admin/mail/m2/retry');

    buttons(row, 'Erneut senden')[0].click();
    await settle();
    buttons(dialog(), 'Trotzdem erneut senden')[0].click();
    await settle();
    backend.expectOne({ method: 'POST', url: '/api/admin/mail/m2/retry' }).flush({ queued: true });
    await settle();
    expect(snackBar()).toContain('Die E-Mail an nora@halle.de wird erneut gesendet.');
    await answer();
  });

  it('explains a refused retry and reloads the list when it is out of date', async () => {
    await answer();
    buttons(element().querySelectorAll('table.failed tbody tr')[0], 'Erneut senden')[0].click();
    await settle();
    backend
      .expectOne('/api/admin/mail/m1/retry')
      .flush(...apiError(409, 'CONFLICT', 'Die E-Mail wurde inzwischen schon erneut gesendet.'));
    await settle();
    expect(text(present(element().querySelector('[role="alert"]'), 'alert'))).toContain(
      'Die E-Mail wurde inzwischen schon erneut gesendet.',
    );
    await answer(health(), { items: [], failedReminders: [] });
    // The explanation stays until the next action.
    expect(text(present(element().querySelector('[role="alert"]'), 'alert'))).toContain('inzwischen schon erneut');
  });

  it('lists the failed notices with person, reason and times in Berlin time', async () => {
    await answer(health(), WITH_FAILED_REMINDERS);
    expect(rowsOf('table.failed-reminders')).toEqual([
      [
        'Aufgabe bald fällig',
        'Jonas Beispiel',
        'Die Aufgabe gibt es nicht mehr.',
        '26.11.2026, 08:00 Uhr',
        '26.11.2026, 08:00 Uhr',
        'Erneut zustellen',
      ],
      [
        'Erinnerung an eine Sitzung',
        'alle Betroffenen',
        'nicht bekannt',
        '26.11.2026, 00:30 Uhr',
        '26.11.2026, 00:30 Uhr',
        'Erneut zustellen',
      ],
    ]);
    const region = present(
      element().querySelector('[role="region"][aria-labelledby="notifications-failed-reminders"]'),
      'failed reminders region',
    );
    expect(region.getAttribute('tabindex')).toBe('0');
    // The button names the notice and the person it is for.
    const button = buttons(region, 'Erneut zustellen')[1];
    expect(button.getAttribute('type')).toBe('button');
    const described = (button.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => text(present(document.getElementById(id), id)));
    expect(described).toEqual(['Erinnerung an eine Sitzung', 'alle Betroffenen']);
  });

  it('delivers a failed notice again, confirms with a snack bar and reloads', async () => {
    await answer(health(), WITH_FAILED_REMINDERS);
    const row = present(element().querySelectorAll('table.failed-reminders tbody tr')[0], 'failed reminder row');
    const button = buttons(row, 'Erneut zustellen')[0];
    button.click();
    await settle();
    expect(document.querySelector('mat-dialog-container')).toBeNull();
    expect(text(row)).toContain('Wird zugestellt …');
    expect(button.getAttribute('aria-disabled')).toBe('true');
    // A second click while the first is on its way sends nothing more.
    button.click();
    const request = backend.expectOne({ method: 'POST', url: '/api/admin/reminders/r1/retry' });
    expect(request.request.body).toBeNull();
    request.flush({ queued: true }, { status: 201, statusText: 'Created' });
    await settle();
    expect(snackBar()).toContain('Der Hinweis „Aufgabe bald fällig“ wird erneut zugestellt.');
    await answer(health(), { items: [], failedReminders: [WITH_FAILED_REMINDERS.failedReminders[1]] });
    expect(rowsOf('table.failed-reminders')).toHaveLength(1);
  });

  it('explains a refused notice retry with the server’s message and reloads the list', async () => {
    await answer(health(), WITH_FAILED_REMINDERS);
    buttons(element().querySelectorAll('table.failed-reminders tbody tr')[0], 'Erneut zustellen')[0].click();
    await settle();
    backend
      .expectOne({ method: 'POST', url: '/api/admin/reminders/r1/retry' })
      .flush(...apiError(409, 'CONFLICT', 'Dieser Hinweis ist nicht fehlgeschlagen.'));
    await settle();
    expect(text(present(element().querySelector('[role="alert"]'), 'alert'))).toContain(
      'Dieser Hinweis ist nicht fehlgeschlagen.',
    );
    await answer(health(), { items: [], failedReminders: [WITH_FAILED_REMINDERS.failedReminders[1]] });
    expect(text(present(element().querySelector('[role="alert"]'), 'alert'))).toContain('nicht fehlgeschlagen');

    buttons(element().querySelectorAll('table.failed-reminders tbody tr')[0], 'Erneut zustellen')[0].click();
    await settle();
    // A new attempt clears the old explanation.
    expect(element().querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
    backend
      .expectOne({ method: 'POST', url: '/api/admin/reminders/r2/retry' })
      .flush(...apiError(404, 'NOT_FOUND', 'Der Eintrag wurde nicht gefunden.'));
    await settle();
    expect(text(present(element().querySelector('[role="alert"]'), 'alert'))).toContain(
      'Der Eintrag wurde nicht gefunden.',
    );
    await answer(health(), { items: [], failedReminders: [] });
    expect(text()).toContain('Keine fehlgeschlagenen Hinweise.');
  });

  it('points to the profile when the second factor is missing, and retries other errors', async () => {
    await settle();
    backend
      .expectOne(HEALTH_URL)
      .flush(...apiError(403, 'SECOND_FACTOR_SETUP_REQUIRED', 'Für diese Aktion richten Sie bitte zuerst …'));
    // The other request of the pair is cancelled with the failed one.
    backend.match(FAILED_URL);
    await settle();
    const alert = present(element().querySelector('[role="alert"]'), 'alert');
    expect(text(alert)).toContain('Für diese Aktion richten Sie bitte zuerst');
    expect(alert.querySelector('a[href="/profil"]')).not.toBeNull();
    expect(element().querySelector('table')).toBeNull();
  });

  it('offers to try again after another error', async () => {
    await settle();
    backend.expectOne(HEALTH_URL).flush(...apiError(500, 'INTERNAL', 'Das hat leider nicht geklappt.'));
    // The other request of the pair is cancelled with the failed one.
    backend.match(FAILED_URL);
    await settle();
    const alert = present(element().querySelector('[role="alert"]'), 'alert');
    expect(text(alert)).toContain('Das hat leider nicht geklappt.');
    buttons(alert, 'Erneut versuchen')[0].click();
    await answer();
    expect(element().querySelector('[role="alert"]')?.textContent?.trim()).toBe('');
    expect(rowsOf('table.queues')).toHaveLength(2);
  });
});
