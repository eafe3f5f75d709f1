import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { FailedDeliveryList, NotificationSettings, NotificationsAdminService } from './notifications-admin.service';

describe('NotificationsAdminService', () => {
  let service: NotificationsAdminService;
  let backend: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    service = TestBed.inject(NotificationsAdminService);
    backend = TestBed.inject(HttpTestingController);
  });

  afterEach(() => backend.verify());

  it('reads the health and the failed e-mails', async () => {
    const health = firstValueFrom(service.health());
    const healthBody = {
      redisReachable: true,
      queues: [],
      schedules: [],
      reminders: [{ status: 'planned', count: 2 }],
      mails: [],
      oldestDueSeconds: 0,
    };
    backend.expectOne({ method: 'GET', url: '/api/admin/notifications/health' }).flush(healthBody);
    expect(await health).toEqual(healthBody);

    const failed = firstValueFrom(service.failed());
    const failedBody: FailedDeliveryList = {
      items: [],
      failedReminders: [
        {
          id: 'rem-1',
          kind: 'task_due',
          label: 'Aufgabe bald fällig',
          recipient: 'Jonas Beispiel',
          reason: 'Die Aufgabe gibt es nicht mehr.',
          dueAt: '2026-11-26T07:00:00.000Z',
          failedAt: '2026-11-26T07:00:05.000Z',
        },
      ],
    };
    backend.expectOne({ method: 'GET', url: '/api/admin/notifications/failed' }).flush(failedBody);
    expect(await failed).toEqual(failedBody);
  });

  it('sends an e-mail again and says whether it is queued', async () => {
    const queued = firstValueFrom(service.retry('mail-1'));
    const request = backend.expectOne({ method: 'POST', url: '/api/admin/mail/mail-1/retry' });
    expect(request.request.body).toBeNull();
    request.flush({ queued: true }, { status: 201, statusText: 'Created' });
    expect(await queued).toBe(true);
  });

  it('delivers a failed reminder again and says whether it is queued', async () => {
    const queued = firstValueFrom(service.retryReminder('rem-1'));
    const request = backend.expectOne({ method: 'POST', url: '/api/admin/reminders/rem-1/retry' });
    expect(request.request.body).toBeNull();
    request.flush({ queued: true }, { status: 201, statusText: 'Created' });
    expect(await queued).toBe(true);
  });

  it('reads and saves the settings with the version', async () => {
    const stored: NotificationSettings = {
      settings: {
        channels: { task_due: 'in_app' },
        meetingReminders: [{ type: 'hours_before', hours: 24 }],
        agendaCallDaysBefore: 7,
        taskDueSoonDays: null,
        minutesDeadlineDays: 2,
      },
      version: 3,
      updatedAt: '2026-11-26T13:05:00.000Z',
      updatedBy: 'Erika Muster',
    };
    const loaded = firstValueFrom(service.settings());
    backend.expectOne({ method: 'GET', url: '/api/notification-settings' }).flush(stored);
    expect(await loaded).toEqual(stored);

    const saved = firstValueFrom(service.updateSettings({ settings: stored.settings, version: 3 }));
    const put = backend.expectOne({ method: 'PUT', url: '/api/notification-settings' });
    expect(put.request.body).toEqual({ settings: stored.settings, version: 3 });
    put.flush({ ...stored, version: 4 });
    expect((await saved).version).toBe(4);
  });
});
