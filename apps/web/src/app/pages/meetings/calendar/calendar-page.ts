import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable, toSignal } from '@angular/core/rxjs-interop';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { MatTooltip } from '@angular/material/tooltip';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { Observable, catchError, map, of, startWith, switchMap } from 'rxjs';
import { AuthService } from '../../../core/auth.service';
import { GroupSummary, GroupsService } from '../../../core/groups.service';
import {
  MEETING_FORMAT_LABELS,
  MEETING_KIND_LABELS,
  MEETING_KIND_ORDER,
  MeetingKind,
  MeetingSummary,
  MeetingsService,
  RSVP_LABELS,
  berlinDay,
  berlinTime,
} from '../../../core/meetings.service';
import { apiErrorText } from '../../../shared/api-errors';
import { openMeetingForm } from '../meeting-form/meeting-form-dialog';
import {
  CalendarState,
  CalendarView,
  WEEKDAY_LONG,
  WEEKDAY_SHORT,
  germanShortDate,
  germanWeekdayDate,
  meetingsByDay,
  meetingsByMonth,
  monthGrid,
  monthTitle,
  paramsFromState,
  periodTitle,
  queryOf,
  shiftDate,
  stateFromParams,
  visibleRange,
  weekDays,
} from './calendar-dates';
import { openCalendarSubscription } from './calendar-subscription-dialog';

type LoadState =
  | { status: 'loading' }
  | { status: 'loaded'; meetings: MeetingSummary[] }
  | { status: 'error'; message: string };

/** How many meetings a day of the month grid shows before "+ n weitere". */
export const DAY_LIMIT = 3;

/** Whether the person may plan meetings: coordination and admins, or leads of an active group. */
export function mayPlan(role: string | undefined, groups: readonly GroupSummary[]): boolean {
  return role === 'admin' || role === 'coordinator' || plannableGroups(groups).length > 0;
}

/** The groups the person leads (a lead plans only their group's meetings). */
export function plannableGroups(groups: readonly GroupSummary[]): GroupSummary[] {
  return groups.filter((g) => g.myRole === 'lead' && g.myStatus === 'active' && g.status === 'active');
}

/**
 * Termine: the calendar as month, week or list, with filters that live in the address
 * (`?ansicht=woche&datum=2026-11-26&gruppen=…&arten=…&nur=meine`), planning for those who may,
 * and the private calendar subscription.
 */
