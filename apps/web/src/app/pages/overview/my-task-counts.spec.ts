import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { MyTaskCounts } from './my-task-counts';

describe('MyTaskCounts', () => {
  let fixture: ComponentFixture<MyTaskCounts>;
  let backend: HttpTestingController;

  async function render(
    answer: (request: ReturnType<HttpTestingController['expectOne']>) => void,
  ): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      imports: [MyTaskCounts],
      providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(MyTaskCounts);
    answer(backend.expectOne('/api/tasks/counts'));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const text = (element: HTMLElement) => element.textContent?.replace(/\s+/g, ' ').trim() ?? '';

  afterEach(() => backend.verify());

  it('links my open tasks to Meine Aufgaben and names the overdue ones in words', async () => {
    const element = await render((request) => request.flush({ open: 7, overdue: 2, dueThisWeek: 3 }));
    const link = element.querySelector('a[href="/aufgaben"]');
    expect(link?.textContent?.trim()).toBe('Meine offenen Aufgaben: 7');
    expect(text(element)).toContain('davon überfällig: 2');
    expect(text(element)).toContain('diese Woche fällig: 3');
  });

  it('says when nothing is open', async () => {
    const element = await render((request) => request.flush({ open: 0, overdue: 0, dueThisWeek: 0 }));
    expect(text(element)).toContain('Ihnen sind zurzeit keine offenen Aufgaben zugewiesen.');
    expect(element.querySelector('a[href="/aufgaben"]')).toBeNull();
  });

  it('still offers the way to the list when counting fails', async () => {
    const element = await render((request) =>
      request.flush(
        { code: 'INTERNAL', message: 'x', details: {}, correlationId: 't' },
        { status: 500, statusText: 'x' },
      ),
    );
    expect(text(element)).toContain('Ihre Aufgaben konnten gerade nicht gezählt werden.');
    expect(element.querySelector('a[href="/aufgaben"]')).not.toBeNull();
  });
});
