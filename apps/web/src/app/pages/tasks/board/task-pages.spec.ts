import { DestroyRef, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Subject } from 'rxjs';
import { TaskPage, TaskSummary } from '../../../core/tasks.service';
import { appendPage, firstPage, loadNextPage, PagedTasks } from './task-pages';

const task = (id: string) => ({ id, title: id }) as TaskSummary;
const page = (ids: string[], nextCursor: string | null): TaskPage => ({ items: ids.map(task), nextCursor });

describe('keyset pages of tasks', () => {
  it('appends the next page without repeating a task that moved between pages', () => {
    const first = firstPage(page(['a', 'b'], 'c1'));
    if (first.status !== 'loaded') throw new Error('not loaded');
    const next = appendPage(first, page(['b', 'c'], null));
    expect(next).toEqual({
      status: 'loaded',
      items: [task('a'), task('b'), task('c')],
      nextCursor: null,
      more: 'idle',
    });
  });

  it('loads once per click, marks a failure and keeps the rows', () => {
    const state = signal<PagedTasks>(firstPage(page(['a'], 'c1')));
    const answers = new Subject<TaskPage>();
    const cursors: string[] = [];
    const destroyRef = TestBed.inject(DestroyRef);
    const fetch = (cursor: string) => {
      cursors.push(cursor);
      return answers;
    };
    loadNextPage(state, fetch, destroyRef);
    loadNextPage(state, fetch, destroyRef);
    expect(cursors).toEqual(['c1']);
    answers.error(new Error('offline'));
    expect(state()).toMatchObject({ status: 'loaded', items: [task('a')], more: 'error' });
  });
});
