import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  Injector,
  afterNextRender,
  computed,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { toObservable, toSignal } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import { catchError, combineLatest, debounceTime, distinctUntilChanged, map, of, startWith, switchMap } from 'rxjs';
import { TaskSummary, TasksService } from '../../../core/tasks.service';
import { apiErrorText } from '../../../shared/api-errors';
import { TaskStatusChip } from '../task-chips';

export interface TaskLinkView {
  id: string;
  title: string;
  status: TaskSummary['status'];
  groupShortName: string;
}

type SearchState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; items: TaskSummary[] }
  | { status: 'error'; message: string };

let nextId = 0;

/**
 * "Verknüpfte Aufgaben": the related tasks with their status, and for members a search among the
 * group's tasks to link one more ("Verknüpfen") or to remove a link.
 */
@Component({
  selector: 'srp-task-links',
  imports: [
    MatButton,
    MatFormField,
    MatHint,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    ReactiveFormsModule,
    RouterLink,
    TaskStatusChip,
  ],
  template: `
    @if (links().length > 0) {
      <ul class="links">
        @for (link of links(); track link.id) {
          <li>
            <span class="link-text">
              <a [routerLink]="['/aufgaben', link.id]">{{ link.title }}</a
              >&ngsp;
              <span class="meta">
                <srp-task-status-chip [status]="link.status" />&ngsp;
                @if (link.groupShortName) {
                  <span class="group">{{ link.groupShortName }}</span>
                }
              </span>
            </span>
            @if (mayEdit()) {
              <button
                matIconButton
                type="button"
                [attr.aria-label]="'Verknüpfung mit „' + link.title + '“ entfernen'"
                [aria-disabled]="busy()"
                (click)="unlinkTask(link)"
              >
                <mat-icon>link_off</mat-icon>
              </button>
            }
          </li>
        }
      </ul>
    } @else {
      <p class="muted">Keine verknüpften Aufgaben.</p>
    }

    @if (mayEdit()) {
      <button
        #toggle
        matButton="outlined"
        type="button"
        [attr.aria-expanded]="picking()"
        [attr.aria-controls]="pickerId"
        (click)="togglePicker()"
      >
        <mat-icon>{{ picking() ? 'close' : 'add_link' }}</mat-icon>
        {{ picking() ? 'Suche schließen' : 'Verknüpfen' }}
      </button>
      <div [id]="pickerId" class="picker" [hidden]="!picking()">
        @if (picking()) {
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>Aufgabe der Gruppe suchen</mat-label>
            <input
              #search
              matInput
              type="search"
              [formControl]="query"
              autocomplete="off"
              (keydown.escape)="closePicker($event)"
            />
            <mat-hint>Titel, Beschreibung oder Kommentare</mat-hint>
          </mat-form-field>
          <div aria-live="polite" class="search-status">
            @switch (results().status) {
              @case ('loading') {
                <p class="muted">Wird gesucht …</p>
              }
              @case ('error') {
                <p class="muted">{{ errorMessage() }}</p>
              }
              @case ('loaded') {
                @if (candidates().length === 0) {
                  <p class="muted">Keine passende Aufgabe gefunden.</p>
                } @else {
                  <p class="srp-visually-hidden">
                    {{
                      candidates().length === 1 ? '1 Aufgabe gefunden.' : candidates().length + ' Aufgaben gefunden.'
                    }}
                  </p>
                }
              }
            }
          </div>
          @if (candidates().length > 0) {
            <ul class="candidates" aria-label="Suchergebnisse">
              @for (task of candidates(); track task.id) {
                <li>
                  <span class="link-text">
                    <span class="title" [id]="pickerId + '-' + task.id">{{ task.title }}</span>
                    <span class="meta"><srp-task-status-chip [status]="task.status" /></span>
                  </span>
                  <button
                    matButton
                    type="button"
                    [attr.aria-describedby]="pickerId + '-' + task.id"
                    [aria-disabled]="busy()"
                    (click)="linkTask(task)"
                  >
                    <mat-icon>link</mat-icon>
                    Verknüpfen
                  </button>
                </li>
              }
            </ul>
          }
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
    .links,
    .candidates {
      margin: 0 0 1rem;
      padding: 0;
      list-style: none;
    }
    li {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      justify-content: space-between;
      padding: 0.375rem 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .link-text {
      display: flex;
      flex-direction: column;
      gap: 0.25rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    .meta {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
    }
    .group {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
    }
    .picker {
      margin-top: 1rem;
    }
    mat-form-field {
      width: 100%;
    }
    .search-status {
      margin: 0.5rem 0;
    }
    .muted {
      margin: 0 0 0.75rem;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-medium);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskLinks {
  readonly taskId = input.required<string>();
  readonly groupId = input.required<string>();
  readonly links = input.required<readonly TaskLinkView[]>();
  readonly mayEdit = input(false);
  readonly busy = input(false);
  readonly link = output<string>();
  readonly unlink = output<TaskLinkView>();

  private readonly tasks = inject(TasksService);
  private readonly injector = inject(Injector);
  protected readonly pickerId = `task-link-picker-${nextId++}`;
  protected readonly picking = signal(false);
  protected readonly query = new FormControl('', { nonNullable: true });
  private readonly searchInput = viewChild<ElementRef<HTMLInputElement>>('search');
  private readonly toggleButton = viewChild('toggle', { read: ElementRef<HTMLButtonElement> });

  /** Counts the openings of the picker: each one searches afresh. */
  private readonly openings = signal(0);

  /** The group's tasks matching the search (the first by due date while the field is empty). */
  protected readonly results = toSignal(
    combineLatest([
      toObservable(this.openings),
      this.query.valueChanges.pipe(
        startWith(''),
        map((q) => q.trim()),
        debounceTime(300),
        distinctUntilChanged(),
      ),
    ]).pipe(
      switchMap(([, q]) =>
        this.picking()
          ? this.tasks.list({ groupId: this.groupId(), q: q || undefined, limit: 10 }).pipe(
              map((page): SearchState => ({ status: 'loaded', items: page.items })),
              catchError((error: unknown) => of<SearchState>({ status: 'error', message: apiErrorText(error) })),
              startWith<SearchState>({ status: 'loading' }),
            )
          : of<SearchState>({ status: 'idle' }),
      ),
    ),
    { initialValue: { status: 'idle' } as SearchState },
  );

  /** Results without this task and those already linked. */
  protected readonly candidates = computed(() => {
    const state = this.results();
    if (state.status !== 'loaded') {
      return [];
    }
    const linked = new Set(this.links().map((l) => l.id));
    return state.items.filter((task) => task.id !== this.taskId() && !linked.has(task.id));
  });

  protected readonly errorMessage = computed(() => {
    const state = this.results();
    return state.status === 'error' ? state.message : '';
  });

  protected togglePicker(): void {
    if (this.picking()) {
      this.closePicker();
      return;
    }
    this.picking.set(true);
    this.openings.update((n) => n + 1);
    afterNextRender(() => this.searchInput()?.nativeElement.focus(), { injector: this.injector });
  }

  protected closePicker(event?: Event): void {
    event?.stopPropagation();
    this.picking.set(false);
    afterNextRender(() => this.toggleButton()?.nativeElement.focus(), { injector: this.injector });
  }

  protected linkTask(task: TaskSummary): void {
    if (!this.busy()) {
      this.link.emit(task.id);
    }
  }

  protected unlinkTask(link: TaskLinkView): void {
    if (!this.busy()) {
      this.unlink.emit(link);
    }
  }
}
