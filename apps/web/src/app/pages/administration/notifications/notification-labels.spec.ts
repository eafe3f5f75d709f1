import {
  MAIL_STATUS_LABELS,
  REMINDER_STATUS_LABELS,
  labelledCounts,
  queueLabel,
  scheduleLabel,
  scheduleRuleText,
} from './notification-labels';

describe('notification labels', () => {
  it('reads the api’s interval rules in German', () => {
    expect(scheduleRuleText('alle 2 s')).toBe('alle 2 Sekunden');
    expect(scheduleRuleText('alle 1 s')).toBe('jede Sekunde');
    expect(scheduleRuleText('alle 0.5 s')).toBe('alle 0,5 Sekunden');
    expect(scheduleRuleText('alle 30 s')).toBe('alle 30 Sekunden');
    expect(scheduleRuleText('alle 60 s')).toBe('jede Minute');
    expect(scheduleRuleText('alle 300 s')).toBe('alle 5 Minuten');
    expect(scheduleRuleText('alle 90 s')).toBe('alle 90 Sekunden');
    expect(scheduleRuleText('alle 7200 s')).toBe('alle 2 Stunden');
  });

  it('reads daily and weekly cron patterns in German and shows others as they are', () => {
    expect(scheduleRuleText('0 8 * * * (Europe/Berlin)')).toBe('täglich um 08:00 Uhr');
    expect(scheduleRuleText('30 3 * * * (Europe/Berlin)')).toBe('täglich um 03:30 Uhr');
    expect(scheduleRuleText('0 7 * * 1 (Europe/Berlin)')).toBe('montags um 07:00 Uhr');
    expect(scheduleRuleText('15 18 * * 0 (Europe/Berlin)')).toBe('sonntags um 18:15 Uhr');
    expect(scheduleRuleText('15 18 * * 7 (Europe/Berlin)')).toBe('sonntags um 18:15 Uhr');
    expect(scheduleRuleText('*/5 8-17 * * 1-5 (Europe/Berlin)')).toBe('Zeitplan „*/5 8-17 * * 1-5 (Europe/Berlin)“');
  });

  it('names the queues and schedules, leaving unknown ones as they are', () => {
    expect(queueLabel('mail')).toBe('E-Mail');
    expect(queueLabel('notifications')).toBe('Benachrichtigungen');
    expect(queueLabel('exports')).toBe('exports');
    expect(scheduleLabel('digest-weekly')).toBe('Wochenübersicht');
    expect(scheduleLabel('reminder-sweep')).toBe('Fällige Hinweise einsammeln');
    expect(scheduleLabel('something-new')).toBe('something-new');
  });

  it('lists every known status in order with zero where the api has none, then unknown ones', () => {
    expect(
      labelledCounts(
        [
          { status: 'sent', count: 12 },
          { status: 'uncertain', count: 1 },
          { status: 'bounced', count: 3 },
        ],
        MAIL_STATUS_LABELS,
      ),
    ).toEqual([
      { status: 'queued', label: 'wartend', count: 0 },
      { status: 'sending', label: 'wird gesendet', count: 0 },
      { status: 'retrying', label: 'erneuter Versuch', count: 0 },
      { status: 'sent', label: 'gesendet', count: 12 },
      { status: 'failed', label: 'fehlgeschlagen', count: 0 },
      { status: 'uncertain', label: 'unklar', count: 1 },
      { status: 'bounced', label: 'bounced', count: 3 },
    ]);
    expect(labelledCounts([], REMINDER_STATUS_LABELS).map((c) => c.label)).toEqual([
      'geplant',
      'in Zustellung',
      'zugestellt',
      'übersprungen',
      'abgesagt',
      'fehlgeschlagen',
    ]);
  });
});
