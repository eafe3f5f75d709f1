import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { MatAutocomplete, MatAutocompleteSelectedEvent, MatAutocompleteTrigger } from '@angular/material/autocomplete';
import { MatButton } from '@angular/material/button';
import { MatOption } from '@angular/material/core';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Subject, catchError, debounceTime, forkJoin, of, switchMap } from 'rxjs';
import { AttendanceInputRowDto } from '../../../api/generated/models/attendance-input-row-dto';
import { AttendanceRowDto } from '../../../api/generated/models/attendance-row-dto';
import { PRODUCT_NAME } from '../../../core/page-title.strategy';
import { DirectoryPerson, GroupsService } from '../../../core/groups.service';
import {
  ATTENDANCE_MODE_LABELS,
  ATTENDANCE_STATUS_LABELS,
  AttendanceMode,
  AttendanceSheet,
  AttendanceStatus,
  MeetingDetail,
  MeetingsService,
  RSVP_LABELS,
  meetingWhen,
} from '../../../core/meetings.service';
import { apiErrorCode, apiErrorText } from '../../../shared/api-errors';

/** One line of the sheet while it is being filled in. */
interface SheetRow {
  person: AttendanceRowDto['person'];
  status: AttendanceStatus;
  mode: AttendanceMode | null;
  deputyFor: AttendanceRowDto['deputyFor'];
  answer: AttendanceRowDto['answer'];
  /** Taken from the answers and not yet confirmed by saving. */
  suggested: boolean;
  /** Added on this page (may be taken out again before saving). */
  added: boolean;
}

const STATUSES: readonly AttendanceStatus[] = ['present', 'excused', 'absent'];
const NO_ORGANIZATION = 'Ohne Organisation';

/** The rows as the api expects them; the mode only counts for present people at hybrid meetings. */
export function attendancePayload(rows: readonly SheetRow[], hybrid: boolean): AttendanceInputRowDto[] {
  return rows.map((row) => ({
    accountId: row.person.id,
    status: row.status,
    mode: hybrid && row.status === 'present' ? (row.mode ?? 'on_site') : null,
    deputyFor: row.deputyFor?.id ?? null,
  }));
}

