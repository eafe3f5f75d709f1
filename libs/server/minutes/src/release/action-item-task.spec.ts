import { describe, expect, it } from 'vitest';
import { actionItemDescription, actionItemLabel, actionItemTitle } from './action-item-task';

const source = {
  meetingId: '11111111-1111-4111-8111-111111111111',
  meetingTitle: 'Monatsrunde [Januar]',
  meetingDay: '2026-01-14',
  itemNumber: 2,
  text: '\n  Förderantrag   Sensorik stellen\nMit Zahlen aus 2025.',
};

describe('action item → task', () => {
  it('takes the first non-empty line as title, cut to 200 characters', () => {
    expect(actionItemTitle(source.text)).toBe('Förderantrag Sensorik stellen');
    const long = actionItemTitle('x'.repeat(250));
    expect(long).toHaveLength(200);
    expect(long.endsWith('…')).toBe(true);
  });

  it('labels the origin with meeting, German date and TOP', () => {
    expect(actionItemLabel(source)).toBe('Protokoll Monatsrunde [Januar] 14.01.2026, TOP 2');
    expect(actionItemLabel({ ...source, itemNumber: null })).toBe('Protokoll Monatsrunde [Januar] 14.01.2026');
  });

  it('keeps the full text and links back to the minutes', () => {
    expect(actionItemDescription(source)).toBe(
      'Förderantrag   Sensorik stellen\nMit Zahlen aus 2025.\n\n' +
        'Aus dem Protokoll [Monatsrunde \\[Januar\\] vom 14.01.2026](/termine/11111111-1111-4111-8111-111111111111/protokoll), TOP 2.',
    );
  });

  it('puts no text of a confidential entry into the description, only a neutral note and the link', () => {
    const description = actionItemDescription({ ...source, confidential: true });
    expect(description).toBe(
      'Vertraulicher Punkt aus dem Protokoll – Details im Protokoll.\n\n' +
        'Aus dem Protokoll [Monatsrunde \\[Januar\\] vom 14.01.2026](/termine/11111111-1111-4111-8111-111111111111/protokoll), TOP 2.',
    );
    expect(description).not.toContain('2025');
  });
});