@Component({
  selector: 'srp-calendar-page',
  imports: [
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatLabel,
    MatOption,
    MatProgressBar,
    MatSelect,
    MatSlideToggle,
    MatTooltip,
    NgTemplateOutlet,
    RouterLink,
  ],
  templateUrl: './calendar-page.html',
  styleUrls: ['../../working-groups/feedback.scss', './calendar-page.scss'],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CalendarPage {
  private readonly meetingsApi = inject(MeetingsService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly dialog = inject(MatDialog);
  private readonly user = inject(AuthService).user;

  protected readonly today = berlinDay(new Date());
  protected readonly kindOrder = MEETING_KIND_ORDER;
  protected readonly kindLabels = MEETING_KIND_LABELS;
  protected readonly formatLabels = MEETING_FORMAT_LABELS;
  protected readonly rsvpLabels = RSVP_LABELS;
  protected readonly weekdayShort = WEEKDAY_SHORT;
  protected readonly weekdayLong = WEEKDAY_LONG;
  protected readonly dayLimit = DAY_LIMIT;
  protected readonly time = berlinTime;
  protected readonly weekdayDate = germanWeekdayDate;
  protected readonly shortDate = germanShortDate;
  protected readonly monthTitle = monthTitle;

  protected readonly state = toSignal(
    this.route.queryParamMap.pipe(map((params) => stateFromParams((name) => params.get(name), this.today))),
    { initialValue: stateFromParams(() => null, this.today) },
  );

  protected readonly groups = toSignal(
    inject(GroupsService)
      .list()
      .pipe(
        map((groups) => [...groups].sort((a, b) => a.name.localeCompare(b.name, 'de'))),
        catchError(() => of([] as GroupSummary[])),
      ),
    { initialValue: [] as GroupSummary[] },
  );
  protected readonly canPlan = computed(() => mayPlan(this.user()?.role, this.groups()));

  private readonly reloads = signal(0);
  protected readonly load = signal<LoadState>({ status: 'loading' });
  /** The last meetings loaded: they stay visible while the next period loads. */
  protected readonly meetings = signal<MeetingSummary[]>([]);

  protected readonly title = computed(() => periodTitle(this.state().view, this.state().date));
  protected readonly range = computed(() => visibleRange(this.state().view, this.state().date));
  protected readonly byDay = computed(() => meetingsByDay(this.meetings(), this.range().from, this.range().to));
  protected readonly weeks = computed(() => monthGrid(this.state().date));
  protected readonly shownMonth = computed(() => this.state().date.slice(0, 7));
  protected readonly days = computed(() => weekDays(this.state().date));
  /** The month's days that have meetings (the month view on small screens). */
  protected readonly monthAgenda = computed(() =>
    [...this.byDay().entries()]
      .filter(([day]) => day.startsWith(this.shownMonth()))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  protected readonly months = computed(() => meetingsByMonth(this.meetings()));
  protected readonly filtered = computed(() => {
    const s = this.state();
    return s.groupIds.length > 0 || s.kinds.length > 0 || s.mine;
  });

  constructor() {
    toObservable(computed(() => ({ query: queryOf(this.state()), reload: this.reloads() })))
      .pipe(
        switchMap(({ query }) => this.fetch(query)),
        takeUntilDestroyed(),
      )
      .subscribe((load) => {
        this.load.set(load);
        if (load.status === 'loaded') this.meetings.set(load.meetings);
      });
  }

  protected meetingsOn(day: string): MeetingSummary[] {
    return this.byDay().get(day) ?? [];
  }

  protected setView(view: CalendarView): void {
    this.navigate({ view });
  }

  protected step(direction: number): void {
    const s = this.state();
    this.navigate({ date: shiftDate(s.view, s.date, direction) });
  }

  protected goToday(): void {
    this.navigate({ date: this.today });
  }

  protected setGroups(groupIds: string[]): void {
    this.navigate({ groupIds });
  }

  protected setKinds(kinds: MeetingKind[]): void {
    this.navigate({ kinds: MEETING_KIND_ORDER.filter((kind) => kinds.includes(kind)) });
  }

  protected setMine(mine: boolean): void {
    this.navigate({ mine });
  }

  protected resetFilters(): void {
    this.navigate({ groupIds: [], kinds: [], mine: false });
  }

  /** Query parameters of the week view around a day ("+ n weitere"). */
  protected weekParams(day: string): Record<string, string | null> {
    return paramsFromState({ ...this.state(), view: 'woche', date: day }, this.today);
  }

  protected reload(): void {
    this.reloads.update((n) => n + 1);
  }

  protected plan(): void {
    openMeetingForm(this.dialog, {}).subscribe((saved) => {
      if (saved) this.reload();
    });
  }

  protected subscribe(): void {
    openCalendarSubscription(this.dialog);
  }

  protected kindLabel(meeting: MeetingSummary): string {
    return this.kindLabels[meeting.kind];
  }

  protected dayOf(meeting: MeetingSummary): string {
    return berlinDay(meeting.startsAt);
  }

  protected answerLabel(meeting: MeetingSummary): string {
    return meeting.myAnswer ? this.rsvpLabels[meeting.myAnswer] : 'offen';
  }

  protected placeOf(meeting: MeetingSummary): string {
    if (meeting.format === 'online') return 'Online';
    const place = meeting.place ?? 'Ort folgt';
    return meeting.format === 'hybrid' ? `${place} und online` : place;
  }

  private navigate(change: Partial<CalendarState>): void {
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: paramsFromState({ ...this.state(), ...change }, this.today),
      queryParamsHandling: 'merge',
    });
  }

  private fetch(query: ReturnType<typeof queryOf>): Observable<LoadState> {
    return this.meetingsApi.list(query).pipe(
      map((meetings): LoadState => ({ status: 'loaded', meetings })),
      catchError((error: unknown) => of<LoadState>({ status: 'error', message: apiErrorText(error) })),
      startWith<LoadState>({ status: 'loading' }),
    );
  }
}
