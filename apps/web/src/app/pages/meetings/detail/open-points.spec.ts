import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { OpenPoint } from '../../../core/minutes.service';
import { present } from '../../../testing/dom-testing';
import { MEETING_ID } from './meeting-test-data';
import { OpenPoints } from './open-points';

const URL = `/api/meetings/${MEETING_ID}/open-points`;
const PREVIOUS = { id: '40000000-0000-4000-8000-000000000000', title: 'Monatsrunde November' };

function point(n: number, overrides: Partial<OpenPoint> = {}): OpenPoint {
  return {
    entryId: `70000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    text: `Angebot ${n} einholen`,
    agendaItemTitle: 'Sensorik',
    assignees: [{ id: 'a', name: 'Anna Beispiel' }],
    dueDate: '2026-12-18',
    overdue: false,
    group: { id: 'g', shortName: 'UAG 3' },
    meeting: PREVIOUS,
    task: { id: `task-${n}`, title: `Angebot ${n} einholen`, status: 'in_progress' },
    ...overrides,
  };
}

describe('OpenPoints', () => {
  let fixture: ComponentFixture<OpenPoints>;
  let backend: HttpTestingController;

  async function create(answer: OpenPoint[] | 'error'): Promise<void> {
    TestBed.configureTestingModule({
      imports: [OpenPoints],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(OpenPoints);
    fixture.componentRef.setInput('meetingId', MEETING_ID);
    await fixture.whenStable();
    const request = backend.expectOne(URL);
    if (answer === 'error') {
      request.flush({ code: 'INTERNAL', message: 'x', details: {} }, { status: 500, statusText: 'Error' });
    } else {
      request.flush(answer);
    }
    await fixture.whenStable();
  }

  afterEach(() => backend?.verify());

  const element = () => fixture.nativeElement as HTMLElement;
  const text = (root: Element = element()) => root.textContent?.replace(/\s+/g, ' ') ?? '';

  it('lists each open action item with assignees, German due date, group and task link', async () => {
    await create([
      point(1),
      point(2, { overdue: true, dueDate: '2026-11-20', task: { id: 'task-2', title: 't', status: 'blocked' } }),
    ]);
    expect(element().querySelector('h3')?.textContent).toBe('Offene Punkte aus der letzten Sitzung');
    const items = element().querySelectorAll('li');
    expect(items).toHaveLength(2);
    expect(text(items[0])).toContain('Angebot 1 einholen');
    expect(text(items[0])).toContain('Verantwortlich: Anna Beispiel');
    expect(text(items[0])).toContain('Fällig: 18.12.2026');
    expect(text(items[0])).toContain('UAG 3');
    const task = present(items[0].querySelector('a'), 'task link');
    expect(task.getAttribute('href')).toBe('/aufgaben/task-1');
    expect(text(task)).toBe('Aufgabe: In Arbeit');
    expect(text(items[1])).toContain('Überfällig seit 20.11.2026');
    expect(text(items[1])).toContain('Aufgabe: Blockiert');
    expect(element().querySelector('.from a')?.getAttribute('href')).toBe(`/termine/${PREVIOUS.id}/protokoll`);
  });

  it('renders nothing when there are no open points', async () => {
    await create([]);
    expect(
      element()
        .innerHTML.replace(/<!--.*?-->/g, '')
        .trim(),
    ).toBe('');
  });

  it('renders nothing when they cannot be loaded', async () => {
    await create('error');
    expect(element().querySelector('section')).toBeNull();
  });
});
