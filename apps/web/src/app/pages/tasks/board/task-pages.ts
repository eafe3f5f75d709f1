import { DestroyRef, WritableSignal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Observable } from 'rxjs';
import { TaskPage, TaskSummary } from '../../../core/tasks.service';

/** A task list paged by keyset: loading, loaded (with "Weitere laden" state), or failed. */
export type PagedTasks =
  | { status: 'loading' }
  | { status: 'loaded'; items: TaskSummary[]; nextCursor: string | null; more: 'idle' | 'loading' | 'error' }
  | { status: 'error'; message: string };

/** The first page as a loaded state. */
export function firstPage(page: TaskPage): PagedTasks {
  return { status: 'loaded', items: page.items, nextCursor: page.nextCursor, more: 'idle' };
}

/** Appends a page, leaving out rows already shown (a task may have moved between pages). */
export function appendPage(current: PagedTasks & { status: 'loaded' }, page: TaskPage): PagedTasks {
  const known = new Set(current.items.map((task) => task.id));
  return {
    status: 'loaded',
    items: [...current.items, ...page.items.filter((task) => !known.has(task.id))],
    nextCursor: page.nextCursor,
    more: 'idle',
  };
}

/**
 * "Weitere laden": fetches the page after the cursor into `state`; does nothing while a page is
 * on its way or at the end; a failure shows on the button, the rows stay.
 */
export function loadNextPage(
  state: WritableSignal<PagedTasks>,
  fetch: (cursor: string) => Observable<TaskPage>,
  destroyRef: DestroyRef,
): void {
  const start = state();
  if (start.status !== 'loaded' || !start.nextCursor || start.more === 'loading') return;
  state.set({ ...start, more: 'loading' });
  fetch(start.nextCursor)
    .pipe(takeUntilDestroyed(destroyRef))
    .subscribe({
      next: (page) => {
        const current = state();
        if (current.status === 'loaded') state.set(appendPage(current, page));
      },
      error: () => {
        const current = state();
        if (current.status === 'loaded') state.set({ ...current, more: 'error' });
      },
    });
}
