import { Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { TaskDueChip, TaskPriorityChip, TaskStatusChip, berlinToday, dueState, formatDueDate } from './task-chips';

describe('task chips helpers', () => {
  it('formats a calendar date without any time zone shift', () => {
    expect(formatDueDate('2026-12-18')).toBe('18.12.2026');
    expect(formatDueDate('2026-01-01')).toBe('01.01.2026');
    expect(formatDueDate(null)).toBe('');
    expect(formatDueDate('morgen')).toBe('');
  });

  it('knows today in Europe/Berlin, also when it is still yesterday in UTC', () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin (UTC+1 in winter).
    expect(berlinToday(new Date('2026-12-31T23:30:00Z'))).toBe('2027-01-01');
    // 21:30 UTC on 30 June is 23:30 in Berlin (UTC+2 in summer): still 30 June.
    expect(berlinToday(new Date('2026-06-30T21:30:00Z'))).toBe('2026-06-30');
  });

  it('trusts the server’s overdue flag and marks today', () => {
    expect(dueState('2026-11-20', true, '2026-11-26')).toBe('overdue');
    expect(dueState('2026-11-20', false, '2026-11-26')).toBe('upcoming');
    expect(dueState('2026-11-26', false, '2026-11-26')).toBe('today');
  });
});

describe('task chips', () => {
  function render<T>(type: Type<T>, inputs: Record<string, unknown>): string {
    const fixture = TestBed.createComponent(type);
    for (const [name, value] of Object.entries(inputs)) {
      fixture.componentRef.setInput(name, value);
    }
    fixture.detectChanges();
    // The icons are decorative (aria-hidden): only the words count.
    const copy = (fixture.nativeElement as HTMLElement).cloneNode(true) as HTMLElement;
    copy.querySelectorAll('mat-icon').forEach((icon) => icon.remove());
    return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  it('says the status in words', () => {
    expect(render(TaskStatusChip, { status: 'in_progress' })).toBe('In Arbeit');
    expect(render(TaskStatusChip, { status: 'blocked' })).toBe('Blockiert');
  });

  it('says that a priority is a priority', () => {
    expect(render(TaskPriorityChip, { priority: 'urgent' })).toBe('Priorität: Dringend');
    expect(render(TaskPriorityChip, { priority: 'low' })).toBe('Priorität: Niedrig');
  });

  it('writes "Überfällig" rather than relying on red', () => {
    expect(render(TaskDueChip, { dueDate: '2026-11-20', overdue: true })).toBe('Überfällig: 20.11.2026');
    expect(render(TaskDueChip, { dueDate: '2099-11-20', overdue: false })).toBe('Fällig: 20.11.2099');
    expect(render(TaskDueChip, { dueDate: berlinToday(), overdue: false })).toBe('Heute fällig');
    expect(render(TaskDueChip, { dueDate: null })).toBe('');
  });
});