/** Present people per organisation, largest first. */
export function presentCounts(rows: readonly SheetRow[]): { organization: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.status === 'present') {
      const organization = row.person.organization ?? NO_ORGANIZATION;
      counts.set(organization, (counts.get(organization) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .map(([organization, count]) => ({ organization, count }))
    .sort((a, b) => b.count - a.count || a.organization.localeCompare(b.organization, 'de'));
}

function toRows(sheet: AttendanceSheet): SheetRow[] {
  return sheet.rows.map((row) => ({
    person: row.person,
    status: row.status,
    mode: row.mode,
    deputyFor: row.deputyFor,
    answer: row.answer,
    suggested: !row.recorded,
    added: false,
  }));
}

type PageState =
  | { status: 'loading' }
  | { status: 'loaded'; meeting: MeetingDetail; sheet: AttendanceSheet }
  | { status: 'error'; message: string; notFound: boolean };

/**
 * Attendance of a meeting (`/termine/:id/anwesenheit`, organisers): who was there, excused or
 * absent, and for hybrid meetings vor Ort or online. Until saved the sheet is a suggestion from
 * the answers; people who came without answering can be added from the directory.
 */
@Component({
  selector: 'srp-attendance-page',
  imports: [
    FormsModule,
    MatAutocomplete,
    MatAutocompleteTrigger,
    MatButton,
    MatFormField,
    MatIcon,
    MatInput,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatRadioButton,
    MatRadioGroup,
    RouterLink,
  ],
  templateUrl: './attendance-page.html',
  styleUrls: ['../../working-groups/feedback.scss', './meeting-sections.scss', './attendance-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AttendancePage {
  /** The meeting's id from the route (`/termine/:id/anwesenheit`). */
  readonly id = input.required<string>();

  private readonly meetings = inject(MeetingsService);
  private readonly groups = inject(GroupsService);
  private readonly title = inject(Title);
  private readonly destroyRef = inject(DestroyRef);

  protected readonly state = signal<PageState>({ status: 'loading' });
  protected readonly rows = signal<SheetRow[]>([]);
  protected readonly saving = signal(false);
  protected readonly notice = signal<string | null>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly conflict = signal<string | null>(null);
  protected readonly query = signal('');
  protected readonly matches = signal<DirectoryPerson[]>([]);
  private readonly search = new Subject<string>();

  protected readonly statuses = STATUSES;
  protected readonly statusLabels = ATTENDANCE_STATUS_LABELS;
  protected readonly modeLabels = ATTENDANCE_MODE_LABELS;
  protected readonly answerLabels = RSVP_LABELS;
  protected readonly meetingWhen = meetingWhen;

  protected readonly hybrid = computed(() => {
    const state = this.state();
    return state.status === 'loaded' && state.meeting.format === 'hybrid';
  });
  protected readonly counts = computed(() => presentCounts(this.rows()));
  protected readonly presentTotal = computed(() => this.rows().filter((row) => row.status === 'present').length);

  constructor() {
    toObservable(this.id)
      .pipe(takeUntilDestroyed())
      .subscribe((id) => this.load(id));
    this.search
      .pipe(
        debounceTime(250),
        switchMap((query) =>
          query.trim().length < 2 ? of([]) : this.groups.searchPeople(query).pipe(catchError(() => of([]))),
        ),
        takeUntilDestroyed(),
      )
      .subscribe((people) => {
        const listed = new Set(this.rows().map((row) => row.person.id));
        this.matches.set(people.filter((person) => !listed.has(person.id) && person.status === 'active'));
      });
  }

  protected reload(): void {
    this.conflict.set(null);
    this.load(this.id());
  }

  protected setStatus(index: number, status: AttendanceStatus): void {
    this.rows.update((rows) => rows.map((row, i) => (i === index ? { ...row, status } : row)));
  }

  protected setMode(index: number, mode: AttendanceMode): void {
    this.rows.update((rows) => rows.map((row, i) => (i === index ? { ...row, mode } : row)));
  }

  protected typed(query: string): void {
    this.query.set(query);
    this.search.next(query);
  }

  protected addPerson(event: MatAutocompleteSelectedEvent): void {
    const person = event.option.value as DirectoryPerson;
    this.rows.update((rows) => [
      ...rows,
      {
        person: { id: person.id, name: person.name, organization: person.organizationName },
        status: 'present',
        mode: this.hybrid() ? 'on_site' : null,
        deputyFor: null,
        answer: null,
        suggested: false,
        added: true,
      },
    ]);
    this.query.set('');
    this.matches.set([]);
    this.notice.set(`${person.name} wurde hinzugefügt (noch nicht gespeichert).`);
  }

  protected removeRow(index: number): void {
    this.rows.update((rows) => rows.filter((_, i) => i !== index));
  }

  protected save(): void {
    const state = this.state();
    if (state.status !== 'loaded' || this.saving()) {
      return;
    }
    this.saving.set(true);
    this.notice.set(null);
    this.error.set(null);
    this.conflict.set(null);
    this.meetings
      .recordAttendance(state.meeting.id, attendancePayload(this.rows(), this.hybrid()), state.sheet.version)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (sheet) => {
          this.saving.set(false);
          this.state.set({ status: 'loaded', meeting: state.meeting, sheet });
          this.rows.set(toRows(sheet));
          this.notice.set('Die Anwesenheit wurde gespeichert.');
        },
        error: (error: unknown) => {
          this.saving.set(false);
          if (apiErrorCode(error) === 'CONFLICT') {
            this.conflict.set(apiErrorText(error));
          } else {
            this.error.set(apiErrorText(error));
          }
        },
      });
  }

  private load(id: string): void {
    if (this.state().status !== 'loaded') {
      this.state.set({ status: 'loading' });
    }
    forkJoin({ meeting: this.meetings.detail(id), sheet: this.meetings.attendance(id) })
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: ({ meeting, sheet }) => {
          this.state.set({ status: 'loaded', meeting, sheet });
          this.rows.set(toRows(sheet));
          this.title.setTitle(`Anwesenheit: ${meeting.title} – ${PRODUCT_NAME}`);
        },
        error: (error: unknown) => {
          const code = apiErrorCode(error);
          this.state.set({
            status: 'error',
            message: apiErrorText(error),
            notFound: code === 'NOT_FOUND' || code === 'FORBIDDEN',
          });
          this.title.setTitle(`Anwesenheit – ${PRODUCT_NAME}`);
        },
      });
  }
}
